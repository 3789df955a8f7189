package io.concierge.workers.db;

import io.concierge.api.failure.WorkerFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Recognises an SQLite database file by the 16 bytes every one of them starts with. */
final class SqliteHeader {

    /** {@code "SQLite format 3"} followed by a NUL byte. */
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteHeader() {
    }

    /**
     * Checks that {@code file} starts with the SQLite header.
     *
     * @param inputName the input's name, for the message
     * @throws WorkerFailure of type {@code input.invalid} when it does not or cannot be read
     */
    static void require(Path file, String inputName) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAGIC.length);
        } catch (IOException e) {
            throw new WorkerFailure("input.invalid", "input " + inputName + ": cannot read " + file + ": "
                    + e.getMessage(), false, e);
        }
        if (!Arrays.equals(head, MAGIC)) {
            throw WorkerFailure.nonRetryable("input.invalid", "input " + inputName + ": " + file.getFileName()
                    + " is not an SQLite 3 database (it does not start with the header 'SQLite format 3')");
        }
    }
}
