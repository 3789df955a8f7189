package io.concierge.core.job;

import io.concierge.api.job.JobStatus;
import io.concierge.api.job.JobSummary;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The job index on disk, two files in {@code .concierge/index/}:
 *
 * <ul>
 *   <li>{@code jobs.idx}: a 128-byte header, then one 128-byte slot per job folder, sorted by
 *       id (so by creation time). A slot holds what filtering and the staleness check need
 *       without anything else: the id, the status, the creation time, the modification time,
 *       size and file key of the {@code job.yaml} it was read from, and where its summary is.
 *       Slot {@code i} is at byte {@code 128 * (i + 1)}: the newest jobs are the last slots,
 *       found without reading the others.</li>
 *   <li>{@code jobs-<generation>.dat}: the summaries (sentence, package, version, update time)
 *       and the messages of unreadable job files, appended; a changed job gets a new record and
 *       its slot is rewritten in place. A full rewrite (a job removed, an id arriving out of
 *       order, or too much dead space) writes both files anew under a new generation.</li>
 * </ul>
 *
 * <p>Every slot, record and the header carry a CRC32C, so a torn or damaged part is seen as
 * such (and re-read from the job file) instead of being believed. All numbers are big-endian.
 * Positional reads and writes only, so that it works on any {@code FileSystem} (the testkit's
 * in-memory one has no memory mapping).
 */
final class JobIndexFile implements Closeable {
    static final int SLOT = 128;
    static final int MAX_ID = 80;
    /** Slot kind of a job file that could not be read as a job: its record holds the message. */
    static final int PROBLEM = 126;
    /** Slot kind of a job folder without a {@code job.yaml} (yet): listed nowhere, checked again when met. */
    static final int NO_FILE = 127;
    static final long MAGIC = 0x434F4E4349444731L; // "CONCIDG1"
    static final int FORMAT = 1;
    static final JobStatus[] STATUSES = JobStatus.values();

    private final Path dir;
    private final FileChannel slots;
    private final Header header;
    private FileChannel data;
    private ByteBuffer wholeData;

    /**
     * The modification time, size and file key (a hash of device and inode where the file
     * system has one) of a file: when any differs, the file changed.
     *
     * @param mtimeNanos modification time, nanoseconds since the epoch
     * @param size       size in bytes
     * @param key        hash of the file key, 0 when there is none
     */
    record Stamp(long mtimeNanos, long size, int key) {
        static final Stamp NONE = new Stamp(0, -1, 0);

