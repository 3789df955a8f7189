package io.concierge.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scheduling of steps on its own: order from the graph, the parallel limit, failures and skips. */
class StepSchedulerTest {
    private final List<String> started = Collections.synchronizedList(new ArrayList<>());
    private final List<String> skipped = Collections.synchronizedList(new ArrayList<>());

    private static Step step(String id, String... needs) {
        Map<String, String> inputs = new java.util.LinkedHashMap<>();
        for (String need : needs) {
            inputs.put("from_" + need, "${steps." + need + ".out}");
        }
        return new Step(id, "w", "1.0.0", inputs, Map.of(), false);
    }

    private static Step continuing(String id, String... needs) {
        Step s = step(id, needs);
        return new Step(s.id(), s.worker(), s.workerVersion(), s.inputs(), s.params(), true);
    }

    private RunOutcome schedule(int parallel, List<Step> steps, StepScheduler.StepRun run) throws InterruptedException {
        return new StepScheduler(parallel, "test").run(steps, step -> {
            started.add(step.id());
            return run.run(step);
        }, (step, failedNeed) -> skipped.add(step.id() + "<-" + failedNeed));
    }

    @Test
    void aStepStartsOnlyAfterEveryStepItNeeds() throws Exception {
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        List<Step> steps = List.of(step("encode", "normalize"), step("normalize"), step("report", "encode", "normalize"));

        RunOutcome outcome = schedule(4, steps, s -> {
            // every step this one needs has finished before it starts
            Step self = steps.stream().filter(x -> x.id().equals(s.id())).findFirst().orElseThrow();
            assertThat(finished).containsAll(StepGraph.needs(steps).get(self.id()));
            finished.add(s.id());
            return null;
        });

        assertThat(outcome).isNull();
        assertThat(started).containsExactly("normalize", "encode", "report");
    }

    @Test
    void independentStepsRunTogetherUpToTheLimit() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch twoIn = new CountDownLatch(2);
        List<Step> steps = List.of(step("a"), step("b"), step("c"), step("d"));

        RunOutcome outcome = schedule(2, steps, s -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            twoIn.countDown();
            try {
                // the first two wait for each other: only a scheduler that runs two at once gets past
                assertThat(twoIn.await(30, TimeUnit.SECONDS)).as("two steps ran at once").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return null;
        });

        assertThat(outcome).isNull();
        assertThat(started).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void theFirstFailureStopsStepsThatHaveNotStarted() throws Exception {
        List<Step> steps = List.of(step("a"), step("b", "a"), step("c", "b"));

        RunOutcome outcome = schedule(1, steps, s -> s.id().equals("a") ? RunOutcome.failed("a broke") : null);

        assertThat(outcome).isEqualTo(RunOutcome.failed("a broke"));
        assertThat(started).containsExactly("a");
        assertThat(skipped).isEmpty();
    }

    @Test
    void aStepThatMayFailLetsTheRunGoOnButItsDependentsAreSkipped() throws Exception {
        List<Step> steps = List.of(continuing("lint"), step("fix", "lint"), step("after", "fix"), step("other"));

        RunOutcome outcome = schedule(1, steps, s -> s.id().equals("lint") ? RunOutcome.failed("lint broke") : null);

        assertThat(outcome).isNull();
        assertThat(started).containsExactly("lint", "other");
        assertThat(skipped).containsExactly("fix<-lint", "after<-fix");
    }

    @Test
    void aHaltWinsOverAFailureOfAStepRunningAlongside() throws Exception {
        CountDownLatch bothIn = new CountDownLatch(2);
        CountDownLatch failed = new CountDownLatch(1);
        List<Step> steps = List.of(step("fails"), step("halted"));

        RunOutcome outcome = schedule(2, steps, s -> {
            bothIn.countDown();
            try {
                bothIn.await(30, TimeUnit.SECONDS);
                if (s.id().equals("fails")) {
                    failed.countDown();
                    return RunOutcome.failed("broke");
                }
                failed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return RunOutcome.halted("halted by ops");
        });

        assertThat(outcome.status()).isEqualTo(JobStatus.HALTED);
    }

    @Test
    void aStepThatThrowsStopsTheScheduleWithItsException() {
        List<Step> steps = List.of(step("a"), step("b", "a"));

        assertThatThrownBy(() -> schedule(1, steps, s -> {
            throw new IllegalArgumentException("bug in step " + s.id());
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bug in step a");
        assertThat(started).containsExactly("a");
    }

    @Test
    void noStepsIsNothingToDo() throws Exception {
        assertThat(schedule(3, List.of(), s -> RunOutcome.failed("never"))).isNull();
    }
}
