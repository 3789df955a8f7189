package io.concierge.core.run;

import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.job.JobSummary;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.WorkspaceStats;
import io.concierge.core.event.EventLog;
import io.concierge.core.job.JobFiles;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Counts over a workspace's jobs and runs for {@code bit stats}: jobs by status and day, run durations by package. */
public final class RunStatistics {
    private static final Set<String> RUN_ENDS = Set.of(EventTypes.JOB_COMPLETED, EventTypes.JOB_FAILED, EventTypes.JOB_HALTED);

    private final JobFiles jobs;
    private final EventLog events;

    /** Creates the statistics over the workspace's jobs and event logs. */
    public RunStatistics(JobFiles jobs, EventLog events) {
        this.jobs = jobs;
        this.events = events;
    }

    /** The statistics of jobs created since {@code since} (all when null). */
    public WorkspaceStats since(Instant since) {
        // Statuses and days from the job index; durations from the run logs, which no job.yaml holds.
        List<JobSummary> counted = jobs.index().summaries().stream()
                .filter(j -> since == null || !j.createdAt().isBefore(since)).toList();
        Map<JobStatus, Long> byStatus = new EnumMap<>(JobStatus.class);
        Map<LocalDate, Long> perDay = new TreeMap<>();
        Map<String, List<Double>> durations = new TreeMap<>();
        for (JobSummary job : counted) {
            byStatus.merge(job.status(), 1L, Long::sum);
            perDay.merge(job.createdAt().atZone(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum);
            for (String runId : events.runIds(job.id())) {
                for (Event e : events.run(job.id(), runId)) {
                    if (RUN_ENDS.contains(e.type()) && e.payload().get("duration") instanceof Number seconds) {
                        durations.computeIfAbsent(job.packageId(), k -> new ArrayList<>()).add(seconds.doubleValue());
                    }
                }
            }
        }
        long finished = counted.stream().filter(j -> j.status().isFinished()).count();
        double rate = finished == 0 ? 0 : (double) byStatus.getOrDefault(JobStatus.COMPLETED, 0L) / finished;
        List<WorkspaceStats.PackageDurations> packageDurations = new ArrayList<>();
        durations.forEach((id, list) -> {
            List<Double> sorted = list.stream().sorted().toList();
            packageDurations.add(new WorkspaceStats.PackageDurations(id, sorted.size(),
                    percentile(sorted, 0.5), percentile(sorted, 0.95)));
        });
        return new WorkspaceStats(counted.size(), byStatus, rate, packageDurations, perDay);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
