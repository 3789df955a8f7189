package io.concierge.workers.db;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.WorkerParams;

/**
 * The checked params of one backup.
 *
 * @param compression how the backup file is compressed ({@code gzip} unless set)
 * @param verify      whether the written backup is decompressed, opened and checked (true unless set)
 */
record BackupOptions(Compression compression, boolean verify) {

    private static final int MAX_ECHO_CHARS = 60;

    /**
     * Reads {@code compression} and {@code verify}.
     *
     * @throws WorkerFailure of type {@code input.invalid} naming the bad param
     */
    static BackupOptions from(WorkerParams params) {
        Compression compression = params.find("compression").map(Compression::parse).orElse(Compression.GZIP);
        boolean verify;
        try {
            verify = params.flag("verify", true);
        } catch (ConciergeException e) {
            throw new WorkerFailure("input.invalid", e.getMessage(), false, e);
        }
        return new BackupOptions(compression, verify);
    }

    /** A caller's value made safe to echo in a one-line message: no control characters, not too long. */
    static String quote(String value) {
        String oneLine = value.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= MAX_ECHO_CHARS ? oneLine : oneLine.substring(0, MAX_ECHO_CHARS) + "…";
    }
}
