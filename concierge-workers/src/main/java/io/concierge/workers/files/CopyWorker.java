package io.concierge.workers.files;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * {@code file.copy}: copies a file into the job's artifacts, keeping its name (or {@code name})
 * and its modification time. It refuses to overwrite an existing artifact unless
 * {@code overwrite} is true, copies in chunks so a halt stops it promptly, and reports progress.
 */
public final class CopyWorker implements Worker {
    private static final WorkerDescriptor DESCRIPTOR = new WorkerDescriptor("file.copy", "1.0.0",
            "Copies a file into the job's artifacts, keeping its timestamp", List.of("source"),
            List.of("name", "overwrite"), List.of("copy"));
    private static final int CHUNK = 1 << 20;

    @Override
    public WorkerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(WorkerContext context) {
        Path source = context.inputFile("source");
        context.outputFile(targetName(context, source));
        context.params().flag("overwrite", false);
    }

    @Override
    public WorkerResult execute(WorkerContext context) throws IOException {
        Path source = context.inputFile("source");
        Path target = context.outputFile(targetName(context, source));
        boolean overwrite = context.params().flag("overwrite", false);
        if (Files.exists(target) && !overwrite) {
            throw WorkerFailure.nonRetryable("output.exists", "artifact " + target.getFileName()
                    + " already exists; set param overwrite to true to replace it");
        }
        long size = Files.size(source);
        Path partial = context.scratchDir().resolve("partial");
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[CHUNK];
            long copied = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                context.checkHalted();
                out.write(buffer, 0, n);
                copied += n;
                context.progress(size == 0 ? 1 : (double) copied / size, "copying");
            }
        }
        FileTime modified = Files.getLastModifiedTime(source);
        Files.setLastModifiedTime(partial, modified);
        try {
            if (overwrite) {
                Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(partial, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw WorkerFailure.nonRetryable("output.exists", "artifact " + target.getFileName() + " appeared while copying");
        }
        return WorkerResult.builder().output("copy", target).metric("bytes", size).build();
    }

    private static String targetName(WorkerContext context, Path source) {
        return context.params().get("name", source.getFileName().toString());
    }
}
