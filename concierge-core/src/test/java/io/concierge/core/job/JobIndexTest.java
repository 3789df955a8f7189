package io.concierge.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobStatus;
import io.concierge.api.job.JobSummary;
import io.concierge.api.job.JobSummaryPage;
import io.concierge.core.codec.Codecs;
import io.concierge.core.workspace.FileWorkspace;
import io.concierge.core.workspace.TimeOrderedIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job index answers as the job files do, whatever happened to them or to it: hand edits,
 * folders made or removed by hand, a deleted, damaged or foreign index, paging while jobs are
 * created, and a page of the newest jobs that never looks at the older ones.
 *
 * <p>Files changed within two seconds are read again on every listing (their stamp may not show a
 * second change in the same instant), so most tests first {@link #age() age} the files: then the
 * index is believed wherever the stamps fit, which is the path that must notice changes.
 */
class JobIndexTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path tmp;

    private FileWorkspace workspace;
    private JobFiles jobs;
    private final TimeOrderedIds ids = new TimeOrderedIds();
    private int made;

    @BeforeEach
    void open() {
        workspace = FileWorkspace.open(tmp.resolve("ws"), new Codecs(), true, "");
        jobs = new JobFiles(workspace);
    }

    /** A job created {@code made} minutes after T0, so ids and creation times go together. */
    private Job make(String text, JobStatus status) {
        Instant at = T0.plusSeconds(60L * made++);
        Job job = Job.builder().id(ids.next("j_", at)).intentId("i" + made).intentText(text).pkg("test.echo", "1.0.0")
                .status(status).createdAt(at).updatedAt(at).version(1).build();
        jobs.create(job);
        return job;
    }

    private List<Job> makeMany(int count) {
        List<Job> all = new ArrayList<>();
        JobStatus[] statuses = JobStatus.values();
        for (int i = 0; i < count; i++) {
            all.add(make("Echo job number " + i, statuses[i % statuses.length]));
        }
        return all;
    }

    /** Sets every job file, job folder and {@code jobs/} ten seconds back: their stamps are then believed. */
    private void age() throws IOException {
        FileTime past = FileTime.from(Instant.now().minusSeconds(10));
        try (Stream<Path> files = Files.walk(workspace.jobsDir())) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, past);
            }
        }
    }

    private JobSummaryPage list(Consumer<JobFilter.Builder> how) {
        JobFilter.Builder builder = JobFilter.builder();
        how.accept(builder);
        return jobs.index().list(builder.build());
    }

    private static List<String> ids(JobSummaryPage page) {
        return page.jobs().stream().map(JobSummary::id).toList();
    }

    /** What every job file says, by id, oldest first: what the index must answer. */
    private Map<String, JobSummary> truth() {
        Map<String, JobSummary> all = new LinkedHashMap<>();
        for (String id : jobs.ids()) {
            try {
                all.put(id, JobSummary.of(jobs.read(id)));
            } catch (RuntimeException e) {
                // an unreadable file: a problem, not a job
            }
        }
        return all;
    }

    private void assertListsTheTruth() {
        JobSummaryPage page = list(f -> { });
        assertThat(page.jobs()).containsExactlyElementsOf(truth().values());
    }

    private Path indexDir() {
        return workspace.stateDir().resolve("index");
    }

    @Test
    void aHandEditShowsInTheNextListing() throws Exception {
        List<Job> all = makeMany(30);
        age();
        assertListsTheTruth();
        Job old = all.get(5);
        Job newest = all.get(29);

        Path oldFile = jobs.file(old.id());
        String status = old.status().name();
        Files.writeString(oldFile, Files.readString(oldFile).replace("status: " + status, "status: HALTED"));
        Path newestFile = jobs.file(newest.id());
        Files.writeString(newestFile, Files.readString(newestFile).replace("Echo job number 29", "Echo edited by hand"));

        assertThat(list(f -> f.statuses(Set.of(JobStatus.HALTED))).jobs()).extracting(JobSummary::id).contains(old.id());
        assertThat(list(f -> f.newestFirst(true).limit(1)).jobs()).singleElement()
                .satisfies(s -> assertThat(s.intentText()).isEqualTo("Echo edited by hand"));
        assertListsTheTruth();

        // the same through an update by Concierge (a rename, a new file)
        jobs.update(all.get(7).id(), j -> j.toBuilder().intentText("changed through JobFiles").build());
        assertListsTheTruth();
    }

    @Test
    void aSecondChangeInTheSameInstantShows() throws Exception {
        makeMany(3);
        Job job = make("Echo the same size A", JobStatus.DRAFT);
        Path file = jobs.file(job.id());
        // a time the clock has not reached: the entry is racy, whatever the test's pace
        FileTime instant = FileTime.from(Instant.now().plusSeconds(3600));
        Files.setLastModifiedTime(file, instant);
        assertListsTheTruth();
        // edited in place (same file, same size) and within the same clock tick: the stamp cannot tell
        Files.writeString(file, Files.readString(file).replace("size A", "size B"));
        Files.setLastModifiedTime(file, instant);
        assertThat(list(f -> f.newestFirst(true).limit(1)).jobs()).singleElement()
                .satisfies(s -> assertThat(s.intentText()).isEqualTo("Echo the same size B"));
        assertListsTheTruth();
    }

    @Test
    void rebuiltWhenDeletedDamagedOrForeign() throws Exception {
        makeMany(40);
        age();
        assertListsTheTruth();
        List<Consumer<Path>> damages = List.of(
                dir -> delete(dir),
                dir -> write(dir.resolve("jobs.idx"), "not an index at all"),
                dir -> truncate(dir.resolve("jobs.idx"), 128 * 10),
                dir -> flipByte(dir.resolve("jobs.idx"), 128 * 7 + 20), // inside a slot
                dir -> flipByte(dir.resolve("jobs.idx"), 30), // the header
                dir -> flipByte(dir.resolve("jobs.idx"), 0), // the magic number: another format
                dir -> flipByte(dataFile(dir), 200), // inside a record
                dir -> delete(dataFile(dir)),
                dir -> write(dataFile(dir), ""));
        for (Consumer<Path> damage : damages) {
            damage.accept(indexDir());
            assertListsTheTruth();
            // and the index is whole again: it opens, and holds every job
            try (JobIndexFile file = JobIndexFile.open(indexDir())) {
                assertThat(file.count()).isEqualTo(40);
            }
            assertListsTheTruth();
        }
    }

    @Test
    void foldersMadeOrRemovedByHandShow() throws Exception {
        List<Job> all = makeMany(10);
        age();
        assertListsTheTruth();

        // a job folder copied by hand under a new id (its file renamed to match)
        Job copy = all.get(3).toBuilder().id(ids.next("j_", T0.plusSeconds(3600))).build();
        Files.createDirectories(jobs.file(copy.id()).getParent());
        Files.write(jobs.file(copy.id()), jobs.bytes(copy));
        assertThat(ids(list(f -> { }))).contains(copy.id());

        // a folder removed by hand
        delete(jobs.file(all.get(0).id()).getParent());
        assertThat(ids(list(f -> { }))).doesNotContain(all.get(0).id());

        // a folder whose job.yaml comes later, while jobs/ itself does not change
        String late = ids.next("j_", T0.plusSeconds(7200));
        Files.createDirectories(jobs.file(late).getParent());
        age();
        assertListsTheTruth();
        Job lateJob = all.get(1).toBuilder().id(late).build();
        FileTime dirTime = Files.getLastModifiedTime(workspace.jobsDir());
        Files.write(jobs.file(late), jobs.bytes(lateJob));
        assertThat(Files.getLastModifiedTime(workspace.jobsDir())).isEqualTo(dirTime);
        assertThat(ids(list(f -> f.newestFirst(true).limit(1)))).containsExactly(late);
        assertListsTheTruth();
    }

    @Test
    void aPageOfTheNewestNeverLooksAtOlderJobs() throws Exception {
        List<Job> all = makeMany(60);
        age();
        assertListsTheTruth();
        // broken by hand: only a listing that looks at this job can notice
        Files.writeString(jobs.file(all.get(10).id()), "status: [not, a, job");

        JobSummaryPage newest = list(f -> f.newestFirst(true).limit(5));
        List<String> fiveNewest = new ArrayList<>(all.subList(55, 60).stream().map(Job::id).toList());
        java.util.Collections.reverse(fiveNewest);
        assertThat(ids(newest)).containsExactlyElementsOf(fiveNewest);
        assertThat(newest.problems()).isEmpty();
        assertThat(newest.hasMore()).isTrue();

        JobSummaryPage everything = list(f -> { });
        assertThat(everything.jobs()).hasSize(59);
        assertThat(everything.problems()).singleElement()
                .satisfies(p -> assertThat(p.subject()).isEqualTo("jobs/" + all.get(10).id() + "/job.yaml"));
        assertThat(jobs.index().problems()).hasSize(1);

        Files.write(jobs.file(all.get(10).id()), jobs.bytes(all.get(10)));
        assertThat(list(f -> { }).problems()).isEmpty();
        assertListsTheTruth();
    }

    @Test
    void filtersOrderAndCursors() throws Exception {
        List<Job> all = makeMany(21); // three of each status, one a minute from T0
        age();
        Set<String> failed = new HashSet<>();
        all.stream().filter(j -> j.status() == JobStatus.FAILED).forEach(j -> failed.add(j.id()));

        assertThat(ids(list(f -> f.statuses(Set.of(JobStatus.FAILED))))).containsExactlyInAnyOrderElementsOf(failed);
        assertThat(ids(list(f -> f.since(T0.plusSeconds(60 * 18))))).containsExactlyElementsOf(
                all.subList(18, 21).stream().map(Job::id).toList());
        // words with a 'u', which no id (Crockford's base 32) holds, in any case
        assertThat(ids(list(f -> f.words(List.of("NUMBER", "job"))))).hasSize(21);
        assertThat(ids(list(f -> f.words(List.of("Number 20"))))).containsExactly(all.get(20).id());
        assertThat(ids(list(f -> f.words(List.of("number", "unheard"))))).isEmpty();

        JobSummaryPage first = list(f -> f.limit(8));
        assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 8).stream().map(Job::id).toList());
        JobSummaryPage second = list(f -> f.limit(8).cursor(first.nextCursor()));
        assertThat(ids(second)).containsExactlyElementsOf(all.subList(8, 16).stream().map(Job::id).toList());
        JobSummaryPage last = list(f -> f.limit(8).cursor(second.nextCursor()));
        assertThat(ids(last)).hasSize(5);
        assertThat(last.hasMore()).isFalse();

        JobSummaryPage newest = list(f -> f.newestFirst(true).limit(2).statuses(Set.of(JobStatus.FAILED)));
        assertThat(newest.jobs()).extracting(JobSummary::status).containsOnly(JobStatus.FAILED);
        assertThat(list(f -> f.newestFirst(true).statuses(Set.of(JobStatus.FAILED)).cursor(newest.nextCursor())).jobs())
                .hasSize(1);

        assertThatThrownBy(() -> JobFilter.builder().cursor(newest.nextCursor()).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("newest first");
        for (String bad : List.of("j_01ABC", "../x", "MW5q", "bm90IGEgY3Vyc29y")) {
            assertThatThrownBy(() -> JobFilter.builder().newestFirst(true).cursor(bad).build())
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not one a job listing gave");
        }

        Map<JobStatus, Long> counts = jobs.index().count(JobFilter.builder().words(List.of("number")).build());
        assertThat(counts).hasSize(JobStatus.values().length).containsEntry(JobStatus.FAILED, 3L);
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(21);
    }

    @Test
    void pagingVisitsEveryJobOnceWhileJobsAreCreated() throws Exception {
        List<String> before = makeMany(150).stream().map(Job::id).toList();
        age();
        assertListsTheTruth();
        // another process makes jobs meanwhile: its own workspace object, its own index
        JobFiles other = new JobFiles(FileWorkspace.open(workspace.root(), new Codecs(), false, ""));
        TimeOrderedIds otherIds = new TimeOrderedIds();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> creating = pool.submit(() -> {
                for (int n = 0; n < 300; n++) {
                    Instant now = Instant.now();
                    other.create(Job.builder().id(otherIds.next("j_", now)).intentId("x").intentText("made meanwhile")
                            .pkg("test.echo", "1.0.0").status(JobStatus.DRAFT).createdAt(now).updatedAt(now).version(1).build());
                    other.index().list(JobFilter.builder().newestFirst(true).limit(3).build());
                }
                return 300;
            });
            for (boolean newestFirst : new boolean[] {true, false}) {
                List<String> seen = new ArrayList<>();
                String cursor = "";
                do {
                    String from = cursor;
                    JobSummaryPage page = list(f -> f.newestFirst(newestFirst).limit(7).cursor(from));
                    seen.addAll(ids(page));
                    cursor = page.nextCursor();
                } while (!cursor.isEmpty());
                assertThat(seen).doesNotHaveDuplicates().containsAll(before);
                assertThat(seen).isSortedAccordingTo(newestFirst ? java.util.Comparator.reverseOrder()
                        : java.util.Comparator.naturalOrder());
            }
            assertThat(creating.get()).isEqualTo(300);
        } finally {
            pool.shutdownNow();
        }
        assertListsTheTruth();
    }

    @Test
    void prefixesAreResolvedFromTheIndex() throws Exception {
        List<Job> all = makeMany(20);
        age();
        String id = all.get(9).id();
        assertThat(jobs.resolve(id.substring(0, id.length() - 3))).isEqualTo(id);
        assertThat(jobs.index().idsStartingWith("j_")).hasSize(20);
        assertThatThrownBy(() -> jobs.resolve("j_")).isInstanceOf(io.concierge.api.failure.AmbiguousIdException.class)
                .hasMessageContaining("matches 20 jobs");
        assertThatThrownBy(() -> jobs.resolve("j_ZZZZ")).isInstanceOf(io.concierge.api.failure.NotFoundException.class);
        // a folder without its job file is no job, and a job folder made by hand is one at once
        Files.delete(jobs.file(id));
        assertThatThrownBy(() -> jobs.resolve(id.substring(0, id.length() - 3)))
                .isInstanceOf(io.concierge.api.failure.NotFoundException.class);
        String added = ids.next("j_", T0.plusSeconds(99_999));
        Files.createDirectories(jobs.file(added).getParent());
        Files.write(jobs.file(added), jobs.bytes(all.get(0).toBuilder().id(added).build()));
        assertThat(jobs.resolve(added.substring(0, added.length() - 2))).isEqualTo(added);
        assertThat(jobs.index().ids()).hasSize(20).contains(added).doesNotContain(id);
    }

    @Test
    void anUnwritableIndexOnlyCostsTime() throws Exception {
        makeMany(12);
        // the index folder taken by a file: nothing can be written, every answer is still right
        Files.createDirectories(workspace.stateDir());
        Files.writeString(indexDir(), "in the way");
        assertListsTheTruth();
        assertThat(list(f -> f.newestFirst(true).limit(2)).jobs()).hasSize(2);
        assertThat(jobs.index().problems()).isEmpty();
    }

    @Test
    void worksOnAnInMemoryFileSystem() throws Exception {
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            workspace = FileWorkspace.open(fs.getPath("/ws"), new Codecs(), true, "");
            jobs = new JobFiles(workspace);
            List<Job> all = makeMany(25);
            age();
            assertListsTheTruth();
            Path file = jobs.file(all.get(4).id());
            Files.writeString(file, Files.readString(file).replace("Echo job number 4", "Echo in memory"));
            assertThat(list(f -> f.words(List.of("memory"))).jobs()).extracting(JobSummary::id).containsExactly(all.get(4).id());
            flipByte(indexDir().resolve("jobs.idx"), 128 * 3 + 5);
            assertListsTheTruth();
            delete(indexDir());
            assertThat(ids(list(f -> f.newestFirst(true).limit(3)))).containsExactly(all.get(24).id(), all.get(23).id(),
                    all.get(22).id());
        }
    }

    private static Path dataFile(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".dat")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void delete(Path path) {
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void truncate(Path file, long size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void flipByte(Path file, long at) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
            channel.write(one, at);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
