package io.concierge.workers.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/** Streams a file through a {@link Compression} one buffer at a time, reporting each buffer. */
final class CompressedCopy {

    private static final int BUFFER_BYTES = 256 * 1024;

    private CompressedCopy() {
    }

    /**
     * What was written.
     *
     * @param sizeBytes the written file's size
     * @param sha256    the SHA-256 of the written bytes, lower-case hex
     */
    record Written(long sizeBytes, String sha256) {
    }

    /**
     * Compresses {@code source} into {@code target}, hashing the bytes as they are written so
     * the file need not be read twice.
     *
     * @param afterBuffer called with the source bytes read so far after each buffer; it may
     *                    throw to stop the copy (a halt)
     */
    static Written compress(Path source, Path target, Compression compression, LongConsumer afterBuffer)
            throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = compression.compressing(
                     new DigestOutputStream(Files.newOutputStream(target), sha256))) {
            copy(in, out, afterBuffer);
        }
        return new Written(Files.size(target), HexFormat.of().formatHex(sha256.digest()));
    }

    /** Decompresses {@code source} into {@code target}; {@code afterBuffer} as for {@link #compress}. */
    static void decompress(Path source, Path target, Compression compression, LongConsumer afterBuffer)
            throws IOException {
        try (InputStream in = compression.decompressing(Files.newInputStream(source));
             OutputStream out = Files.newOutputStream(target)) {
            copy(in, out, afterBuffer);
        }
    }

    private static void copy(InputStream in, OutputStream out, LongConsumer afterBuffer) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            total += n;
            afterBuffer.accept(total);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
