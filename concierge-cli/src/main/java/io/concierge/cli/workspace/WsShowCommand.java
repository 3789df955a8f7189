package io.concierge.cli.workspace;

import io.concierge.api.Concierge;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bit ws show}: which workspace is in use, why, and how much is in it. */
@Command(name = "show", description = "Show the workspace in use, why it was chosen, and its counts.")
public final class WsShowCommand extends BitSubcommand {
    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public WsShowCommand() {
    }

    @Override
    public Integer call() {
        ResolvedWorkspace resolved = bit().resolveWorkspace();
        Map<String, Object> view = new LinkedHashMap<>();
        try (Concierge concierge = bit().open(resolved.path(), false, event -> { })) {
            view.put("path", resolved.path().toString());
            view.put("environment", resolved.environment());
            view.put("chosen_by", resolved.reason());
            view.put("intents", concierge.intents().size());
            view.put("jobs", concierge.countJobs(io.concierge.api.job.JobFilter.all()).values().stream()
                    .mapToLong(Long::longValue).sum());
        }
        if (json.enabled()) {
            json().print(out(), view);
        } else {
            out().println("workspace: " + view.get("path"));
            out().println("environment: " + view.get("environment"));
            out().println("chosen by: " + view.get("chosen_by"));
            out().println("intents: " + view.get("intents"));
            out().println("jobs: " + view.get("jobs"));
        }
        return ExitCodes.OK;
    }
}
