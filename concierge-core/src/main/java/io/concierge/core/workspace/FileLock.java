package io.concierge.core.workspace;

import io.concierge.api.failure.WorkspaceIoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * An exclusive lock on a file under {@code .concierge/locks/}, shared by every process and
 * every thread: OS file locks guard processes, and a lock this JVM already holds is waited for
 * like one held by another process. Released on {@link #close()} or when the process dies.
 *
 * <p>The {@code heldHere} set (one per workspace) guards threads of this JVM: OS locks are per
 * process, and some file systems (the in-memory one of the testkit) grant every lock.
 */
public final class FileLock implements AutoCloseable {
    private final FileChannel channel;
    private final java.nio.channels.FileLock lock;
    private final Path key;
    private final Set<Path> heldHere;

    private FileLock(FileChannel channel, java.nio.channels.FileLock lock, Path key, Set<Path> heldHere) {
        this.channel = channel;
        this.lock = lock;
        this.key = key;
        this.heldHere = heldHere;
    }

    /** Waits up to {@code timeout} for the lock; empty if it stayed taken. */
    public static Optional<FileLock> acquire(Path lockFile, Set<Path> heldHere, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 2;
        while (true) {
            Optional<FileLock> lock = tryAcquire(lockFile, heldHere);
            if (lock.isPresent() || System.nanoTime() > deadline) {
                return lock;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            pause = Math.min(50, pause * 2);
        }
    }

    /** Takes the lock if it is free right now. */
    public static Optional<FileLock> tryAcquire(Path lockFile, Set<Path> heldHere) {
        Path key = lockFile.toAbsolutePath().normalize();
        if (!heldHere.add(key)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.toAbsolutePath().getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            java.nio.channels.FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another thread of this JVM
            }
            if (lock == null) {
                channel.close();
                heldHere.remove(key);
                return Optional.empty();
            }
            return Optional.of(new FileLock(channel, lock, key, heldHere));
        } catch (IOException e) {
            closeQuietly(channel);
            heldHere.remove(key);
            throw new WorkspaceIoException("lock", lockFile, e);
        }
    }

    /** Whether some process or thread holds the lock on {@code lockFile} now. */
    public static boolean isHeld(Path lockFile, Set<Path> heldHere) {
        if (!Files.exists(lockFile)) {
            return false;
        }
        Optional<FileLock> probe = tryAcquire(lockFile, heldHere);
        probe.ifPresent(FileLock::close);
        return probe.isEmpty();
    }

    /** Records who holds the lock (read by {@link #holder(Path)} for error messages). */
    public void describeHolder(String text) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            // Only used for messages; a lock without a description still locks.
        }
    }

    /** Who holds the lock, as recorded by {@link #describeHolder(String)}, or empty. */
    public static String holder(Path lockFile) {
        try {
            return Files.readString(lockFile).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // The channel close below releases it anyway.
        }
        closeQuietly(channel);
        heldHere.remove(key);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
