package io.concierge.examples.wordcount;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code text.wordcount}: counts the lines, words and characters of a UTF-8 text file and writes
 * them to {@code <name>-wordcount.json} in the job's artifacts:
 *
 * <pre>{@code
 * {"file": "notes.txt", "lines": 2, "words": 5, "characters": 31}
 * }</pre>
 *
 * <p>It reads the file in pieces, so any size works, checks for a halt between pieces and reports
 * progress. A file that is not UTF-8 fails the step with {@code input.invalid}.
 */
public final class WordCountWorker implements Worker {
    private static final WorkerDescriptor DESCRIPTOR = new WorkerDescriptor("text.wordcount", "1.0.0",
            "Counts the lines, words and characters of a text file", List.of("text_file"), List.of(), List.of("report"));

    /** Creates the worker; ServiceLoader calls this. */
    public WordCountWorker() {
    }

    @Override
    public WorkerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(WorkerContext context) {
        context.inputFile("text_file");
    }

    @Override
    public WorkerResult execute(WorkerContext context) throws IOException {
        Path file = context.inputFile("text_file");
        long size = Math.max(1, Files.size(file));
        TextCounter counter = new TextCounter();
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), decoder)) {
            char[] buffer = new char[64 * 1024];
            long read = 0;
            int n;
            while ((n = reader.read(buffer)) > 0) {
                context.checkHalted();
                counter.accept(buffer, n);
                read += n;
                context.progress(Math.min(1, (double) read / size), "counting");
            }
        } catch (CharacterCodingException e) {
            throw WorkerFailure.nonRetryable("input.invalid", "input text_file: " + file + " is not UTF-8 text");
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path report = context.outputFile((dot > 0 ? name.substring(0, dot) : name) + "-wordcount.json");
        Files.writeString(report, json(name, counter), StandardCharsets.UTF_8);
        return WorkerResult.builder().output("report", report)
                .metric("lines", counter.lines()).metric("words", counter.words())
                .metric("characters", counter.characters()).build();
    }

    private static String json(String fileName, TextCounter counter) {
        return "{\n  \"file\": " + quote(fileName) + ",\n  \"lines\": " + counter.lines() + ",\n  \"words\": "
                + counter.words() + ",\n  \"characters\": " + counter.characters() + "\n}\n";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
