package io.concierge.benchmarks;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * End-to-end throughput of trivial jobs in-process on the file workspace: synthesize, create
 * the job, plan, approve and run it with {@code test.echo}, every state file written and every
 * event logged as in production. Each operation uses a new sentence, so no step comes from the
 * cache.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar LifecycleBenchmark -f 1 -wi 2 -i 3
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LifecycleBenchmark {
    private Path root;
    private Concierge concierge;
    private long counter;

    /** Opens a fresh workspace. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        root = Files.createTempDirectory("concierge-bench");
        concierge = Concierge.open(root.resolve("ws"));
    }

    /** One trivial job from sentence to COMPLETED. */
    @Benchmark
    public Run jobFromSentenceToCompleted() {
        Job job = concierge.createJob(concierge.synthesize("Echo benchmark message " + counter++).id());
        concierge.generatePlan(job.id());
        concierge.approve(job.id(), "bench", "");
        Run run = concierge.run(job.id(), RunOptions.defaults());
        if (run.status() != JobStatus.COMPLETED) {
            throw new IllegalStateException("job " + job.id() + " did not complete: " + run.error());
        }
        return run;
    }

    /** Deletes the workspace. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        concierge.close();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
