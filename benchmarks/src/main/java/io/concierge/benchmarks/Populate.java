package io.concierge.benchmarks;

import io.concierge.api.Concierge;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fills a workspace with {@code N} {@code test.echo} jobs in mixed end states, through the
 * public API and in one process, for benchmarks and tests that need a big workspace: each job
 * is created from one of 40 synthesized sentences and then taken as far as its share says
 * (see {@link EndState}), so every file, index entry and event log is the real thing.
 *
 * <pre>{@code
 * benchmarks/populate.sh /tmp/ws 10000
 * java -cp benchmarks/target/benchmarks.jar io.concierge.benchmarks.Populate /tmp/ws 10000 [THREADS]
 * }</pre>
 *
 * Jobs are created in order of their number, so the ids of a status sort like the numbers; the
 * runs go on in {@code THREADS} threads (default: the processor count). Prints one line per
 * end state and the jobs per second on standard error.
 */
public final class Populate {
    private final Concierge concierge;
    private final AtomicInteger halted = new AtomicInteger();
    private final String[] intentIds = new String[40];

    private Populate(Concierge concierge) {
        this.concierge = concierge;
    }

    /**
     * Where job {@code i} ends, out of every 100: 60 COMPLETED, 15 FAILED, 10 PLANNED, 8 DRAFT,
     * 5 APPROVED, 2 HALTED.
     */
    enum EndState {
        COMPLETED, FAILED, PLANNED, DRAFT, APPROVED, HALTED;

        static EndState of(int i) {
            // 37 is prime to 100: any 100 jobs in a row take every slot once, and a few
            // jobs are already a mix.
            int slot = (int) (i * 37L % 100);
            if (slot < 60) {
                return COMPLETED;
            } else if (slot < 75) {
                return FAILED;
            } else if (slot < 85) {
                return PLANNED;
            } else if (slot < 93) {
                return DRAFT;
            } else if (slot < 98) {
                return APPROVED;
            }
            return HALTED;
        }
    }

    /**
     * Creates the jobs.
     *
     * @param args the workspace (created when missing), the number of jobs, optionally the
     *             number of threads
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: populate WORKSPACE N [THREADS]");
            System.exit(2);
        }
        Path workspace = Path.of(args[0]).toAbsolutePath();
        int count;
        int threads;
        try {
            count = Integer.parseInt(args[1]);
            threads = args.length == 3 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        } catch (NumberFormatException e) {
            System.err.println("populate: N and THREADS are whole numbers, e.g. populate /tmp/ws 10000 2");
            System.exit(2);
            return;
        }
        if (count < 0 || threads < 1) {
            System.err.println("populate: N must be 0 or more and THREADS 1 or more");
            System.exit(2);
        }
        long start = System.nanoTime();
        Map<JobStatus, Integer> made;
        try (Concierge concierge = Concierge.builder(workspace).defaultApprover("populate").open()) {
            made = new Populate(concierge).populate(count, threads);
        } catch (ConciergeException e) {
            System.err.println("populate: " + e.getMessage());
            System.exit(1);
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        made.forEach((status, n) -> System.err.printf("%-9s %d%n", status, n));
        System.err.printf("%d jobs in %.1f s (%.0f jobs/s) in %s%n", count, seconds, count / seconds, workspace);
    }

    /** Makes {@code count} jobs and returns how many ended in each status. */
    private Map<JobStatus, Integer> populate(int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // A halted job has to be running when it is halted, which takes a moment of waiting:
        // a few threads of their own do that, while the runs wait in threads of theirs.
        ExecutorService halting = Executors.newFixedThreadPool(4);
        ExecutorService haltedRuns = Executors.newCachedThreadPool();
        List<Future<JobStatus>> results = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                // Created here, in order, so that ids follow the job numbers; taken further in the pool.
                EndState end = EndState.of(i);
                Job job = create(i, end);
                results.add((end == EndState.HALTED ? halting : pool).submit(() -> finish(job.id(), end, haltedRuns)));
            }
            Map<JobStatus, Integer> made = new EnumMap<>(JobStatus.class);
            for (Future<JobStatus> result : results) {
                made.merge(result.get(), 1, Integer::sum);
            }
            return made;
        } finally {
            pool.shutdownNow();
            halting.shutdownNow();
            haltedRuns.shutdownNow();
            haltedRuns.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private Job create(int i, EndState end) {
        // A few dozen sentences, each synthesized once: jobs of one intent are as real as jobs
        // of many, and the intents folder stays the size a person's would be.
        int sentence = i % intentIds.length;
        if (intentIds[sentence] == null) {
            intentIds[sentence] = concierge.synthesize("Echo populated message " + sentence + " of the benchmark").id();
        }
        Job job = concierge.createJob(intentIds[sentence]);
        if (end == EndState.FAILED) {
            job = concierge.setInputs(job.id(), Map.of("fail", "true"));
        } else if (end == EndState.HALTED) {
            job = concierge.setInputs(job.id(), Map.of("delay_seconds", "600"));
        }
        return job;
    }

    private JobStatus finish(String jobId, EndState end, ExecutorService haltedRuns) throws Exception {
        if (end == EndState.DRAFT) {
            return JobStatus.DRAFT;
        }
        concierge.generatePlan(jobId);
        if (end == EndState.PLANNED) {
            return JobStatus.PLANNED;
        }
        concierge.approve(jobId, "populate", "populated");
        if (end == EndState.APPROVED) {
            return JobStatus.APPROVED;
        }
        if (end == EndState.HALTED) {
            return halt(jobId, haltedRuns);
        }
        return concierge.run(jobId, RunOptions.defaults()).status();
    }

    /** Starts the job's 600 s run in its own thread, halts it once it runs, and waits for the end. */
    private JobStatus halt(String jobId, ExecutorService haltedRuns) throws Exception {
        Future<JobStatus> run = haltedRuns.submit(() -> concierge.run(jobId, RunOptions.defaults()).status());
        while (concierge.job(jobId).status() != JobStatus.RUNNING) {
            if (run.isDone()) {
                return run.get();
            }
            Thread.sleep(20);
        }
        while (true) {
            try {
                concierge.halt(jobId, "populate " + halted.incrementAndGet());
                return run.get();
            } catch (io.concierge.api.failure.InvalidTransitionException e) {
                // job() may show RUNNING from the run's log a moment before job.yaml says so: ask again
                if (run.isDone()) {
                    return run.get();
                }
                Thread.sleep(20);
            }
        }
    }
}
