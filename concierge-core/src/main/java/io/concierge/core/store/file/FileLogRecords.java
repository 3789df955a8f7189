package io.concierge.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.core.store.Lease;
import io.concierge.core.store.LogRecords;
import io.concierge.core.workspace.FileLock;
import io.concierge.core.workspace.FileWorkspace;
import io.concierge.core.workspace.FolderListing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Logs as {@code jobs/<job>/logs/<name>}, one JSON object per line. An append holds the log's
 * lock across reading the last line and writing the next, and writes the line in one call; a
 * torn last line (a writer killed mid-write) is ended with a line break, and counts as the last
 * line only if it is a whole JSON object (which is how a chain check reads it too).
 */
final class FileLogRecords implements LogRecords {
    private static final int TAIL_BYTES = 64 * 1024;

    private final FileWorkspace workspace;
    private final ObjectMapper json;
    private final Fences fences;

    FileLogRecords(FileWorkspace workspace, Fences fences) {
        this.workspace = workspace;
        this.json = workspace.codecs().json();
        this.fences = fences;
    }

    Path file(String jobId, String log) {
        return workspace.jobDir(jobId).resolve("logs").resolve(log);
    }

    @Override
    public String append(String jobId, String log, Lease fence, UnaryOperator<String> lineAfter) {
        Path file = file(jobId, log);
        try (FileLock lock = workspace.lock("log-" + jobId + "-" + log)) {
            Tail tail = tail(file);
            String line = lineAfter.apply(tail.lastLine);
            if (line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a log line must not contain a line break");
            }
            byte[] bytes = ((tail.endsTorn ? "\n" : "") + line + "\n").getBytes(StandardCharsets.UTF_8);
            fences.write(jobId, fence, () -> write(file, bytes));
            return line;
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new WorkspaceIoException("append to event log", file, e);
        }
    }

    @Override
    public List<String> lines(String jobId, String log) {
        Path file = file(jobId, log);
        if (!Files.exists(file)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkspaceIoException("read event log", file, e);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // after the last line break: nothing, or a torn line never finished
        return lines;
    }

    @Override
    public List<String> names(String jobId) {
        List<String> names = new ArrayList<>();
        Path dir = workspace.jobDir(jobId).resolve("logs");
        for (String name : FolderListing.between(dir, "", ".jsonl", "the event logs in")) {
            names.add(name + ".jsonl");
        }
        return names;
    }

    /** The last well-formed line of a log, and whether the file ends in the middle of a line. */
    private record Tail(String lastLine, boolean endsTorn) {
    }

    private Tail tail(Path file) {
        if (!Files.exists(file)) {
            return new Tail("", false);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return new Tail("", false);
            }
            int length = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.read(buffer, size - length);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            boolean torn = !text.endsWith("\n");
            String[] lines = text.split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if ((i > 0 || length == size) && wellFormed(lines[i])) {
                    return new Tail(lines[i], torn);
                }
            }
            if (length < size) {
                // One line longer than the tail window: read the whole file once.
                List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = all.size() - 1; i >= 0; i--) {
                    if (wellFormed(all.get(i))) {
                        return new Tail(all.get(i), torn);
                    }
                }
            }
            return new Tail("", torn);
        } catch (IOException e) {
            throw new WorkspaceIoException("read event log", file, e);
        }
    }

    private boolean wellFormed(String line) {
        if (line.isBlank()) {
            return false;
        }
        try {
            JsonNode node = json.readTree(line);
            return node != null && node.isObject();
        } catch (IOException e) {
            return false;
        }
    }
}
