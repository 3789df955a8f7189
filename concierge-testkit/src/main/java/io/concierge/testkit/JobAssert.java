package io.concierge.testkit;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.StatusReport;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Job} snapshot, made with {@link ConciergeAssertions#assertThat(Job)}.
 *
 * <pre>{@code
 * assertThat(job).in(concierge).hasStatus(JobStatus.COMPLETED).hasArtifact("out.wav");
 * }</pre>
 *
 * <p>Status and inputs are those of the snapshot given; {@link #in(Concierge)} lets artifact
 * checks and failure messages look into the workspace.
 *
 * @since 0.1.0
 */
public final class JobAssert extends AbstractAssert<JobAssert, Job> {
    private final Concierge concierge;

    JobAssert(Job actual) {
        this(actual, null);
    }

    private JobAssert(Job actual, Concierge concierge) {
        super(actual, JobAssert.class);
        this.concierge = concierge;
    }

    /**
     * The same assertions, able to look at the job's artifacts and runs in {@code concierge}.
     *
     * @param value the Concierge the job lives in
     * @return assertions that can see the job's workspace
     */
    public JobAssert in(Concierge value) {
        JobAssert next = new JobAssert(actual, java.util.Objects.requireNonNull(value, "concierge"));
        next.info.overridingErrorMessage(info.overridingErrorMessage());
        if (info.hasDescription()) {
            next.as(info.description());
        }
        return next;
    }

    /**
     * Checks the job's status; the message names the actual status and, with {@link #in}, the last run's error.
     *
     * @param expected the status the job should have
     * @return this assertion
     */
    public JobAssert hasStatus(JobStatus expected) {
        isNotNull();
        if (actual.status() != expected) {
            failWithMessage("expected job %s to have status %s but was %s%s", actual.id(), expected, actual.status(),
                    lastError());
        }
        return this;
    }

    /**
     * Checks an input's value as text, numbers compared by value ({@code -14} matches {@code "-14"}).
     *
     * @param name     the input's name
     * @param expected its expected value
     * @return this assertion
     */
    public JobAssert hasInput(String name, Object expected) {
        isNotNull();
        if (!actual.inputs().containsKey(name)) {
            failWithMessage("expected job %s to have input %s = %s but it has no such input; inputs were %s",
                    actual.id(), name, expected, actual.inputs());
        } else if (!ConciergeAssertions.sameValue(actual.inputs().get(name), expected)) {
            failWithMessage("expected job %s to have input %s = %s but was '%s'; inputs were %s",
                    actual.id(), name, expected, actual.inputs().get(name), actual.inputs());
        }
        return this;
    }

    /**
     * Checks that the job's artifacts folder holds a file named {@code fileName}; needs {@link #in}.
     *
     * @param fileName the artifact's file name
     * @return this assertion
     */
    public JobAssert hasArtifact(String fileName) {
        isNotNull();
        if (concierge == null) {
            failWithMessage("hasArtifact needs the workspace: write assertThat(job).in(concierge).hasArtifact(\"%s\")",
                    fileName);
        }
        List<String> names = concierge.artifacts(actual.id()).stream().map(Artifact::name).toList();
        if (!names.contains(fileName)) {
            failWithMessage("expected job %s to have artifact %s but its artifacts were %s%s", actual.id(), fileName,
                    names, lastError());
        }
        return this;
    }

    private String lastError() {
        if (concierge == null) {
            return "";
        }
        try {
            StatusReport status = concierge.status(actual.id());
            String error = status.lastRun().map(Run::error).orElse("");
            return error.isEmpty() ? "" : " (last error: " + error + ")";
        } catch (RuntimeException e) {
            return " (status unavailable: " + e.getMessage() + ")";
        }
    }
}
