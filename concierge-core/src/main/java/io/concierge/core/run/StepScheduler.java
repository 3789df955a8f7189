package io.concierge.core.run;

import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a plan's steps as a graph: a step starts once every step whose outputs it uses has
 * finished, and up to {@code parallel} ready steps run at once, each on its own thread. The first
 * failure stops new steps from starting; steps already running finish (or are halted) first. A
 * step that failed with {@code on_failure: continue} does not stop the run, but the steps that
 * need its outputs are skipped.
 *
 * <p>The scheduler knows nothing of workers or files: it hands each ready step to a
 * {@link StepRun} and reads the outcome it returns.
 */
final class StepScheduler {
    /** Runs one step; returns null when its outputs are in place, else the outcome that ends the run. */
    @FunctionalInterface
    interface StepRun {
        RunOutcome run(Step step);
    }

    /** Hears of a step that will not run because a step it needs failed. */
    @FunctionalInterface
    interface SkipListener {
        void skipped(Step step, String failedNeed);
    }

    private final int parallel;
    private final String threadName;

    /**
     * Creates a scheduler running up to {@code parallel} steps at once on threads named
     * {@code threadName}.
     */
    StepScheduler(int parallel, String threadName) {
        this.parallel = Math.max(1, parallel);
        this.threadName = threadName;
    }

    /**
     * Runs {@code steps}; returns the outcome that ended the run early (a halt wins over a
     * failure), or null when every step finished or was skipped. A step that throws stops the
     * schedule: its exception is rethrown once the threads are told to stop.
     */
    RunOutcome run(List<Step> steps, StepRun execute, SkipListener onSkip) throws InterruptedException {
        if (steps.isEmpty()) {
            return null;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, steps.size()), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        CompletionService<RunOutcome> done = new ExecutorCompletionService<>(pool);
        try {
            Map<String, Set<String>> needs = StepGraph.needs(steps);
            List<Step> waiting = new ArrayList<>(steps);
            Set<String> finished = new HashSet<>();
            Set<String> failedSteps = new HashSet<>();
            Map<Future<RunOutcome>, Step> running = new LinkedHashMap<>();
            RunOutcome failure = null;
            while (!waiting.isEmpty() || !running.isEmpty()) {
                if (failure == null) {
                    for (Step step : List.copyOf(waiting)) {
                        if (running.size() >= parallel) {
                            break;
                        }
                        Optional<String> failedNeed = needs.get(step.id()).stream().filter(failedSteps::contains).findFirst();
                        if (failedNeed.isPresent()) {
                            // A step that failed with on_failure: continue leaves its dependents without inputs.
                            waiting.remove(step);
                            failedSteps.add(step.id());
                            onSkip.skipped(step, failedNeed.get());
                            continue;
                        }
                        if (finished.containsAll(needs.get(step.id()))) {
                            waiting.remove(step);
                            running.put(done.submit(() -> execute.run(step)), step);
                        }
                    }
                }
                if (running.isEmpty()) {
                    break; // a failure left steps waiting: they never start
                }
                Future<RunOutcome> next = done.take();
                Step step = running.remove(next);
                RunOutcome outcome = outcome(next);
                if (outcome == null) {
                    finished.add(step.id());
                } else if (outcome.status() == JobStatus.FAILED && step.continueOnFailure()) {
                    failedSteps.add(step.id());
                } else if (failure == null || outcome.status() == JobStatus.HALTED) {
                    failure = outcome;
                }
            }
            return failure;
        } finally {
            pool.shutdownNow();
        }
    }

    private static RunOutcome outcome(Future<RunOutcome> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            // StepRun declares no checked exception; a sneaky one is still a step that broke.
            throw new IllegalStateException("step failed unexpectedly: " + cause, cause);
        }
    }
}
