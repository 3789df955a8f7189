package io.concierge.core.job;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobSummary;
import io.concierge.core.job.JobIndexFile.Entry;
import io.concierge.core.job.JobIndexFile.Slot;
import io.concierge.core.job.JobIndexFile.Stamp;
import io.concierge.core.workspace.FileLock;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One call's view of the index: the slots (read from the file a chunk at a time, or held in
 * memory after {@code jobs/} was listed), the entries read again from job files, and what to
 * write back.
 */
final class JobIndexView implements AutoCloseable {
    /** How recent a change must be for its stamp to be doubted, where file times are finer than seconds. */
    static final long RACY_NANOS = 100_000_000L;
    /** How recent a change must be for its stamp to be doubted, where file times are whole seconds. */
    static final long RACY_COARSE_NANOS = 2_000_000_000L;
    /** How many slots are read at once when walking the index. */
    static final int CHUNK = 256;

    private final FileWorkspace workspace;
    private final JobFiles jobs;
    private final JobIndexFile file;
    private final List<Slot> memory;
    private final Stamp dirStamp;
    private final boolean dirRacy;
    private final Map<Integer, Entry> changed = new HashMap<>();
    /** After {@link #prefetch()}: the entries read again from their job files, null where the slot is fresh. */
    private Entry[] reread;
    /** After {@link #prefetch()} on the file's slots: all of them. */
    private Slot[] loaded;
    private Slot[] chunk = new Slot[0];
    private int chunkStart = -1;