        static Stamp of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size(),
                    Objects.hashCode(attributes.fileKey()));
        }

        /** The stamp, or {@link #NONE} when the file is missing. */
        static Stamp orNone(Path file) {
            try {
                return of(file);
            } catch (NoSuchFileException e) {
                return NONE;
            } catch (IOException e) {
                return NONE;
            }
        }

        boolean exists() {
            return size >= 0;
        }
    }

    /**
     * The header: how many slots, which data file, how much of it is written, and the stamp of
     * the {@code jobs/} folder when its listing was last compared with the slots.
     *
     * @param count      slots
     * @param generation names the data file, {@code jobs-<generation>.dat}
     * @param dataLength bytes of the data file that records point into
     * @param jobsDir    stamp of {@code jobs/} at the last comparison
     * @param dirRacy    {@code jobs/} changed too recently to trust its stamp: compare again next time
     * @param liveLength bytes of the data file that slots point to: the rest is dead, left by changes
     */
    record Header(int count, long generation, long dataLength, Stamp jobsDir, boolean dirRacy, long liveLength) {
    }

    /**
     * One job folder as the index knows it.
     *
     * @param id         the folder's name
     * @param kind       the status' ordinal, {@link #PROBLEM} or {@link #NO_FILE}
     * @param racy       the file changed too recently to trust its stamp: read it again next time
     * @param createdAt  creation time (epoch for problems and missing files)
     * @param offset     where its record starts in the data file
     * @param length     the record's length
     * @param stamp      the stamp of {@code job.yaml} when it was read
     */
    record Slot(String id, int kind, boolean racy, Instant createdAt, long offset, int length, Stamp stamp) {
        boolean isJob() {
            return kind < PROBLEM;
        }

        JobStatus status() {
            return STATUSES[kind];
        }
    }

    /**
     * What one job folder holds: a summary, or the message of a file that is no job, or nothing.
     *
     * @param id      the folder's name
     * @param summary the job, or null
     * @param problem what is wrong with its file, or null
     * @param stamp   the file's stamp when read
     * @param racy    whether the stamp may not show a change made in the same instant
     */
    record Entry(String id, JobSummary summary, String problem, Stamp stamp, boolean racy) {
        int kind() {
            return summary != null ? summary.status().ordinal() : problem != null ? PROBLEM : NO_FILE;
        }

        Instant createdAt() {
            return summary != null ? summary.createdAt() : Instant.EPOCH;
        }
    }

    private JobIndexFile(Path dir, FileChannel slots, Header header) {
        this.dir = dir;
        this.slots = slots;
        this.header = header;
    }

    static Path slotsFile(Path dir) {
        return dir.resolve("jobs.idx");
    }

    private static Path dataFile(Path dir, long generation) {
        return dir.resolve("jobs-" + Long.toHexString(generation) + ".dat");
    }

    /**
     * Opens the index in {@code dir}.
     *
     * @return the open index
     * @throws NoSuchFileException when there is none
     * @throws IOException         when it cannot be read, or is damaged ({@link Damaged})
     */
    static JobIndexFile open(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(slotsFile(dir), StandardOpenOption.READ);
        try {
            Header header = readHeader(channel);
            if (channel.size() < (long) SLOT * (header.count() + 1)) {
                throw new Damaged("jobs.idx is shorter than its " + header.count() + " slots");
            }
            JobIndexFile file = new JobIndexFile(dir, channel, header);
            file.data = FileChannel.open(dataFile(dir, header.generation()), StandardOpenOption.READ);
            if (file.data.size() < header.dataLength()) {
                file.close();
                throw new Damaged("the data file of the job index is shorter than its header says");
            }
            return file;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The index cannot be used as it is: rebuild it. */
    static final class Damaged extends IOException {
        private static final long serialVersionUID = 1L;

        Damaged(String message) {
            super(message);
        }
    }

    Header header() {
        return header;
    }

    int count() {
        return header.count();
    }

    private static Header readHeader(FileChannel channel) throws IOException {
        // A writer may be rewriting the header while it is read: a torn read fails its CRC, and
        // a second look a moment later sees it whole.
        for (int attempt = 0; ; attempt++) {
            ByteBuffer buffer = readFully(channel, 0, SLOT);
            if (buffer.getLong(0) != MAGIC || buffer.getInt(8) != FORMAT) {
                throw new Damaged("jobs.idx is not a job index of this version");
            }
            Header header = JobIndexCodec.decodeHeader(buffer);
            if (header != null) {
                return header;
            }
            if (attempt == 3) {
                throw new Damaged("jobs.idx has a damaged header");
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Slots {@code from} (inclusive) to {@code to} (exclusive), one read; a damaged slot is null.
     */
    Slot[] slots(int from, int to) throws IOException {
        Slot[] result = new Slot[to - from];
        if (to <= from) {
            return result;
        }
        ByteBuffer buffer = readFully(slots, (long) SLOT * (from + 1), SLOT * (to - from));
        for (int i = 0; i < result.length; i++) {
            result[i] = JobIndexCodec.decodeSlot(buffer, i * SLOT);
        }
        return result;
    }

    /**
     * Reads the whole data file into memory, when many records are about to be read: one read
     * instead of one per record.
     */
    void loadAllData() throws IOException {
        if (wholeData == null) {
            wholeData = readFully(data, 0, (int) Math.min(header.dataLength(), Integer.MAX_VALUE));
        }
    }

    /**
     * The entry a slot points to, or null when its record is damaged or not that job's.
     */
    Entry entry(Slot slot) throws IOException {
        if (slot.kind() == NO_FILE) {
            return new Entry(slot.id(), null, null, slot.stamp(), slot.racy());
        }
        if (slot.length() < 9 || slot.offset() < 0 || slot.offset() + slot.length() > header.dataLength()) {
            return null;
        }
        ByteBuffer record;
        int at;
        if (wholeData != null) {
            record = wholeData;
            at = (int) slot.offset();
        } else {
            record = readFully(data, slot.offset(), slot.length());
            at = 0;
        }
        if (JobIndexCodec.crc(record, at + 4, slot.length() - 4) != record.getInt(at)) {
            return null;
        }
        try {
            return JobIndexCodec.decodeRecord(record, at + 4, slot);
        } catch (RuntimeException e) {
            return null; // a record whose CRC fits but whose content does not: treat as damaged
        }
    }

    /** Whether {@code id} can have a slot (the folder names {@link JobFiles#ids()} accepts). */
    static boolean fits(String id) {
        return id.length() <= MAX_ID && id.chars().allMatch(c -> c < 128);
    }

    /**
     * Writes a whole new index of {@code entries} (sorted by id) under a new generation, then
     * removes the data files of older ones. Readers that opened the old files keep reading
     * them; a reader that finds its data file gone opens the index again.
     */
    static void rewrite(Path dir, List<Entry> entries, Stamp jobsDir, boolean dirRacy) throws IOException {
        Files.createDirectories(dir);
        long generation = System.nanoTime() ^ Double.doubleToLongBits(Math.random());
        generation &= Long.MAX_VALUE;
        Path data = dataFile(dir, generation);
        ByteBuffer slotBytes = ByteBuffer.allocate(SLOT * (entries.size() + 1));
        long offset = 0;
        try (FileChannel out = FileChannel.open(data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                byte[] record = entry.kind() == NO_FILE ? new byte[0] : JobIndexCodec.encodeRecord(entry);
                if (chunk.remaining() < record.length) {
                    writeFully(out, chunk.flip(), -1);
                    chunk.clear();
                }
                if (record.length > chunk.capacity()) {
                    writeFully(out, ByteBuffer.wrap(record), -1);
                } else {
                    chunk.put(record);
                }
                JobIndexCodec.encodeSlot(slotBytes, SLOT * (i + 1), slotOf(entry, offset, record.length));
                offset += record.length;
            }
            writeFully(out, chunk.flip(), -1);
        }
        ByteBuffer head = JobIndexCodec.header(new Header(entries.size(), generation, offset, jobsDir, dirRacy, offset));
        slotBytes.put(0, head, 0, SLOT);
        Path temp = dir.resolve(".jobs.idx." + Long.toHexString(generation) + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(out, slotBytes.rewind(), -1);
        }
        try {
            Files.move(temp, slotsFile(dir), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, slotsFile(dir), StandardCopyOption.REPLACE_EXISTING);
        }
        String keep = data.getFileName().toString();
        try (var files = Files.list(dir)) {
            for (Path old : (Iterable<Path>) files::iterator) {
                String name = old.getFileName().toString();
                // older generations, what a crash left half-written (writers take turns, so no
                // other is under way), and the JSON index of earlier versions
                if ((name.startsWith("jobs-") && name.endsWith(".dat") && !name.equals(keep))
                        || (name.startsWith(".jobs.idx.") && name.endsWith(".tmp")) || name.equals("jobs.json")) {
                    Files.deleteIfExists(old);
                }
            }
        }
    }

    private static Slot slotOf(Entry entry, long offset, int length) {
        return new Slot(entry.id(), entry.kind(), entry.racy(), entry.createdAt(), offset, length, entry.stamp());
    }

    /**
     * Changes this index in place: {@code changed} replace the slots at their positions,
     * {@code appended} (all after the last id) are added at the end; the records go to the end
     * of the data file first, then the header, then the slots. Only while holding the index's
     * lock, and only when the files are still those this index was opened on.
     *
     * @param positions the slot positions of {@code changed}
     * @param freed     the length of the records {@code changed} replace
     */
    void update(int[] positions, long freed, List<Entry> changed, List<Entry> appended, Stamp jobsDir, boolean dirRacy)
            throws IOException {
        try (FileChannel dataOut = FileChannel.open(dataFile(dir, header.generation()), StandardOpenOption.WRITE);
             FileChannel slotsOut = FileChannel.open(slotsFile(dir), StandardOpenOption.WRITE)) {
            long offset = header.dataLength();
            Slot[] newSlots = new Slot[changed.size() + appended.size()];
            for (int i = 0; i < newSlots.length; i++) {
                Entry entry = i < changed.size() ? changed.get(i) : appended.get(i - changed.size());
                byte[] record = entry.kind() == NO_FILE ? new byte[0] : JobIndexCodec.encodeRecord(entry);
                writeFully(dataOut, ByteBuffer.wrap(record), offset);
                newSlots[i] = slotOf(entry, offset, record.length);
                offset += record.length;
            }
            int count = header.count() + appended.size();
            ByteBuffer slot = ByteBuffer.allocate(SLOT);
            // Appended slots are written before the header counts them, changed ones after the
            // header counts their records: a reader never meets a slot pointing past what it may read.
            for (int i = 0; i < appended.size(); i++) {
                JobIndexCodec.encodeSlot(slot, 0, newSlots[changed.size() + i]);
                writeFully(slotsOut, slot.rewind(), (long) SLOT * (header.count() + i + 1));
            }
            long live = header.liveLength() - freed + (offset - header.dataLength());
            writeFully(slotsOut, JobIndexCodec.header(new Header(count, header.generation(), offset, jobsDir, dirRacy, live)), 0);
            for (int i = 0; i < changed.size(); i++) {
                JobIndexCodec.encodeSlot(slot, 0, newSlots[i]);
                writeFully(slotsOut, slot.rewind(), (long) SLOT * (positions[i] + 1));
            }
        }
    }

    /** Whether the index files are still the ones this was opened on, unchanged since. */
    boolean unchangedOnDisk() {
        try (FileChannel channel = FileChannel.open(slotsFile(dir), StandardOpenOption.READ)) {
            return readHeader(channel).equals(header);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether most of the data file is records no slot points to any more: time for a rewrite. */
    boolean mostlyDead() {
        return header.dataLength() > 2 * header.liveLength() + (1 << 20);
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new Damaged("the job index ends early");
            }
        }
        return buffer.flip();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (position < 0) {
                channel.write(buffer);
            } else {
                position += channel.write(buffer, position);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            slots.close();
        } finally {
            if (data != null) {
                data.close();
            }
        }
    }
}
