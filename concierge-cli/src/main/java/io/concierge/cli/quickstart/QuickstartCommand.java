package io.concierge.cli.quickstart;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.run.StatusReport;
import io.concierge.api.run.StepState;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.CliEnvironment;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.TextFormat;
import io.concierge.cli.output.WorkText;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bit quickstart}: makes a workspace with a sample episode in it and takes it through the
 * whole flow (intent, job, plan, approval, run) through the API, explaining each step and
 * ending with the {@code bit} commands that do the same by hand.
 */
@Command(name = "quickstart",
        description = "Make a sample workspace and episode.wav, then normalize it end to end, step by step.")
public final class QuickstartCommand extends BitSubcommand {
    /** The sentence the quickstart asks for. */
    public static final String TEXT = "Normalize podcast episode.wav to -14 LUFS";
    private static final int SAMPLE_RATE = 48_000;
    private static final double SECONDS = 10;

    @Option(names = "--workspace-dir", paramLabel = "PATH",
            description = "Where to make the workspace (default: --workspace, else ~/concierge-quickstart).")
    private String workspaceDir;

    /** Creates the command; picocli fills it. */
    public QuickstartCommand() {
    }

    @Override
    public Integer call() {
        CliEnvironment environment = bit().environment();
        Path workspace = workspaceDir != null ? environment.resolvePath(workspaceDir)
                : bit().workspaceOption() != null ? environment.resolvePath(bit().workspaceOption())
                : environment.home().resolve("concierge-quickstart");
        PrintWriter out = out();
        // The episode lies in the workspace folder, which is therefore where "episode.wav" in the
        // sentence resolves.
        try (Concierge concierge = bit().open(workspace, true, progress(false), workspace)) {
            // One person tries it out alone here: they make the job and approve it, so this workspace allows that.
            concierge.setConfig("approval.allow_self_approval", "true");
            Path episode = workspace.resolve("episode.wav");
            long bytes = writeEpisode(episode);
            out.println("Concierge quickstart");
            out.println("workspace: " + workspace);
            out.println("input:     " + episode + "  (" + (int) SECONDS + " s of speech-like stereo audio, 48 kHz,"
                    + " 16-bit, " + TextFormat.size(bytes) + ", about -26 LUFS)");
            out.println();

            Intent intent = concierge.synthesize(TEXT);
            out.println("1. Intent " + intent.shortId() + " from \"" + intent.text() + "\"");
            out.println("   verb " + TextFormat.orDash(intent.verb()) + "; files " + TextFormat.joined(intent.files())
                    + "; quantities " + TextFormat.joined(intent.quantities()));

            Job job = concierge.createJob(intent.id());
            out.println("2. Job " + job.id() + " (" + job.status().name() + ") matched to package "
                    + job.packageRef() + " with confidence " + TextFormat.confidence(job.confidence()));
            job.inputs().forEach((name, value) -> out.println("     " + name + ": " + value));

            Plan plan = concierge.generatePlan(job.id());
            out.println("3. Plan " + plan.id() + " (hash " + WorkText.shortId(plan.hash()) + ") with "
                    + plan.steps().size() + (plan.steps().size() == 1 ? " step:" : " steps:"));
            for (Step step : plan.steps()) {
                out.println("     " + WorkText.stepTitle(step));
            }

            Job approved = concierge.approve(job.id(), environment.userName(), "quickstart");
            approved.lastDecision().ifPresent(decision ->
                    out.println("4. Approval: " + WorkText.approvalLine(decision)));

            out.flush();
            Run run = concierge.run(job.id(), RunOptions.defaults());
            out.println("5. Run " + WorkText.runSummary(run).substring("run ".length()));

            StatusReport status = concierge.status(job.id());
            out.println("6. The job is now " + status.job().status().name());
            for (StepState step : status.steps()) {
                out.println("     " + step.stepId() + "  " + step.state() + "  " + TextFormat.seconds(step.duration())
                        + " s");
            }
            // What the workers measured (loudness before and after, gain, peaks), from the log.
            for (Event event : concierge.events(job.id(), false)) {
                if (event.type().equals(EventTypes.STEP_COMPLETED)) {
                    Map<String, Object> metrics = new LinkedHashMap<>(event.payload());
                    metrics.keySet().removeAll(List.of("step_id", "duration", "attempt", "outputs", "output_sha256"));
                    if (!metrics.isEmpty()) {
                        out.println("     " + event.stepId() + ": " + TextFormat.pairs(metrics));
                    }
                }
            }

            List<Artifact> artifacts = concierge.artifacts(job.id());
            out.println("7. Artifacts:" + (artifacts.isEmpty() ? " none" : ""));
            for (Artifact artifact : artifacts) {
                out.println("     " + artifact.path().toAbsolutePath() + "  (" + TextFormat.size(artifact.size()) + ")");
            }

            printNextSteps(out, workspace, job.id(), artifacts);
            return run.status() == JobStatus.COMPLETED ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** The same flow by hand, starting from this job; then one step further, to MP3. */
    private static void printNextSteps(PrintWriter out, Path workspace, String jobId, List<Artifact> artifacts) {
        String normalized = artifacts.stream().map(artifact -> artifact.path().toAbsolutePath().toString())
                .filter(path -> path.endsWith(".wav")).findFirst().orElse("episode.wav");
        out.println();
        out.println("Try next:");
        out.println("  bit ws open --path " + workspace);
        out.println("  bit job show --job-id " + jobId);
        out.println("  bit status --job-id " + jobId);
        out.println("  bit tail --job-id " + jobId);
        out.println("  bit artifacts --job-id " + jobId);
        out.println("  bit intent synth --text \"Compress " + normalized + " to MP3 format\"");
    }

    private static long writeEpisode(Path file) {
        try {
            // The normalize worker's own writer: the sample is written exactly as the worker reads it.
            return WavWriter.write(file, WavFormat.pcm(2, SAMPLE_RATE, 16),
                    SpeechLikeSignal.generate(SECONDS, SAMPLE_RATE, 2, -29, 20_261_125L));
        } catch (IOException e) {
            throw new ConciergeException(ConciergeException.Kind.FAILED,
                    "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
