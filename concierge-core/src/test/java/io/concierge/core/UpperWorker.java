package io.concierge.core;

import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A small real worker for core tests: upper-cases a text file's content and name. */
class UpperWorker implements Worker {
    @Override
    public WorkerDescriptor descriptor() {
        return new WorkerDescriptor("text.upper", "1.0.0", "upper-cases text", List.of("text_file"), List.of(), List.of("text"));
    }

    @Override
    public void validate(WorkerContext context) {
        context.inputFile("text_file");
    }

    @Override
    public WorkerResult execute(WorkerContext context) throws Exception {
        Path in = context.inputFile("text_file");
        String name = in.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path out = context.outputFile(name.substring(0, dot).toUpperCase(Locale.ROOT) + name.substring(dot));
        Files.writeString(out, Files.readString(in).toUpperCase(Locale.ROOT));
        return WorkerResult.builder().output("text", out).build();
    }
}
