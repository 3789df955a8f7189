package io.concierge.cli.run;

import io.concierge.api.Concierge;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.JsonViews;
import io.concierge.cli.output.WorkText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bit run --job-id ID [--force]}: runs the approved plan in this process, progress on
 * standard error, a summary and the artifact paths on standard output. Exit 0 only when the
 * run COMPLETED.
 */
@Command(name = "run", description = "Run an APPROVED job; exit 0 when it COMPLETED, 1 when it FAILED or HALTED.")
public final class RunCommand extends BitSubcommand {
    @Option(names = "--job-id", required = true, paramLabel = "ID", description = "Job id or unique prefix.")
    private String jobId;

    @Option(names = "--force", description = "Run again a job that already COMPLETED.")
    private boolean force;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public RunCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = bit().open(bit().resolveWorkspace().path(), false, new ProgressPrinter(err()))) {
            Run run = concierge.run(jobId, new RunOptions(force));
            List<Artifact> artifacts = concierge.artifacts(run.jobId());
            if (json.enabled()) {
                Map<String, Object> view = new LinkedHashMap<>(JsonViews.run(run));
                view.put("artifacts", JsonViews.list(artifacts, JsonViews::artifact));
                json().print(out(), view);
            } else {
                out().println(WorkText.runSummary(run));
                artifacts.forEach(artifact -> out().println(artifact.path().toAbsolutePath()));
            }
            return run.status() == JobStatus.COMPLETED ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
