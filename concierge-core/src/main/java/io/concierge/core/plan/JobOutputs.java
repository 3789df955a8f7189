package io.concierge.core.plan;

import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Plan;
import io.concierge.core.event.EventLog;
import io.concierge.core.job.JobFiles;
import io.concierge.core.workspace.FileWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The files of other jobs' outputs, for inputs written {@code @job:<id>/<output>}: the job must
 * have COMPLETED, and the output is looked up in its last run's {@code step.completed} events.
 */
public final class JobOutputs {
    private final FileWorkspace workspace;
    private final JobFiles jobs;
    private final PlanFiles plans;
    private final EventLog events;

    /** Creates the lookup over the workspace's jobs, plans and event logs. */
    public JobOutputs(FileWorkspace workspace, JobFiles jobs, PlanFiles plans, EventLog events) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.plans = plans;
        this.events = events;
    }

    /** The file of output {@code outputName} of the job {@code jobIdOrPrefix}; fails saying why there is none. */
    public Path file(String jobIdOrPrefix, String outputName) {
        String jobId = jobs.resolve(jobIdOrPrefix);
        Job job = jobs.read(jobId);
        if (job.status() != JobStatus.COMPLETED) {
            throw new InvalidTransitionException(job.status(), job.status(), "job " + jobId + " is " + job.status()
                    + ": its outputs can be used once it has COMPLETED");
        }
        Plan plan = plans.read(jobId, job.planId());
        String ref = plan.outputs().get(outputName);
        if (ref == null) {
            throw new NotFoundException("job " + jobId + " has no output '" + outputName + "'; its outputs: "
                    + String.join(", ", plan.outputs().keySet()));
        }
        Optional<StepReference> reference = StepReference.parse(ref);
        if (reference.isPresent()) {
            for (Event e : events.run(jobId, job.lastRunId())) {
                if (e.type().equals(EventTypes.STEP_COMPLETED) && e.stepId().equals(reference.get().stepId())
                        && e.payload().get("outputs") instanceof Map<?, ?> names && names.get(reference.get().output()) != null) {
                    Path dir = workspace.artifactsDir(jobId);
                    Path file = dir.resolve(String.valueOf(names.get(reference.get().output()))).normalize();
                    FileWorkspace.requireInside(dir, file, "output " + outputName + " of job " + jobId);
                    if (Files.isRegularFile(file)) {
                        return file;
                    }
                }
            }
        }
        throw new NotFoundException("output '" + outputName + "' of job " + jobId + " is not in its artifacts");
    }
}
