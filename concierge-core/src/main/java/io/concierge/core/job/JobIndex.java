package io.concierge.core.job;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobStatus;
import io.concierge.api.job.JobSummary;
import io.concierge.api.job.JobSummaryPage;
import io.concierge.api.workspace.Finding;
import io.concierge.core.job.JobIndexFile.Entry;
import io.concierge.core.job.JobIndexFile.Slot;
import io.concierge.core.job.JobIndexFile.Stamp;
import io.concierge.core.store.JobQuery;
import io.concierge.core.workspace.FileLock;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The job index: what listing, counting and paging jobs read instead of every {@code job.yaml}
 * (format in {@link JobIndexFile}). Never the source of truth: a job file is believed over its
 * entry whenever they differ, and the index can be deleted at any time.
 *
 * <p>How it stays true without reading the job files:
 * <ul>
 *   <li><b>Which jobs exist</b>: the stamp (modification time, file key) of {@code jobs/} is kept
 *       in the header; a job folder made or removed changes it, and only then is {@code jobs/}
 *       listed again and compared with the slots.</li>
 *   <li><b>What a job holds</b>: each slot keeps the stamp of the {@code job.yaml} it was read
 *       from; every job a call looks at (the 20 of {@code --limit 20}, all of them for a full
 *       list or a count) has its file's stamp taken (one {@code stat}, no read) and is read
 *       again when it differs. So a hand edit shows at once, and a page of the newest jobs
 *       costs the same for a hundred jobs or a hundred thousand.</li>
 *   <li><b>Changes in the same instant</b>: a file changed within {@link #RACY_NANOS} of being
 *       indexed (two seconds where file times are whole seconds) may change again without its
 *       stamp showing it (a coarse clock tick, a reused inode), so such entries are marked and
 *       read again until they are older, as git does with its "racily clean" entries.</li>
 *   <li><b>Damage</b>: a missing, foreign-version or damaged index is rebuilt from the job files
 *       (in parallel); a damaged slot or record is read again from its job file.</li>
 * </ul>
 *
 * <p>A call that found changes writes them back (records appended, slots rewritten in place) if
 * it can take the index lock at once; otherwise another process is writing, and the answer,
 * already taken from the job files, is as fresh either way. Calls in one process take turns.
 */
public final class JobIndex {
    /** How recent a change must be for its stamp to be doubted, where file times are finer than seconds. */
    static final long RACY_NANOS = 100_000_000L;
    /** How recent a change must be for its stamp to be doubted, where file times are whole seconds. */
    static final long RACY_COARSE_NANOS = 2_000_000_000L;
    /** How many slots are read at once when walking the index. */
    private static final int CHUNK = 256;
    /** Job files re-read in one call from which it is worth reading them on several threads. */
    private static final int PARALLEL_FROM = 64;

    private final FileWorkspace workspace;
    private final JobFiles jobs;

    JobIndex(FileWorkspace workspace, JobFiles jobs) {
        this.workspace = workspace;
        this.jobs = jobs;
    }

    private Path dir() {
        return workspace.stateDir().resolve("index");
    }

    /**
     * The jobs a filter selects, one page, in the filter's order.
     *
     * @param filter statuses, creation time, words, order, page size and cursor
     * @return the page, the next cursor, and the unreadable job files met
     */
    public synchronized JobSummaryPage list(JobFilter filter) {
        return read(view -> page(view, filter));
    }

    private JobSummaryPage page(View view, JobFilter filter) {
        int size = view.size();
        if (filter.limit() == 0) {
            view.prefetch();
        }
        int start;
        Optional<String> cursor = filter.cursorId();
        if (filter.newestFirst()) {
            start = cursor.map(id -> view.lowerBound(id) - 1).orElse(size - 1);
        } else {
            start = cursor.map(view::upperBound).orElse(0);
        }
        int step = filter.newestFirst() ? -1 : 1;
        List<JobSummary> page = new ArrayList<>();
        List<Finding> problems = new ArrayList<>();
        int examined = 0;
        for (int i = start; i >= 0 && i < size; i += step) {
            if (filter.limit() > 0 && page.size() > filter.limit()) {
                break;
            }
            if (++examined == CHUNK) {
                view.loadData(); // a filter that few jobs pass: read the summaries in one go from here
            }
            Entry entry = view.examine(i);
            if (entry.problem() != null) {
                problems.add(finding(entry));
            } else if (entry.summary() != null && filter.matches(entry.summary())) {
                page.add(entry.summary());
            }
        }
        view.save();
        if (filter.limit() > 0 && page.size() > filter.limit()) {
            List<JobSummary> shown = page.subList(0, filter.limit());
            return new JobSummaryPage(shown, filter.cursorAfter(shown.get(shown.size() - 1).id()), problems);
        }
        return new JobSummaryPage(page, "", problems);
    }

    /**
     * The jobs a store query selects, newest first: the file store's {@code JobRecords.list}.
     * Summaries, not whole records: a caller that needs the {@code job.yaml} text reads it for
     * the page's jobs only.
     *
     * @param query statuses, creation time, page size and cursor (a cursor this method gave)
     * @return the page and the cursor of the next
     */
    public JobSummaryPage list(JobQuery query) {
        EnumSet<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        for (String name : query.statuses()) {
            statuses.add(JobStatus.valueOf(name.toUpperCase(Locale.ROOT)));
        }
        return list(JobFilter.builder().statuses(statuses).since(query.since()).newestFirst(true)
                .limit(query.limit()).cursor(query.cursor()).build());
    }

    /**
     * How many jobs a filter selects, by status (limit and cursor aside).
     *
     * @param filter statuses, creation time and words
     * @return jobs per status, every status present
     */
    public synchronized Map<JobStatus, Long> count(JobFilter filter) {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        // Status and creation time are in the slots: without words, no summary needs reading.
        boolean slotsSuffice = filter.words().isEmpty();
        return read(view -> {
            view.prefetch(!slotsSuffice);
            for (int i = 0; i < view.size(); i++) {
                Slot slot = view.slot(i);
                if (slotsSuffice && view.fresh(i)) {
                    if (slot.isJob() && (filter.statuses().isEmpty() || filter.statuses().contains(slot.status()))
                            && (filter.since().isEmpty() || !slot.createdAt().isBefore(filter.since().get()))) {
                        counts.merge(slot.status(), 1L, Long::sum);
                    }
                    continue;
                }
                Entry entry = view.examine(i);
                if (entry.summary() != null && filter.matches(entry.summary())) {
                    counts.merge(entry.summary().status(), 1L, Long::sum);
                }
            }
            view.save();
            return counts;
        });
    }

    /**
     * Every job folder's entry, oldest first: the summaries of readable jobs, and the messages
     * of job files that are not (folders without a {@code job.yaml} are left out).
     *
     * @return the entries
     */
    synchronized List<Entry> entries() {
        return read(view -> {
            view.prefetch();
            List<Entry> all = new ArrayList<>(view.size());
            for (int i = 0; i < view.size(); i++) {
                Entry entry = view.examine(i);
                if (entry.summary() != null || entry.problem() != null) {
                    all.add(entry);
                }
            }
            view.save();
            return all;
        });
    }

    /**
     * Every readable job's summary, oldest first.
     *
     * @return the summaries
     */
    public List<JobSummary> summaries() {
        return entries().stream().map(Entry::summary).filter(s -> s != null).toList();
    }

    /**
     * One finding per job file that cannot be read as a job.
     *
     * @return the findings, by job id
     */
    public List<Finding> problems() {
        return entries().stream().filter(e -> e.problem() != null).map(JobIndex::finding).toList();
    }

    /**
     * The id of every job folder with a job file (readable or not), sorted: what walking every
     * job needs, without reading a summary.
     *
     * @return the ids
     */
    public synchronized List<String> ids() {
        return read(view -> {
            view.prefetch(false);
            List<String> all = new ArrayList<>(view.size());
            for (int i = 0; i < view.size(); i++) {
                Slot slot = view.slot(i);
                boolean hasFile = view.fresh(i) ? slot.kind() != JobIndexFile.NO_FILE
                        : view.examine(i).kind() != JobIndexFile.NO_FILE;
                if (hasFile) {
                    all.add(slot.id());
                }
            }
            view.save();
            return all;
        });
    }

    /**
     * The ids that start with {@code prefix} and still have a job file, sorted: what resolving an
     * id prefix needs, found by a binary search of the slots instead of a look at every job.
     *
     * @param prefix the start of a job id
     * @return the matching ids
     */
    public synchronized List<String> idsStartingWith(String prefix) {
        return read(view -> {
            List<String> found = new ArrayList<>();
            for (int i = view.lowerBound(prefix); i < view.size(); i++) {
                String id = view.slot(i).id();
                if (!id.startsWith(prefix)) {
                    break;
                }
                if (Files.exists(workspace.jobsDir().resolve(id).resolve("job.yaml"))) {
                    found.add(id);
                }
            }
            view.save();
            return found;
        });
    }

    static Finding finding(Entry entry) {
        return new Finding("jobs/" + entry.id() + "/job.yaml", entry.problem());
    }

    /**
     * Runs {@code body} on the index; when a part of it turns out damaged on the way, once more
     * on a view compared with {@code jobs/}, and at last on the job files alone.
     */
    private <T> T read(java.util.function.Function<View, T> body) {
        try (View view = open(false)) {
            return body.apply(view);
        } catch (IndexDamaged | UncheckedIOException e) {
            try (View view = open(true)) {
                return body.apply(view);
            } catch (IndexDamaged | UncheckedIOException again) {
                try (View view = rebuilt(workspace.jobsDir())) {
                    return body.apply(view);
                }
            }
        }
    }

    /**
     * Opens the index as it is on disk, compared with the folders of {@code jobs/} when they
     * changed (or always, when {@code compare}); rebuilt when missing or damaged.
     */
    private View open(boolean compare) {
        Path jobsDir = workspace.jobsDir();
        for (int attempt = 0; ; attempt++) {
            JobIndexFile file = null;
            try {
                file = JobIndexFile.open(dir());
                Stamp dirStamp = Stamp.orNone(jobsDir);
                JobIndexFile.Header header = file.header();
                if (!compare && !header.dirRacy() && header.jobsDir().equals(dirStamp)) {
                    return new View(file, null, dirStamp, false);
                }
                return reconciled(file, dirStamp);
            } catch (JobIndexFile.Damaged e) {
                close(file);
                return rebuilt(jobsDir);
            } catch (IOException | RuntimeException e) {
                close(file);
                // missing: none yet, or a writer replaced it between our two opens (then open the new one)
                if (attempt < 2 && Files.exists(JobIndexFile.slotsFile(dir()))) {
                    continue;
                }
                return rebuilt(jobsDir);
            }
        }
    }

    /** No usable index: every folder of {@code jobs/} is read from its job file. */
    private View rebuilt(Path jobsDir) {
        Stamp dirStamp = Stamp.orNone(jobsDir);
        List<Slot> slots = new ArrayList<>();
        for (String id : folderNames(jobsDir)) {
            slots.add(unknown(id));
        }
        return new View(null, slots, dirStamp, racy(dirStamp));
    }

    /**
     * {@code jobs/} changed since the index last looked: its folders against the slots, by id;
     * a new folder (or one whose slot is damaged) gets a slot that makes it read.
     */
    private View reconciled(JobIndexFile file, Stamp dirStamp) throws IOException {
        Slot[] old = file.slots(0, file.count());
        Map<String, Slot> known = new HashMap<>(old.length * 2);
        for (Slot slot : old) {
            if (slot != null) {
                known.put(slot.id(), slot);
            }
        }
        List<String> names = folderNames(workspace.jobsDir());
        List<Slot> merged = new ArrayList<>(names.size());
        for (String name : names) {
            Slot slot = known.get(name);
            merged.add(slot != null ? slot : unknown(name));
        }
        return new View(file, merged, dirStamp, racy(dirStamp));
    }

    private static Slot unknown(String id) {
        return new Slot(id, JobIndexFile.NO_FILE, true, Instant.EPOCH, 0, 0, Stamp.NONE);
    }

    /** The job folder names in {@code jobs/}, sorted; no file inside is looked at. */
    private static List<String> folderNames(Path jobsDir) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(jobsDir)) {
            return names;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(jobsDir)) {
            for (Path path : stream) {
                String name = path.getFileName().toString();
                if (JobFiles.isJobFolderName(name) && JobIndexFile.fits(name)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
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

    private static void close(JobIndexFile file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // only read from
            }
        }
    }

    /**
     * One call's view of the index: the slots (read from the file a chunk at a time, or held in
     * memory after {@code jobs/} was listed), the entries read again from job files, and what to
     * write back.
     */
    private final class View implements AutoCloseable {
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

        View(JobIndexFile file, List<Slot> memory, Stamp dirStamp, boolean dirRacy) {
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
                Stamp now = Stamp.orNone(jobsDir.resolve(slot.id()).resolve("job.yaml"));
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
                    fresh = readJob(slot.id(), Stamp.orNone(workspace.jobsDir().resolve(slot.id()).resolve("job.yaml")));
                }
            } else {
                Stamp now = Stamp.orNone(workspace.jobsDir().resolve(slot.id()).resolve("job.yaml"));
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
                    JobIndexFile.rewrite(dir(), allEntries(), dirStamp, dirRacy);
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
            JobIndex.close(file);
        }
    }

    /** A slot that cannot be read: the call starts again, comparing the slots with the job folders. */
    private static final class IndexDamaged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IndexDamaged() {
            super("a slot of the job index is damaged", null, false, false);
        }
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
}
