package io.concierge.core.plan;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.core.job.JobFiles;
import io.concierge.core.pkg.PackageRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes a job's inputs ({@code bit job set}): each value is checked against its package's
 * input contract before anything is written, and only while the job is DRAFT or PLANNED. A file
 * is stored as the absolute path it binds to; other values keep the person's spelling.
 */
public final class InputBinding {
    private final JobFiles jobs;
    private final PackageRegistry packages;
    private final InputValues inputValues;
    private final Clock clock;

    /** Creates the binding over the workspace's jobs and packages. */
    public InputBinding(JobFiles jobs, PackageRegistry packages, InputValues inputValues, Clock clock) {
        this.jobs = jobs;
        this.packages = packages;
        this.inputValues = inputValues;
        this.clock = clock;
    }

    /** Sets {@code values} (name to value; an empty value clears the input) on the job {@code jobId}. */
    public Job set(String jobId, Map<String, String> values) {
        if (values.isEmpty()) {
            throw new InvalidInputException("no input given; write name=value, e.g. bit job set --job-id " + jobId + " audio_file=/path/episode.wav");
        }
        Job current = jobs.read(jobId);
        TaskPackage pkg = packages.get(current.packageRef());
        Map<String, String> checked = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            InputSpec spec = pkg.input(name).orElseThrow(() -> new InvalidInputException("job " + jobId + " has no input '" + name
                    + "' (package " + pkg.ref() + " takes: " + String.join(", ", pkg.inputs().stream().map(InputSpec::name).toList()) + ")"));
            String v = value == null ? "" : value.strip();
            boolean plainFile = spec.type() == InputType.FILE && !v.startsWith(InputValues.JOB_OUTPUT);
            String raw = InputValues.isDestination(pkg, name) ? inputValues.destination(v) : v;
            checked.put(name, v.isEmpty() ? "" : plainFile ? inputValues.bindOne(jobId, spec, v) : checkedRaw(jobId, spec, raw));
        });
        Instant now = clock.instant();
        return jobs.update(jobId, job -> {
            if (!job.status().isEditable()) {
                throw new InvalidTransitionException(job.status(), job.status(), "job " + jobId + " is " + job.status()
                        + ": inputs can only change while it is DRAFT or PLANNED"
                        + (job.status() == JobStatus.APPROVED ? "; withdraw the approval first with: bit deny --job-id " + jobId + " --reason ..." : ""));
            }
            Map<String, String> inputs = new LinkedHashMap<>(job.inputs());
            inputs.putAll(checked);
            return job.toBuilder().inputs(inputs).updatedAt(now).build();
        });
    }

    private String checkedRaw(String jobId, InputSpec spec, String value) {
        inputValues.bindOne(jobId, spec, value); // fails on a bad value; the person's spelling is kept
        return value;
    }
}
