package io.concierge.core.job;

import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobStatus;
import io.concierge.api.job.JobSummary;
import io.concierge.api.job.JobSummaryPage;
import io.concierge.api.workspace.Finding;
import io.concierge.core.job.JobIndexFile.Entry;
import io.concierge.core.job.JobIndexFile.Slot;
import io.concierge.core.job.JobIndexFile.Stamp;
import io.concierge.core.store.JobQuery;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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
 *   <li><b>Changes in the same instant</b>: a file changed within {@link JobIndexView#RACY_NANOS} of being
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
public final class JobIndex implements JobCatalog {

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

    private JobSummaryPage page(JobIndexView view, JobFilter filter) {
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
            if (++examined == JobIndexView.CHUNK) {
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
                if (Files.exists(JobIndexView.jobFile(workspace.jobsDir(), id))) {
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
    private <T> T read(java.util.function.Function<JobIndexView, T> body) {
        try (JobIndexView view = open(false)) {
            return body.apply(view);
        } catch (JobIndexView.IndexDamaged | UncheckedIOException e) {
            try (JobIndexView view = open(true)) {
                return body.apply(view);
            } catch (JobIndexView.IndexDamaged | UncheckedIOException again) {
                try (JobIndexView view = rebuilt(workspace.jobsDir())) {
                    return body.apply(view);
                }
            }
        }
    }

    /**
     * Opens the index as it is on disk, compared with the folders of {@code jobs/} when they
     * changed (or always, when {@code compare}); rebuilt when missing or damaged.
     */
    private JobIndexView open(boolean compare) {
        Path jobsDir = workspace.jobsDir();
        for (int attempt = 0; ; attempt++) {
            JobIndexFile file = null;
            try {
                file = JobIndexFile.open(dir());
                Stamp dirStamp = Stamp.orNone(jobsDir);
                JobIndexFile.Header header = file.header();
                if (!compare && !header.dirRacy() && header.jobsDir().equals(dirStamp)) {
                    return new JobIndexView(workspace, jobs, file, null, dirStamp, false);
                }
                return reconciled(file, dirStamp);
            } catch (JobIndexFile.Damaged e) {
                JobIndexView.closeQuietly(file);
                return rebuilt(jobsDir);
            } catch (IOException | RuntimeException e) {
                JobIndexView.closeQuietly(file);
                // missing: none yet, or a writer replaced it between our two opens (then open the new one)
                if (attempt < 2 && Files.exists(JobIndexFile.slotsFile(dir()))) {
                    continue;
                }
                return rebuilt(jobsDir);
            }
        }
    }

    /** No usable index: every folder of {@code jobs/} is read from its job file. */
    private JobIndexView rebuilt(Path jobsDir) {
        Stamp dirStamp = Stamp.orNone(jobsDir);
        List<Slot> slots = new ArrayList<>();
        for (String id : folderNames(jobsDir)) {
            slots.add(unknown(id));
        }
        return new JobIndexView(workspace, jobs, null, slots, dirStamp, JobIndexView.racy(dirStamp));
    }

    /**
     * {@code jobs/} changed since the index last looked: its folders against the slots, by id;
     * a new folder (or one whose slot is damaged) gets a slot that makes it read.
     */
    private JobIndexView reconciled(JobIndexFile file, Stamp dirStamp) throws IOException {
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
        return new JobIndexView(workspace, jobs, file, merged, dirStamp, JobIndexView.racy(dirStamp));
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

}
