package io.concierge.workers.db;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.workers.files.CompressWorker;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** How a backup file is compressed. */
enum Compression {

    /** gzip from {@code java.util.zip}: readable everywhere with {@code gunzip}. */
    GZIP("gzip", ".db.gz") {
        @Override
        OutputStream compressing(OutputStream out) throws IOException {
            return new GZIPOutputStream(out, BUFFER_BYTES);
        }

        @Override
        InputStream decompressing(InputStream in) throws IOException {
            return new GZIPInputStream(in, BUFFER_BYTES);
        }
    },

    /**
     * Zstandard through zstd-jni, at zstd's own default level 3: smaller than gzip and several
     * times faster on database pages; {@code zstd -d} reads it. Refused where the native library
     * does not load.
     */
    ZSTD("zstd", ".db.zst") {
        @Override
        OutputStream compressing(OutputStream out) throws IOException {
            return new ZstdOutputStream(new BufferedOutputStream(out, BUFFER_BYTES), ZSTD_LEVEL);
        }

        @Override
        InputStream decompressing(InputStream in) throws IOException {
            return new ZstdInputStream(new BufferedInputStream(in, BUFFER_BYTES));
        }
    },

    /** The plain database file. */
    NONE("none", ".db") {
        @Override
        OutputStream compressing(OutputStream out) {
            return out;
        }

        @Override
        InputStream decompressing(InputStream in) {
            return in;
        }
    };

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int ZSTD_LEVEL = 3;

    private final String id;
    private final String suffix;

    Compression(String id, String suffix) {
        this.id = id;
        this.suffix = suffix;
    }

    /**
     * Parses the {@code compression} param, ignoring case.
     *
     * @throws WorkerFailure of type {@code input.invalid} listing the supported values
     */
    static Compression parse(String value) {
        if (value.equalsIgnoreCase(ZSTD.id) && !CompressWorker.zstdAvailable()) {
            throw WorkerFailure.nonRetryable("input.invalid", "param compression: zstd is not available on this "
                    + "machine (zstd-jni could not load its native library); use gzip or none");
        }
        for (Compression compression : values()) {
            if (compression.id.equalsIgnoreCase(value)) {
                return compression;
            }
        }
        throw WorkerFailure.nonRetryable("input.invalid", "param compression must be one of " + supported()
                + ", got '" + BackupOptions.quote(value) + "'");
    }

    /** The value of the param, e.g. {@code gzip}. */
    String id() {
        return id;
    }

    /** The end of the backup file's name, e.g. {@code .db.gz}. */
    String suffix() {
        return suffix;
    }

    /** Wraps {@code out} so what is written to the result is compressed; closing it closes {@code out}. */
    abstract OutputStream compressing(OutputStream out) throws IOException;

    /** Wraps {@code in} so what is read from the result is decompressed; closing it closes {@code in}. */
    abstract InputStream decompressing(InputStream in) throws IOException;

    private static String supported() {
        return Arrays.stream(values()).map(c -> c.id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id.toUpperCase(Locale.ROOT);
    }
}