    JobIndexView(FileWorkspace workspace, JobFiles jobs, JobIndexFile file, List<Slot> memory, Stamp dirStamp,
                 boolean dirRacy) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.file = file;
        this.memory = memory;
        this.dirStamp = dirStamp;
        this.dirRacy = dirRacy;
    }

    int size() {
        return memory != null ? memory.size() : file.count();
    }

    Slot slot(int i) {
        if (memory != null) {
            return memory.get(i);
        }
        if (loaded != null) {
            return loaded[i];
        }
        if (i < chunkStart || i >= chunkStart + chunk.length) {
            chunkStart = Math.max(0, Math.min(i - CHUNK / 2, size() - CHUNK));
            try {
                chunk = file.slots(chunkStart, Math.min(size(), chunkStart + CHUNK));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Slot slot = chunk[i - chunkStart];
        if (slot == null) {
            throw new IndexDamaged();
        }
        return slot;
    }

    /** The first position whose id is not below {@code id}. */
    int lowerBound(String id) {
        int low = 0;
        int high = size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (slot(mid).id().compareTo(id) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The first position whose id is above {@code id}. */
    int upperBound(String id) {
        int low = 0;
        int high = size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (slot(mid).id().compareTo(id) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Reads the whole data file at once: many summaries are about to be read. */
    void loadData() {
        if (file != null) {
            try {
                file.loadAllData();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * About to look at every entry: the data file is read in one go, every job file's stamp
     * taken and the changed ones read, on all cores at once.
     */
    void prefetch() {
        prefetch(true);
    }

    /** {@link #prefetch()}, reading the data file only when {@code withData} (else a record is read when needed). */
    void prefetch(boolean withData) {
        if (reread != null) {
            return;
        }
        if (withData) {
            loadData();
        }
        int size = size();
        Slot[] slots;
        if (memory != null) {
            slots = memory.toArray(new Slot[0]);
        } else {
            try {
                slots = file.slots(0, size);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Slot slot : slots) {
                if (slot == null) {
                    throw new IndexDamaged();
                }
            }
            loaded = slots;
        }
        Entry[] read = new Entry[size];
        Path jobsDir = workspace.jobsDir();
        IntStream.range(0, size).parallel().forEach(i -> {
            Slot slot = slots[i];
            Stamp now = Stamp.orNone(jobFile(jobsDir, slot.id()));
            if (slot.racy() || !now.equals(slot.stamp())) {
                read[i] = readJob(slot.id(), now);
            }
        });
        reread = read;
    }

    /** After {@link #prefetch()}: whether the slot at {@code i} is as its job file is now. */
    boolean fresh(int i) {
        return reread != null && reread[i] == null && !changed.containsKey(i);
    }

    /** The entry at {@code i} as its job file is now: from the index when the file's stamp still fits. */
    Entry examine(int i) {
        Entry already = changed.get(i);
        if (already != null) {
            return already;
        }
        Slot slot = slot(i);
        Entry fresh;
        if (reread != null) {
            fresh = reread[i];
            if (fresh == null) {
                Entry indexed = fromFile(slot);
                if (indexed != null) {
                    return indexed;
                }
                fresh = readJob(slot.id(), Stamp.orNone(jobFile(workspace.jobsDir(), slot.id())));
            }
        } else {
            Stamp now = Stamp.orNone(jobFile(workspace.jobsDir(), slot.id()));
            if (!slot.racy() && now.equals(slot.stamp())) {
                Entry indexed = fromFile(slot);
                if (indexed != null) {
                    return indexed;
                }
            }
            fresh = readJob(slot.id(), now);
        }
        changed.put(i, fresh);
        return fresh;
    }

    private Entry fromFile(Slot slot) {
        if (file == null) {
            return null;
        }
        try {
            return file.entry(slot);
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes what changed back, if the index lock is free and nobody changed the index meanwhile. */
    void save() {
        if (changed.isEmpty() && memory == null) {
            return;
        }
        Optional<FileLock> lock = workspace.tryLock("job-index");
        if (lock.isEmpty()) {
            return; // another process is writing it; ours would be no fresher
        }
        try (FileLock held = lock.get()) {
            if (file != null && !file.unchangedOnDisk()) {
                return;
            }
            if (file != null && !file.mostlyDead() && appendOnly()) {
                writeInPlace();
            } else {
                prefetch();
                JobIndexFile.rewrite(workspace.stateDir().resolve("index"), allEntries(), dirStamp, dirRacy);
            }
        } catch (IOException | RuntimeException e) {
            // the index only saves time; the job files stay the truth
        }
    }

    /** Whether the slots are the file's, in order, perhaps with new ids after the last. */
    private boolean appendOnly() throws IOException {
        if (memory == null) {
            return true;
        }
        if (memory.size() < file.count()) {
            return false;
        }
        Slot[] old = file.slots(0, file.count());
        for (int i = 0; i < old.length; i++) {
            if (old[i] == null || !old[i].equals(memory.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void writeInPlace() throws IOException {
        int count = file.count();
        List<Integer> positions = new ArrayList<>();
        List<Entry> updated = new ArrayList<>();
        List<Entry> appended = new ArrayList<>();
        for (int i = count; i < size(); i++) {
            appended.add(examine(i));
        }
        long freed = 0;
        for (Map.Entry<Integer, Entry> change : changed.entrySet()) {
            int i = change.getKey();
            if (i < count) {
                positions.add(i);
                updated.add(change.getValue());
                freed += slot(i).length();
            }
        }
        file.update(positions.stream().mapToInt(Integer::intValue).toArray(), freed, updated, appended, dirStamp,
                dirRacy);
    }

    private List<Entry> allEntries() {
        List<Entry> all = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            all.add(examine(i));
        }
        return all;
    }

    @Override
    public void close() {
        closeQuietly(file);
    }

    /** {@code jobs/<id>/job.yaml}, in one step (this is done for every job a listing looks at). */
    static Path jobFile(Path jobsDir, String id) {
        return jobsDir.resolve(id + "/job.yaml");
    }

    /** Reads one job file into an entry; {@code stamp} was taken before reading, so a later change shows. */
    private Entry readJob(String id, Stamp stamp) {
        boolean racy = racy(stamp);
        if (!stamp.exists()) {
            return new Entry(id, null, null, stamp, racy);
        }
        try {
            Job job = jobs.read(id);
            return new Entry(id, JobSummary.of(job), null, stamp, racy);
        } catch (io.concierge.api.failure.NotFoundException e) {
            return new Entry(id, null, null, Stamp.NONE, true);
        } catch (ConciergeException e) {
            return new Entry(id, null, e.getMessage(), stamp, racy);
        } catch (RuntimeException e) {
            // values the Job record itself refuses: still a bad file, not a reason to stop listing
            return new Entry(id, null, "cannot be read as a job (" + e.getMessage() + "); fix the file or restore it",
                    stamp, racy);
        }
    }

    /**
     * Whether a file changed so recently that a second change could leave the same stamp: within
     * {@link #RACY_NANOS} on a file system that keeps times to the nanosecond or millisecond (their
     * clocks tick every few milliseconds), within {@link #RACY_COARSE_NANOS} where times are whole
     * seconds. A time in the future (another machine's clock) stays racy until it has passed.
     */
    static boolean racy(Stamp stamp) {
        if (!stamp.exists()) {
            return false;
        }
        long age = System.currentTimeMillis() * 1_000_000L - stamp.mtimeNanos();
        return age < (stamp.mtimeNanos() % 1_000_000_000L == 0 ? RACY_COARSE_NANOS : RACY_NANOS);
    }

    /** Closes an index file that was only read from. */
    static void closeQuietly(JobIndexFile file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // only read from
            }
        }
    }

    /** A slot that cannot be read: the call starts again, comparing the slots with the job folders. */
    static final class IndexDamaged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IndexDamaged() {
            super("a slot of the job index is damaged", null, false, false);
        }
    }
}
