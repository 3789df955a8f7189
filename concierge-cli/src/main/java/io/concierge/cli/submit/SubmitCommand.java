package io.concierge.cli.submit;

import io.concierge.api.Concierge;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.run.StatusReport;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.job.Assignment;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.run.ProgressPrinter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code bit submit "SENTENCE" [--input NAME=VALUE]... [--approve] [--run] [--wait]}: the whole
 * flow in one command, printing the job id on standard output so a script needs no
 * {@code tail -1 | awk}:
 *
 * <pre>
 * JOB=$(bit submit "Normalize podcast episode.wav to -14 LUFS" --input target_loudness=-16)
 * bit plan show $JOB && bit approve $JOB && bit run $JOB
 * </pre>
 *
 * <p>The job is synthesized, created and planned; {@code --approve} approves the plan (as
 * {@code --by}, by default the OS user), {@code --run} runs it here (progress on standard
 * error, exit 1 if it did not complete), and {@code --wait} waits for a run elsewhere to end.
 */
@Command(name = "submit", description = {
    "Synthesize, create and plan a job from a sentence; print its id.",
    "With --approve, approve it; with --run, run it here; with --wait, wait until a run ends."})
public final class SubmitCommand extends BitSubcommand {
    @Parameters(index = "0", paramLabel = "SENTENCE", description = "What you want done, in one quoted argument.")
    private String text;

    @Option(names = {"-i", "--input"}, paramLabel = "NAME=VALUE", description = "Set an input before planning (repeatable).")
    private List<String> inputs = List.of();

    @Option(names = "--approve", description = "Approve the plan (as --by).")
    private boolean approve;

    @Option(names = "--by", paramLabel = "NAME", description = "Who approves, with --approve (default: the OS user).")
    private String by;

    @Option(names = "--note", paramLabel = "TEXT", description = "The approval's note, with --approve.")
    private String note;

    @Option(names = "--run", description = "Run the approved job in this process (needs --approve or auto-approval).")
    private boolean run;

    @Option(names = "--wait", description = "Wait until the job's run ends (one started here with --run, or elsewhere).")
    private boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "With --wait: give up after this many seconds (exit 7).")
    private Double timeoutSeconds;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public SubmitCommand() {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (text == null || text.isBlank()) {
            throw new ParameterException(spec.commandLine(), "the sentence is empty: say what you want done, e.g. bit submit \"Normalize episode.wav\"");
        }
        Map<String, String> values = assignments();
        if ((by != null || note != null) && !approve) {
            throw new ParameterException(spec.commandLine(), "--by and --note go with --approve");
        }
        if (timeoutSeconds != null && (!await || !(timeoutSeconds >= 0))) {
            throw new ParameterException(spec.commandLine(), "--timeout takes 0 or more seconds and goes with --wait");
        }
        ProgressPrinter progress = progress(json.enabled());
        try (Concierge concierge = bit().open(bit().resolveWorkspace().path(), true, progress)) {
            Intent intent = concierge.synthesize(text);
            Job job = concierge.createJob(intent.id());
            if (!values.isEmpty()) {
                job = concierge.setInputs(job.id(), values);
            }
            concierge.generatePlan(job.id());
            if (approve) {
                concierge.approve(job.id(), by == null || by.isBlank() ? bit().environment().userName() : by.strip(),
                        note == null ? "" : note);
            }
            job = concierge.job(job.id());
            Run finished = null;
            if (run) {
                if (job.status() != JobStatus.APPROVED) {
                    throw new ConciergeException(ConciergeException.Kind.WRONG_STATE, "job " + job.id() + " was planned but is "
                            + job.status().name() + ": approve it (bit approve " + job.id() + ", or --approve) before --run");
                }
                finished = concierge.run(job.id(), RunOptions.defaults());
            } else if (await) {
                finished = awaitRun(concierge, job.id());
                if (finished == null) {
                    out().println(job.id());
                    return ExitCodes.TIMEOUT;
                }
            }
            job = concierge.job(job.id());
            if (json.enabled()) {
                ObjectNode view = views(concierge).job(job);
                view.set("run", finished == null ? null : views(concierge).run(finished));
                json().print(out(), view);
            } else {
                out().println(job.id());
            }
            return finished == null || finished.status() == JobStatus.COMPLETED ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** Waits for a run started elsewhere to end; null when the timeout ran out first. */
    private Run awaitRun(Concierge concierge, String jobId) throws InterruptedException {
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE : System.nanoTime() + Math.round(timeoutSeconds * 1e9);
        while (System.nanoTime() - deadline < 0) {
            StatusReport report = concierge.status(jobId);
            JobStatus status = report.job().status();
            boolean ended = status == JobStatus.COMPLETED || status == JobStatus.FAILED || status == JobStatus.HALTED
                    || report.interrupted();
            if (ended && report.lastRun().isPresent()) {
                return report.lastRun().get();
            }
            Thread.sleep(200);
        }
        err().println("bit: job " + jobId + " did not end within " + timeoutSeconds + " s");
        return null;
    }

    private Map<String, String> assignments() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String input : inputs) {
            try {
                Assignment assignment = Assignment.parse(input);
                values.put(assignment.name(), assignment.value());
            } catch (TypeConversionException e) {
                throw new ParameterException(spec.commandLine(), "--input " + e.getMessage());
            }
        }
        return values;
    }
}
