package io.concierge.cli.run;

import io.concierge.api.Concierge;
import io.concierge.api.run.Artifact;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.JobArgument;
import io.concierge.cli.output.JsonOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bit artifacts --job-id ID}: one absolute path per line, for {@code cp}, {@code xargs} and friends. */
@Command(name = "artifacts", description = "List a job's artifacts, one absolute path per line.")
public final class ArtifactsCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public ArtifactsCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            List<Artifact> artifacts = concierge.artifacts(jobArgument.id());
            if (json.enabled()) {
                json().print(out(), views(concierge).list(artifacts, a -> views(concierge).artifact(jobArgument.id(), a)));
            } else {
                artifacts.forEach(artifact -> out().println(artifact.path().toAbsolutePath()));
            }
        }
        return ExitCodes.OK;
    }
}
