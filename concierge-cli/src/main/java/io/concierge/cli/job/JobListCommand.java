package io.concierge.cli.job;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.Since;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.StatusColour;
import io.concierge.cli.output.Table;
import io.concierge.cli.output.TextFormat;
import io.concierge.cli.output.WorkText;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code bit job list [--status S[,S]] [--since 7d] [--limit N] [-q]}: one line per job, oldest
 * first, so that {@code wc -l} counts jobs and {@code tail -1 | awk '{print $1}'} is the job just
 * created. {@code --limit N} keeps the newest N (still printed oldest first), and {@code -q}
 * prints ids only, for {@code xargs} and loops.
 */
@Command(name = "list", description = "List jobs, oldest first (one per line).")
public final class JobListCommand extends BitSubcommand {
    @Option(names = "--status", paramLabel = "STATUS", split = ",",
            description = "Only jobs in these states (comma-separated, any case): DRAFT, PLANNED, APPROVED, RUNNING, COMPLETED, FAILED, HALTED.")
    private List<String> statuses = List.of();

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only jobs created since then: an ISO time, a date, or a duration back from now (90m, 24h, 7d, 2w).")
    private String since;

    @Option(names = "--limit", paramLabel = "N", description = "Only the newest N jobs (printed oldest first).")
    private Integer limit;

    @Option(names = {"-q", "--quiet"}, description = "Print job ids only, one per line.")
    private boolean quiet;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public JobListCommand() {
    }

    @Override
    public Integer call() {
        Set<JobStatus> wanted = statuses();
        Instant from = since();
        if (limit != null && limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be 0 or more, not " + limit);
        }
        try (Concierge concierge = openExisting()) {
            // One bad job file is one line on stderr; stdout keeps one line per good job, so wc -l still counts jobs.
            concierge.jobProblems().forEach(problem -> err().println("bit: warning: " + WorkText.oneLine(problem.toString())));
            Stream<Job> selected = concierge.jobs().stream()
                    .filter(job -> wanted.isEmpty() || wanted.contains(job.status()))
                    .filter(job -> from == null || !job.createdAt().isBefore(from));
            List<Job> jobs = selected.toList();
            if (limit != null && jobs.size() > limit) {
                jobs = jobs.subList(jobs.size() - limit, jobs.size());
            }
            if (json.enabled()) {
                json().print(out(), views(concierge).list(jobs, views(concierge)::job));
                return ExitCodes.OK;
            }
            if (quiet) {
                jobs.forEach(job -> out().println(job.id()));
                return ExitCodes.OK;
            }
            if (bit().environment().interactive()) {
                Table table = new Table("JOB", "STATUS", "PACKAGE", "CREATED", "INTENT")
                        .style(1, StatusColour.of(bit().environment().colour()));
                jobs.forEach(job -> table.row(job.id(), job.status().name(), job.packageRef(),
                        TextFormat.time(job.createdAt()), WorkText.oneLine(job.intentText())));
                table.lines().forEach(out()::println);
            } else {
                jobs.forEach(job -> out().println(WorkText.jobLine(job)));
            }
        }
        return ExitCodes.OK;
    }

    private Set<JobStatus> statuses() {
        Set<JobStatus> wanted = EnumSet.noneOf(JobStatus.class);
        for (String name : statuses) {
            try {
                wanted.add(JobStatus.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--status: '" + name
                        + "' is not a job status; use DRAFT, PLANNED, APPROVED, RUNNING, COMPLETED, FAILED or HALTED");
            }
        }
        return wanted;
    }

    private Instant since() {
        try {
            return Since.parse(since, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
