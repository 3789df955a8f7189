package io.concierge.cli.job;

import io.concierge.api.Concierge;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobStatus;
import io.concierge.api.job.JobSummary;
import io.concierge.api.job.JobSummaryPage;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.Since;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.StatusColour;
import io.concierge.cli.output.Table;
import io.concierge.cli.output.TextFormat;
import io.concierge.cli.output.WorkText;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code bit job list [--status S[,S]] [--since 7d] [--limit N] [--cursor C] [-q]}: one line per
 * job, oldest first, so that {@code wc -l} counts jobs and {@code tail -1 | awk '{print $1}'} is
 * the job just created. {@code --limit N} keeps the newest N (still printed oldest first); when
 * older jobs remain, standard error says which {@code --cursor} lists the next (older) page.
 * {@code -q} prints ids only, for {@code xargs} and loops. Everything but {@code --json} is read
 * from the job index ({@link Concierge#listJobs}), so {@code --limit 20} costs the same whatever
 * the number of jobs; {@code --json} reads the listed jobs' files in full.
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

    @Option(names = "--cursor", paramLabel = "CURSOR",
            description = "Continue with the jobs older than the previous page: the cursor a listing with --limit printed on stderr.")
    private String cursor;

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
        if (cursor != null && cursor.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--cursor is empty: give the cursor a listing with --limit printed"
                    + " on stderr, or leave --cursor out for the newest jobs");
        }
        if (limit != null && limit == 0) {
            return ExitCodes.OK; // the newest none: nothing to read
        }
        // Paging goes from the newest back; a whole list is read oldest first, as it is printed.
        boolean paged = limit != null || cursor != null;
        JobFilter filter;
        try {
            filter = JobFilter.builder().statuses(wanted).since(from).newestFirst(paged)
                    .limit(limit == null ? 0 : limit).cursor(cursor).build();
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), "--cursor: " + e.getMessage());
        }
        try (Concierge concierge = openExisting()) {
            JobSummaryPage page = concierge.listJobs(filter);
            // One bad job file is one line on stderr; stdout keeps one line per good job, so wc -l still counts jobs.
            page.problems().forEach(problem -> err().println("bit: warning: " + WorkText.oneLine(problem.toString())));
            List<JobSummary> jobs = new ArrayList<>(page.jobs());
            if (paged) {
                Collections.reverse(jobs);
            }
            if (page.hasMore()) {
                err().println("bit: older jobs follow; for the next page add: --cursor " + page.nextCursor());
            }
            if (json.enabled()) {
                List<Job> whole = concierge.jobs(jobs.stream().map(JobSummary::id).toList());
                json().print(out(), views(concierge).list(whole, views(concierge)::job));
                return ExitCodes.OK;
            }
            if (quiet) {
                StringBuilder text = new StringBuilder(jobs.size() * 30);
                jobs.forEach(job -> text.append(job.id()).append(System.lineSeparator()));
                out().print(text);
                out().flush();
                return ExitCodes.OK;
            }
            if (bit().environment().interactive()) {
                Table table = new Table("JOB", "STATUS", "PACKAGE", "CREATED", "INTENT")
                        .style(1, StatusColour.of(bit().environment().colour()));
                jobs.forEach(job -> table.row(job.id(), job.status().name(), job.packageRef(),
                        TextFormat.time(job.createdAt()), WorkText.oneLine(job.intentText())));
                table.lines().forEach(out()::println);
            } else {
                // One write for the whole list: the writer flushes on every println, a system call per job.
                StringBuilder text = new StringBuilder(jobs.size() * 160);
                jobs.forEach(job -> WorkText.appendJobLine(text, job));
                PrintWriter out = out();
                out.print(text);
                out.flush();
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
