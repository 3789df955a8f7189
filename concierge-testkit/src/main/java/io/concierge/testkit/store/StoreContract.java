package io.concierge.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.concierge.api.failure.NotFoundException;
import io.concierge.core.store.AgentInfo;
import io.concierge.core.store.ClaimRequest;
import io.concierge.core.store.DocumentKey;
import io.concierge.core.store.JobPage;
import io.concierge.core.store.JobQuery;
import io.concierge.core.store.JobRecord;
import io.concierge.core.store.Lease;
import io.concierge.core.store.LeaseLostException;
import io.concierge.core.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Store} keeps, as JUnit 5 tests: subclass it once per store, give it
 * a fresh, empty store for each test and a second instance over the same records, and every test
 * runs against your store. The file store and the PostgreSQL store both pass it; a host with a
 * store of its own runs it the same way (JobRunr's storage provider tests are the model).
 *
 * <pre>{@code
 * class MyStoreContractTest extends StoreContract {
 *     @TempDir Path folder;
 *     private int count;
 *
 *     @Override
 *     protected Store newStore() {                  // a new, empty store for each test
 *         return MyStore.open(folder.resolve("store-" + ++count));
 *     }
 *
 *     @Override
 *     protected Store openAgain(Store store) {      // the same records, as another process opens them
 *         return MyStore.open(((MyStore) store).folder());
 *     }
 * }
 * }</pre>
 *
 * <p>The contract closes every store it got from these two methods after each test. What it
 * checks:
 * <ul>
 *   <li><b>jobs</b>: a created job reads back as stored; an id is created once; an update writes
 *       the next version, writes nothing when the change returns its argument or throws, and
 *       names a missing job ({@link NotFoundException}); 8 threads over two instances updating
 *       one job 200 times lose no write; ids are sorted; listings are newest first (creation
 *       time, then id, both descending), filter by status and creation time, and page with the
 *       cursor through every job exactly once;</li>
 *   <li><b>documents</b> of every kind: read back, replaced whole, named per kind and job, sorted;</li>
 *   <li><b>logs</b>: each append sees the last line (the empty text first), lines keep their
 *       order, and 8 appenders of 50 lines each over two instances form one unbroken chain;</li>
 *   <li><b>the queue</b>: a claim takes the oldest APPROVED job no live lease holds, never a job
 *       of another status, only packages its globs match, never one in its skip set; claims by
 *       8 threads over two instances take each job exactly once; a lease that ran out (kept
 *       short, {@link #shortLease()}) leaves an APPROVED or RUNNING job queued and the next claim
 *       gets a higher token; {@code acquire}, {@code renew}, {@code release}, {@code current},
 *       {@code leases} and {@code depth} as documented;</li>
 *   <li><b>fencing</b>: once another holder has claimed the job, or the lease was released, an
 *       update, an append and a document written under the old lease are refused with
 *       {@link LeaseLostException} and leave nothing behind, while the current holder's writes
 *       and unfenced writes pass;</li>
 *   <li><b>waiting</b>: {@code awaitWork} returns soon after another instance's {@code signal()}
 *       (well before its limit), waits out its limit when nothing happens, and answers an
 *       interrupt;</li>
 *   <li><b>agents</b>: heartbeats are listed by id as sent, replaced by the next, removed on sign-off.</li>
 * </ul>
 *
 * <p>The tests measure no speed: a test waits for a short lease to run out by asking the store,
 * and only a hung store makes a test fail by time (after minutes).
 *
 * @since 0.1.0
 */
public abstract class StoreContract {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration LONG_LEASE = Duration.ofMinutes(5);
    private static final long HUNG_MINUTES = 2;

    private final List<Store> opened = new ArrayList<>();

    /** For subclasses. */
    protected StoreContract() {
    }

    /**
     * A new, empty store, for one test. The contract closes it after the test.
     *
     * @return the store
     * @throws Exception when the store cannot be opened (the test fails with it)
     */
    protected abstract Store newStore() throws Exception;

    /**
     * A second instance over the same records as {@code store}, as another process (or another
     * machine) would open it. The contract closes it after the test.
     *
     * @param store a store {@link #newStore()} returned
     * @return another instance of it
     * @throws Exception when the store cannot be opened (the test fails with it)
     */
    protected abstract Store openAgain(Store store) throws Exception;

    /**
     * How long the leases last that the tests let run out; short, so that the tests are quick,
     * and long enough for a claim to be followed by a write.
     *
     * @return 300 ms unless overridden
     */
    protected Duration shortLease() {
        return Duration.ofMillis(300);
    }

    // ---------------------------------------------------------------- jobs

    @Test
    void createdJobReadsBackAsStored() throws Exception {
        Store store = store();
        JobRecord job = job(1, "DRAFT", "test.echo");
        store.jobs().create(job);

        assertThat(store.jobs().find(job.id())).contains(job);
        assertThat(store.jobs().find(id(2))).isEmpty();
        assertThat(again(store).jobs().find(job.id())).contains(job);
    }

    @Test
    void anIdIsCreatedOnce() throws Exception {
        Store store = store();
        JobRecord job = job(1, "DRAFT", "test.echo");
        store.jobs().create(job);

        JobRecord other = job(1, "APPROVED", "audio.normalize");
        assertThatThrownBy(() -> store.jobs().create(other)).isInstanceOf(IllegalStateException.class);
        assertThat(store.jobs().find(job.id())).contains(job);
    }

    @Test
    void updateWritesTheNextVersion() throws Exception {
        Store store = store();
        JobRecord job = job(1, "DRAFT", "test.echo");
        store.jobs().create(job);

        JobRecord updated = store.jobs().update(job.id(), null, current -> next(current, "PLANNED"));

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.status()).isEqualTo("PLANNED");
        assertThat(store.jobs().find(job.id())).contains(updated);
        assertThat(again(store).jobs().find(job.id())).contains(updated);
    }

    @Test
    void updateWritesNothingWhenTheChangeReturnsItsArgumentOrThrows() throws Exception {
        Store store = store();
        JobRecord job = job(1, "DRAFT", "test.echo");
        store.jobs().create(job);

        assertThat(store.jobs().update(job.id(), null, current -> current)).isEqualTo(job);
        IllegalStateException refused = new IllegalStateException("refused by the change");
        assertThatThrownBy(() -> store.jobs().update(job.id(), null, current -> {
            throw refused;
        })).isSameAs(refused);

        assertThat(store.jobs().find(job.id())).contains(job);
    }

    @Test
    void updateOfAMissingJobIsNotFound() throws Exception {
        Store store = store();
        assertThatThrownBy(() -> store.jobs().update(id(9), null, current -> next(current, "PLANNED")))
                .isInstanceOf(NotFoundException.class);
        assertThat(store.jobs().ids()).isEmpty();
    }

    @Test
    void concurrentUpdatesLoseNoWrite() throws Exception {
        Store store = store();
        Store other = again(store);
        JobRecord job = job(1, "DRAFT", "test.echo");
        store.jobs().create(job);
        int threads = 8;
        int updates = 25;

        inParallel(threads, thread -> {
            Store mine = thread % 2 == 0 ? store : other;
            for (int i = 0; i < updates; i++) {
                mine.jobs().update(job.id(), null, current -> withCount(current, count(current) + 1));
            }
            return null;
        });

        JobRecord last = store.jobs().find(job.id()).orElseThrow();
        assertThat(count(last)).as("the counter every update increased").isEqualTo(threads * updates);
        assertThat(last.version()).isEqualTo(1 + threads * updates);
    }

    @Test
    void idsAreSortedInCreationOrder() throws Exception {
        Store store = store();
        for (int n : List.of(3, 1, 4, 5, 2)) {
            store.jobs().create(job(n, "DRAFT", "test.echo"));
        }
        assertThat(store.jobs().ids()).containsExactly(id(1), id(2), id(3), id(4), id(5));
    }

    @Test
    void listingIsNewestFirstAndFiltersByStatusAndTime() throws Exception {
        Store store = store();
        List<String> statuses = List.of("DRAFT", "PLANNED", "APPROVED", "COMPLETED");
        List<JobRecord> jobs = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            JobRecord job = job(n, statuses.get(n % statuses.size()), "test.echo");
            store.jobs().create(job);
            jobs.add(job);
        }
        List<JobRecord> newestFirst = new ArrayList<>(jobs);
        Collections.reverse(newestFirst);

        assertThat(store.jobs().list(JobQuery.all())).isEqualTo(new JobPage(newestFirst, ""));
        assertThat(ids(store.jobs().list(new JobQuery(Set.of("APPROVED", "COMPLETED"), null, 0, "")).jobs()))
                .isEqualTo(ids(newestFirst.stream().filter(j -> Set.of("APPROVED", "COMPLETED").contains(j.status())).toList()));
        Instant since = jobs.get(6).createdAt();
        assertThat(ids(store.jobs().list(new JobQuery(Set.of(), since, 0, "")).jobs()))
                .isEqualTo(ids(newestFirst.subList(0, 6)));
        assertThat(ids(store.jobs().list(new JobQuery(Set.of("DRAFT"), since, 0, "")).jobs()))
                .isEqualTo(ids(newestFirst.subList(0, 6).stream().filter(j -> j.status().equals("DRAFT")).toList()));
        JobPage first = store.jobs().list(new JobQuery(Set.of(), null, 3, ""));
        assertThat(ids(first.jobs())).isEqualTo(ids(newestFirst.subList(0, 3)));
        assertThat(first.nextCursor()).isNotEmpty();
    }

    @Test
    void cursorPagingShowsEveryJobOnceNewestFirst() throws Exception {
        Store store = store();
        List<JobRecord> jobs = new ArrayList<>();
        for (int n = 1; n <= 23; n++) {
            // Jobs 10 to 12 share one creation time: the id breaks the tie.
            Instant created = n >= 10 && n <= 12 ? T0.plusSeconds(60 * 10) : T0.plusSeconds(60L * n);
            JobRecord job = job(n, n % 3 == 0 ? "FAILED" : "COMPLETED", "test.echo", created);
            store.jobs().create(job);
            jobs.add(job);
        }
        List<String> newestFirst = new ArrayList<>(ids(jobs));
        Collections.reverse(newestFirst);

        assertThat(pages(store, Set.of(), 5)).containsExactly(newestFirst.subList(0, 5), newestFirst.subList(5, 10),
                newestFirst.subList(10, 15), newestFirst.subList(15, 20), newestFirst.subList(20, 23));
        List<String> failed = newestFirst.stream().filter(id -> Integer.parseInt(id.substring(2)) % 3 == 0).toList();
        assertThat(pages(store, Set.of("FAILED"), 3).stream().flatMap(List::stream).toList()).isEqualTo(failed);
        assertThat(pages(store, Set.of(), 23)).containsExactly(newestFirst);
    }

    // ---------------------------------------------------------------- documents

    @Test
    void documentsOfEachKindReadBackAndAreReplacedWhole() throws Exception {
        Store store = store();
        JobRecord job = job(1, "PLANNED", "test.echo");
        store.jobs().create(job);
        Store other = again(store);
        for (DocumentKey.Kind kind : DocumentKey.Kind.values()) {
            String owner = kind == DocumentKey.Kind.INTENT ? "" : job.id();
            DocumentKey second = new DocumentKey(kind, owner, kind.name().toLowerCase(Locale.ROOT) + "_2");
            DocumentKey first = new DocumentKey(kind, owner, kind.name().toLowerCase(Locale.ROOT) + "_1");
            store.documents().put(second, "{\"kind\":\"" + kind + "\",\"n\":2}\n", null);
            store.documents().put(first, "first: draft\n", null);
            store.documents().put(first, "first: final\nlines: 2\n", null);

            assertThat(store.documents().get(first)).contains("first: final\nlines: 2\n");
            assertThat(other.documents().get(second)).contains("{\"kind\":\"" + kind + "\",\"n\":2}\n");
            assertThat(store.documents().get(new DocumentKey(kind, owner, "missing"))).isEmpty();
            assertThat(store.documents().names(kind, owner)).containsExactly(first.name(), second.name());
        }
        assertThat(store.documents().names(DocumentKey.Kind.PLAN, id(2))).isEmpty();
    }

    // ---------------------------------------------------------------- logs

    @Test
    void appendSeesTheLastLineAndLinesKeepTheirOrder() throws Exception {
        Store store = store();
        JobRecord job = job(1, "RUNNING", "test.echo");
        store.jobs().create(job);
        List<String> seen = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            int number = n;
            store.logs().append(job.id(), "run-r_1.jsonl", null, last -> {
                seen.add(last);
                return "{\"n\":" + number + "}";
            });
        }
        store.logs().append(job.id(), "approvals.jsonl", null, last -> "{\"action\":\"approve\"}");

        assertThat(seen).containsExactly("", "{\"n\":1}", "{\"n\":2}");
        assertThat(store.logs().lines(job.id(), "run-r_1.jsonl")).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(again(store).logs().names(job.id())).containsExactly("approvals.jsonl", "run-r_1.jsonl");
        assertThat(store.logs().lines(job.id(), "run-r_9.jsonl")).isEmpty();
        assertThat(store.logs().names(id(2))).isEmpty();
    }

    @Test
    void concurrentAppendersFormOneUnbrokenChain() throws Exception {
        Store store = store();
        Store other = again(store);
        JobRecord job = job(1, "RUNNING", "test.echo");
        store.jobs().create(job);
        int threads = 8;
        int appends = 50;

        inParallel(threads, thread -> {
            Store mine = thread % 2 == 0 ? store : other;
            for (int i = 0; i < appends; i++) {
                mine.logs().append(job.id(), "run-r_1.jsonl", null, last -> {
                    long n = last.isEmpty() ? 1 : number(last, "n") + 1;
                    return "{\"n\":" + n + ",\"thread\":" + thread + ",\"prev\":\"" + sha256(last) + "\"}";
                });
            }
            return null;
        });

        List<String> lines = store.logs().lines(job.id(), "run-r_1.jsonl");
        assertThat(lines).hasSize(threads * appends);
        Map<Long, Integer> perThread = new TreeMap<>();
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            assertThat(number(line, "n")).as("line %d's number", i + 1).isEqualTo(i + 1);
            assertThat(line).as("line %d names the line before it", i + 1).contains("\"prev\":\"" + sha256(previous) + "\"");
            perThread.merge(number(line, "thread"), 1, Integer::sum);
            previous = line;
        }
        assertThat(perThread.values()).as("lines per appender").containsOnly(appends).hasSize(threads);
    }

    // ---------------------------------------------------------------- queue and leases

    @Test
    void claimTakesTheOldestApprovedJobNoLeaseHolds() throws Exception {
        Store store = store();
        store.jobs().create(job(1, "PLANNED", "test.echo"));
        store.jobs().create(job(2, "APPROVED", "test.echo"));
        store.jobs().create(job(3, "COMPLETED", "test.echo"));
        store.jobs().create(job(4, "APPROVED", "test.echo"));
        store.jobs().create(job(5, "FAILED", "test.echo"));

        Lease first = store.queue().claim(request("agent-a", List.of())).orElseThrow();
        Lease second = again(store).queue().claim(request("agent-b", List.of())).orElseThrow();

        assertThat(first.jobId()).isEqualTo(id(2));
        assertThat(first.holder()).isEqualTo("agent-a");
        assertThat(first.token()).isPositive();
        assertThat(second.jobId()).isEqualTo(id(4));
        assertThat(second.holder()).isEqualTo("agent-b");
        assertThat(store.queue().claim(request("agent-a", List.of()))).isEmpty();
        assertThat(store.queue().current(id(2))).contains(first);
        assertThat(store.queue().current(id(1))).isEmpty();
        assertThat(store.queue().leases()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void claimsByManyThreadsTakeEachJobOnce() throws Exception {
        Store store = store();
        Store other = again(store);
        int jobs = 30;
        for (int n = 1; n <= jobs; n++) {
            store.jobs().create(job(n, "APPROVED", n % 2 == 0 ? "audio.normalize" : "test.echo"));
        }

        List<List<Lease>> claimed = inParallel(8, thread -> {
            Store mine = thread % 2 == 0 ? store : other;
            List<Lease> mineClaimed = new ArrayList<>();
            for (Optional<Lease> lease = mine.queue().claim(request("agent-" + thread, List.of())); lease.isPresent();
                 lease = mine.queue().claim(request("agent-" + thread, List.of()))) {
                mineClaimed.add(lease.get());
            }
            return mineClaimed;
        });

        List<String> claimedIds = claimed.stream().flatMap(List::stream).map(Lease::jobId).sorted().toList();
        assertThat(claimedIds).as("every job claimed exactly once").isEqualTo(store.jobs().ids());
        assertThat(store.queue().depth()).isEmpty();
    }

    @Test
    void claimTakesOnlyPackagesItsGlobsMatch() throws Exception {
        Store store = store();
        store.jobs().create(job(1, "APPROVED", "file.copy"));
        store.jobs().create(job(2, "APPROVED", "audio.normalize"));
        store.jobs().create(job(3, "APPROVED", "video.transcode"));
        store.jobs().create(job(4, "APPROVED", "audio.encode"));

        assertThat(store.queue().claim(request("a", List.of("audio")))).as("a glob matches the whole name").isEmpty();
        assertThat(jobOf(store.queue().claim(request("a", List.of("audio.*"))))).isEqualTo(id(2));
        assertThat(jobOf(store.queue().claim(request("a", List.of("audio.*"))))).isEqualTo(id(4));
        assertThat(store.queue().claim(request("a", List.of("audio.*")))).isEmpty();
        assertThat(jobOf(store.queue().claim(request("v", List.of("data.*", "?ideo.transcod?"))))).isEqualTo(id(3));
        assertThat(store.queue().claim(request("f", List.of("file_copy", "file.co%")))).as("_ and %% are no wildcards").isEmpty();
        assertThat(jobOf(store.queue().claim(request("f", List.of("*"))))).isEqualTo(id(1));
    }

    @Test
    void claimPassesOverTheSkipSet() throws Exception {
        Store store = store();
        store.jobs().create(job(1, "APPROVED", "test.echo"));
        store.jobs().create(job(2, "APPROVED", "test.echo"));
        store.jobs().create(job(3, "APPROVED", "test.echo"));

        ClaimRequest skipping = new ClaimRequest("a", List.of(), LONG_LEASE, Set.of(id(1), id(2)));
        assertThat(jobOf(store.queue().claim(skipping))).isEqualTo(id(3));
        assertThat(store.queue().claim(skipping)).isEmpty();
        assertThat(jobOf(store.queue().claim(request("b", List.of())))).isEqualTo(id(1));
    }

    @Test
    void depthCountsQueuedJobsByPackage() throws Exception {
        Store store = store();
        store.jobs().create(job(1, "APPROVED", "audio.normalize"));
        store.jobs().create(job(2, "APPROVED", "video.transcode"));
        store.jobs().create(job(3, "APPROVED", "audio.normalize"));
        store.jobs().create(job(4, "PLANNED", "audio.encode"));
        store.jobs().create(job(5, "COMPLETED", "audio.encode"));
        store.jobs().create(job(6, "APPROVED", "audio.normalize"));
        assertThat(store.queue().depth()).containsExactly(Map.entry("audio.normalize", 3), Map.entry("video.transcode", 1));

        store.queue().claim(request("a", List.of("audio.*"))).orElseThrow();

        assertThat(again(store).queue().depth())
                .containsExactly(Map.entry("audio.normalize", 2), Map.entry("video.transcode", 1));
    }

    @Test
    void aLeaseThatRanOutIsClaimedAgainWithAHigherToken() throws Exception {
        Store store = store();
        Store other = again(store);
        store.jobs().create(job(1, "APPROVED", "test.echo"));
        Lease lapsing = store.queue().claim(new ClaimRequest("agent-a", List.of(), shortLease(), Set.of())).orElseThrow();
        // The job runs (RUNNING) under the lease, whose holder then stops renewing it.
        store.jobs().update(lapsing.jobId(), lapsing, current -> next(current, "RUNNING"));
        awaitLapse(store, lapsing);

        assertThat(store.queue().current(lapsing.jobId())).isEmpty();
        assertThat(store.queue().depth()).containsExactly(Map.entry("test.echo", 1));
        Lease takeover = other.queue().claim(request("agent-b", List.of())).orElseThrow();

        assertThat(takeover.jobId()).isEqualTo(lapsing.jobId());
        assertThat(takeover.token()).isGreaterThan(lapsing.token());
        assertThat(store.queue().current(lapsing.jobId())).contains(takeover);
        assertThat(store.queue().depth()).isEmpty();
    }

    @Test
    void aLeaseTakenOverFencesOffEveryWriteOfItsFormerHolder() throws Exception {
        Store store = store();
        Store other = again(store);
        JobRecord job = job(1, "APPROVED", "test.echo");
        store.jobs().create(job);
        Lease lapsed = store.queue().claim(new ClaimRequest("agent-a", List.of(), shortLease(), Set.of())).orElseThrow();
        JobRecord running = store.jobs().update(job.id(), lapsed, current -> next(current, "RUNNING"));
        store.logs().append(job.id(), "run-r_1.jsonl", lapsed, last -> "{\"by\":\"agent-a\"}");
        awaitLapse(store, lapsed);
        Lease current = other.queue().claim(request("agent-b", List.of())).orElseThrow();
        DocumentKey seal = new DocumentKey(DocumentKey.Kind.SEAL, job.id(), "r_1");

        assertThatThrownBy(() -> store.jobs().update(job.id(), lapsed, j -> next(j, "COMPLETED")))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> store.logs().append(job.id(), "run-r_1.jsonl", lapsed, last -> "{\"by\":\"agent-a\",\"late\":true}"))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> store.documents().put(seal, "{\"by\":\"agent-a\"}", lapsed))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> store.queue().renew(lapsed, LONG_LEASE)).isInstanceOf(LeaseLostException.class);
        store.queue().release(lapsed);

        assertThat(store.jobs().find(job.id())).contains(running);
        assertThat(store.logs().lines(job.id(), "run-r_1.jsonl")).containsExactly("{\"by\":\"agent-a\"}");
        assertThat(store.documents().get(seal)).isEmpty();
        assertThat(store.queue().current(job.id())).as("releasing a lost lease changes nothing").contains(current);

        // The new holder writes as usual.
        JobRecord completed = other.jobs().update(job.id(), current, j -> next(j, "COMPLETED"));
        other.logs().append(job.id(), "run-r_1.jsonl", current, last -> "{\"by\":\"agent-b\"}");
        other.documents().put(seal, "{\"by\":\"agent-b\"}", current);
        assertThat(store.jobs().find(job.id())).contains(completed);
        assertThat(store.logs().lines(job.id(), "run-r_1.jsonl")).containsExactly("{\"by\":\"agent-a\"}", "{\"by\":\"agent-b\"}");
        assertThat(store.documents().get(seal)).contains("{\"by\":\"agent-b\"}");
    }

    @Test
    void aReleasedLeaseLeavesTheJobQueuedAndFencesItsHolder() throws Exception {
        Store store = store();
        JobRecord job = job(1, "APPROVED", "test.echo");
        store.jobs().create(job);
        Lease released = store.queue().claim(request("agent-a", List.of())).orElseThrow();

        store.queue().release(released);
        store.queue().release(released);

        assertThat(store.queue().current(job.id())).isEmpty();
        assertThat(store.queue().leases()).isEmpty();
        assertThat(store.queue().depth()).containsExactly(Map.entry("test.echo", 1));
        assertThatThrownBy(() -> store.jobs().update(job.id(), released, j -> next(j, "RUNNING")))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> store.queue().renew(released, LONG_LEASE)).isInstanceOf(LeaseLostException.class);
        Lease again = store.queue().claim(request("agent-b", List.of())).orElseThrow();
        assertThat(again.jobId()).isEqualTo(job.id());
        assertThat(again.token()).isGreaterThan(released.token());
    }

    @Test
    void acquireTakesAJobNoLiveLeaseHolds() throws Exception {
        Store store = store();
        Store other = again(store);
        JobRecord job = job(1, "APPROVED", "test.echo");
        store.jobs().create(job);

        Lease run = store.queue().acquire(job.id(), "bit-run-1", LONG_LEASE).orElseThrow();
        assertThat(run.jobId()).isEqualTo(job.id());
        assertThat(run.holder()).isEqualTo("bit-run-1");
        assertThat(other.queue().acquire(job.id(), "bit-run-2", LONG_LEASE)).isEmpty();
        assertThat(other.queue().claim(request("agent", List.of()))).as("an acquired job is not queued").isEmpty();
        assertThat(other.queue().current(job.id())).contains(run);

        store.queue().release(run);
        Lease next = other.queue().acquire(job.id(), "bit-run-2", LONG_LEASE).orElseThrow();
        assertThat(next.token()).isGreaterThan(run.token());
        assertThat(store.queue().leases()).containsExactly(next);
    }

    @Test
    void renewKeepsALeaseLive() throws Exception {
        Store store = store();
        store.jobs().create(job(1, "APPROVED", "test.echo"));
        Lease lease = store.queue().claim(new ClaimRequest("agent-a", List.of(), shortLease(), Set.of())).orElseThrow();

        Lease renewed = store.queue().renew(lease, LONG_LEASE);
        Thread.sleep(shortLease().multipliedBy(2).toMillis());

        assertThat(renewed.token()).isEqualTo(lease.token());
        assertThat(renewed.expiresAt()).isAfter(lease.expiresAt());
        assertThat(store.queue().current(lease.jobId())).contains(renewed);
        assertThat(again(store).queue().claim(request("agent-b", List.of()))).isEmpty();
        store.jobs().update(lease.jobId(), renewed, j -> next(j, "RUNNING"));
        store.jobs().update(lease.jobId(), lease, j -> next(j, "COMPLETED"));
    }

    @Test
    void unfencedWritesPassWhileALeaseIsHeld() throws Exception {
        Store store = store();
        JobRecord job = job(1, "APPROVED", "test.echo");
        store.jobs().create(job);
        Lease lease = store.queue().claim(request("agent-a", List.of())).orElseThrow();

        JobRecord halted = store.jobs().update(job.id(), null, j -> next(j, "HALTED"));
        store.logs().append(job.id(), "run-r_1.jsonl", null, last -> "{\"type\":\"job.halted\"}");
        store.documents().put(new DocumentKey(DocumentKey.Kind.SEAL, job.id(), "r_1"), "{}", null);

        assertThat(store.jobs().find(job.id())).contains(halted);
        assertThat(store.queue().current(job.id())).contains(lease);
    }

    @Test
    void awaitWorkWakesOnAnotherInstancesSignal() throws Exception {
        Store store = store();
        Store other = again(store);
        Duration max = Duration.ofMinutes(HUNG_MINUTES);
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            Future<Duration> waited = waiter.submit(() -> {
                long start = System.nanoTime();
                store.queue().awaitWork(max);
                return Duration.ofNanos(System.nanoTime() - start);
            });
            // The waiter may not be waiting yet when a signal goes out: signal until it wakes.
            while (!waited.isDone()) {
                other.queue().signal();
                Thread.sleep(50);
            }
            assertThat(waited.get()).as("woken by the signal, not by its limit").isLessThan(max);
        } finally {
            waiter.shutdownNow();
        }
    }

    @Test
    void awaitWorkWaitsOutItsLimitWhenNothingHappens() throws Exception {
        Store store = store();
        Duration max = shortLease();
        long start = System.nanoTime();

        store.queue().awaitWork(max);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(max);
    }

    @Test
    void awaitWorkAnswersAnInterrupt() throws Exception {
        Store store = store();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                store.queue().awaitWork(Duration.ofMinutes(HUNG_MINUTES));
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        waiter.start();
        while (waiter.isAlive()) {
            waiter.interrupt();
            waiter.join(50);
        }
        assertThat(interrupted).as("awaitWork threw InterruptedException").isTrue();
    }

    // ---------------------------------------------------------------- agents

    @Test
    void agentsAreListedByIdAsTheirLastHeartbeatSaysAndRemoved() throws Exception {
        Store store = store();
        AgentInfo b = new AgentInfo("a_box2_77_x2", "box2", 77, T0, T0.plusSeconds(5), 2, List.of(), List.of(), "running");
        AgentInfo a = new AgentInfo("a_box1_42_x1", "box1", 42, T0, T0.plusSeconds(5), 4, List.of("audio.*", "video.*"),
                List.of(), "running");
        store.agents().heartbeat(b);
        store.agents().heartbeat(a);
        assertThat(again(store).agents().list()).containsExactly(a, b);

        AgentInfo busy = new AgentInfo(a.id(), "box1", 42, T0, T0.plusMillis(15_250), 4, List.of("audio.*", "video.*"),
                List.of(id(1), id(2)), "draining");
        store.agents().heartbeat(busy);
        assertThat(store.agents().list()).containsExactly(busy, b);

        store.agents().remove(a.id());
        store.agents().remove("a_never_seen");
        assertThat(store.agents().list()).containsExactly(b);
    }

    // ---------------------------------------------------------------- helpers

    private Store store() throws Exception {
        Store store = newStore();
        opened.add(store);
        return store;
    }

    /** Every store the contract opened, closed after each test, the newest first. */
    @AfterEach
    void closeStores() {
        List<Store> stores = new ArrayList<>(opened);
        Collections.reverse(stores);
        opened.clear();
        for (Store store : stores) {
            store.close();
        }
    }

    /** Another instance over the store's records, closed after the test like the store. */
    private Store again(Store store) throws Exception {
        Store again = openAgain(store);
        opened.add(again);
        return again;
    }

    /** The job id of number {@code n}: ids sort as numbers do, like real, time-ordered ids. */
    private static String id(int n) {
        return String.format("j_%026d", n);
    }

    private static List<String> ids(List<JobRecord> jobs) {
        return jobs.stream().map(JobRecord::id).toList();
    }

    private static JobRecord job(int n, String status, String packageName) {
        return job(n, status, packageName, T0.plusSeconds(60L * n));
    }

    private static JobRecord job(int n, String status, String packageName, Instant created) {
        return record(id(n), 1, status, packageName + "@1.0.0", created, created, 0);
    }

    /** A record whose job.yaml text says what its fields say, as a real job's does. */
    private static JobRecord record(String id, long version, String status, String packageRef, Instant created,
                                    Instant updated, long count) {
        int at = packageRef.indexOf('@');
        String content = "id: " + id + "\n"
                + "intent: Echo contract test\n"
                + "package: " + packageRef.substring(0, at) + "\n"
                + "package_version: " + packageRef.substring(at + 1) + "\n"
                + "status: " + status + "\n"
                + "created_at: " + created + "\n"
                + "updated_at: " + updated + "\n"
                + "version: " + version + "\n"
                + "inputs:\n"
                + "  count: '" + count + "'\n";
        return new JobRecord(id, version, status, packageRef, created, updated, content);
    }

    private static JobRecord next(JobRecord current, String status) {
        return record(current.id(), current.version() + 1, status, current.packageRef(), current.createdAt(),
                current.updatedAt().plusSeconds(1), count(current));
    }

    private static JobRecord withCount(JobRecord current, long count) {
        return record(current.id(), current.version() + 1, current.status(), current.packageRef(), current.createdAt(),
                current.updatedAt().plusMillis(1), count);
    }

    private static long count(JobRecord record) {
        Matcher count = Pattern.compile("(?m)^  count: '(\\d+)'$").matcher(record.content());
        assertThat(count.find()).as("the count line of %s", record.content()).isTrue();
        return Long.parseLong(count.group(1));
    }

    private static ClaimRequest request(String holder, List<String> packages) {
        return new ClaimRequest(holder, packages, LONG_LEASE, Set.of());
    }

    private static String jobOf(Optional<Lease> lease) {
        return lease.map(Lease::jobId).orElse("(nothing claimed)");
    }

    /** The ids of every page of a listing, following the cursors to the end. */
    private static List<List<String>> pages(Store store, Set<String> statuses, int limit) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = "";
        do {
            JobPage page = store.jobs().list(new JobQuery(statuses, null, limit, cursor));
            assertThat(page.jobs()).hasSizeLessThanOrEqualTo(limit);
            if (!page.jobs().isEmpty() || pages.isEmpty()) {
                pages.add(ids(page.jobs()));
            }
            cursor = page.nextCursor();
            assertThat(pages).as("pages followed").hasSizeLessThan(100);
        } while (!cursor.isEmpty());
        return pages;
    }

    /** Waits, asking the store, until the lease is no longer live (its holder stopped renewing it). */
    private void awaitLapse(Store store, Lease lease) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(HUNG_MINUTES);
        while (store.queue().current(lease.jobId()).filter(l -> l.token() == lease.token()).isPresent()) {
            if (System.nanoTime() > deadline) {
                fail("a lease of " + shortLease() + " was still live after " + HUNG_MINUTES + " minutes: " + lease);
            }
            Thread.sleep(20);
        }
    }

    /** A parallel task: its thread's number in, a result out. */
    @FunctionalInterface
    private interface Task<T> {
        T run(int thread) throws Exception;
    }

    /** Runs {@code task} on {@code threads} threads started together; the results in thread order. */
    private static <T> List<T> inParallel(int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<T> call = () -> {
                    start.await();
                    return task.run(thread);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get(HUNG_MINUTES, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                } catch (TimeoutException e) {
                    throw new AssertionError("a thread of the store contract hung for " + HUNG_MINUTES + " minutes", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long number(String line, String field) {
        Matcher number = Pattern.compile("\"" + field + "\":(\\d+)").matcher(line);
        assertThat(number.find()).as("field %s in %s", field, line).isTrue();
        return Long.parseLong(number.group(1));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
