package io.concierge.cli.report;

import io.concierge.cli.Since;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobSummary;
import io.concierge.api.workspace.Finding;
import io.concierge.api.failure.ConciergeException;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code bit audit [--since WHEN] [--check]}: the approval and run trail of every job, one line
 * per event; with {@code --check} every job is also validated against its recorded hashes and
 * each finding printed, exit 1 when there is any.
 */
@Command(name = "audit", description = "Show the approval and run trail of all jobs; --check also validates every job.",
        footer = {"", "Lines: <timestamp>  <job_id>  <type>  by=<by> note=<note> plan=<plan hash, 12 chars>",
            "(only the fields the event has). With --check: <job_id>  <subject>: <message> per finding, exit 1."})
public final class AuditCommand extends BitSubcommand {
    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only events since an ISO time or date, or a duration back from now (24h, 7d).")
    private String since;

    @Option(names = "--check", description = "Also validate every job's spec, plan and approvals; exit 1 on findings.")
    private boolean check;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public AuditCommand() {
    }

    @Override
    public Integer call() {
        Instant from;
        try {
            from = Since.parse(since, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (Concierge concierge = openExisting()) {
            List<Event> events = concierge.audit(from);
            List<Map<String, Object>> findings = new ArrayList<>();
            if (check) {
                // A job file that cannot be read is a finding like any other: the rest are still checked.
                for (Finding problem : concierge.jobProblems()) {
                    String[] parts = problem.subject().split("/");
                    findings.add(finding(parts.length == 3 ? parts[1] : "", parts.length == 3 ? parts[2] : problem.subject(),
                            problem.message()));
                }
                // The ids come from the job index; validation reads each job's files itself.
                for (JobSummary job : concierge.listJobs(JobFilter.all()).jobs()) {
                    List<Finding> found;
                    try {
                        found = concierge.validate(job.id()).findings();
                    } catch (ConciergeException e) {
                        found = List.of(new Finding("job", "cannot be validated: " + e.getMessage()));
                    }
                    found.forEach(f -> findings.add(finding(job.id(), f.subject(), f.message())));
                }
            }
            if (json.enabled()) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("events", views(concierge).list(events, views(concierge)::event));
                view.put("findings", check ? findings : null);
                json().print(out(), view);
            } else {
                events.forEach(event -> out().println(line(event)));
                findings.forEach(finding -> out().println(finding.get("job_id") + "  " + finding.get("subject")
                        + ": " + WorkText.oneLine(String.valueOf(finding.get("message")))));
            }
            return findings.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private static Map<String, Object> finding(String jobId, String subject, String message) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("job_id", jobId);
        view.put("subject", subject);
        view.put("message", message);
        return view;
    }

    /** {@code <timestamp>  <job_id>  <type>  by=.. note=.. plan=..}, with the fields the event has. */
    static String line(Event event) {
        StringBuilder line = new StringBuilder()
                .append(event.timestamp()).append("  ").append(event.jobId()).append("  ").append(event.type());
        String separator = "  ";
        for (String field : List.of("by", "note", "plan_hash")) {
            Object value = event.payload().get(field);
            if (value == null) {
                continue;
            }
            String text = WorkText.oneLine(value.toString());
            if (field.equals("plan_hash")) {
                line.append(separator).append("plan=").append(WorkText.shortId(text));
            } else {
                line.append(separator).append(field).append('=').append(text);
            }
            separator = " ";
        }
        return line.toString();
    }
}
