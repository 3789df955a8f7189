package io.concierge.server.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.job.Job;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Artifact;
import io.concierge.api.worker.PreviewingWorker;
import io.concierge.api.worker.WorkerInputs;
import io.concierge.api.worker.WorkerParams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what can be drawn for a job: the charts of its latest run, from the reports its steps
 * wrote, and the charts of its current plan before it runs.
 *
 * <p>A run's chart comes from a step's JSON output whose content the chart recognizes (a
 * loudness report has {@code series.input.short_term_lufs}), so a custom worker writing the same
 * shape gets the same chart. Reports larger than {@value #MAX_REPORT_BYTES} bytes are not read.
 *
 * <p>A plan's charts come from workers that can preview their step ({@link PreviewingWorker}):
 * the normalize worker measures a WAV input of up to an hour while the plan is shown (a second or
 * so for ten minutes of audio); other inputs are measured when the job runs, and the chart says so.
 */
public final class JobCharts {
    /** Reports above this size are left alone: a chart's series is bounded, a report this big is something else. */
    public static final long MAX_REPORT_BYTES = 8L << 20;
    private static final Pattern INPUT_REFERENCE = Pattern.compile("\\$\\{inputs\\.([A-Za-z0-9_]+)}");

    /** Previews remembered at most; the memory is dropped whole when full (plans change rarely). */
    private static final int MAX_PREVIEWS = 64;

    private final Concierge concierge;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Optional<JsonNode>> previews = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Charts of the jobs of {@code concierge}.
     *
     * @param concierge the Concierge whose jobs are drawn
     */
    public JobCharts(Concierge concierge) {
        this.concierge = concierge;
    }

    /**
     * The charts of the job's latest run, in the order its steps completed; empty before a run.
     *
     * @param jobId the job's id or a unique prefix
     * @return the charts
     */
    public List<Chart> ofRun(String jobId) {
        List<Chart> charts = new ArrayList<>();
        for (Report report : reports(jobId)) {
            if (LoudnessChart.accepts(report.content())) {
                charts.add(LoudnessChart.ofRun(report.stepId(), report.name(), report.content()));
            } else if (VideoPreviewChart.accepts(report.content())) {
                charts.add(VideoPreviewChart.of(report.stepId(), report.name(), report.content()));
            } else if (ArchiveTable.accepts(report.content())) {
                charts.add(ArchiveTable.of(report.stepId(), report.name(), report.content()));
            } else if (ValidationTable.accepts(report.content())
                    && report.content().path("summary").path("problems").asLong() > 0) {
                charts.add(ValidationTable.of(report.stepId(), report.name(), report.content()));
            }
        }
        return charts;
    }

    /**
     * The loudness reports the job's latest run wrote (those a loudness chart can draw), for a
     * command line's sparkline; empty before a run.
     *
     * @param jobId the job's id or a unique prefix
     * @return the parsed reports, in the order their steps completed
     */
    public List<JsonNode> loudnessReports(String jobId) {
        return reports(jobId).stream().map(Report::content).filter(LoudnessChart::accepts).toList();
    }

    /**
     * The charts of the job's current plan, from the previews of its steps' workers (see
     * {@link PreviewingWorker}): for a normalization, the input's loudness over time and the gain
     * the target needs. A step whose preview is unavailable gets a chart of kind
     * {@code unavailable} with no SVG and the reason as its caption. Empty when there is no plan.
     *
     * @param jobId the job's id or a unique prefix
     * @return the charts
     */
    public List<Chart> ofPlan(String jobId) {
        Job job = concierge.job(jobId);
        if (job.planId().isEmpty()) {
            return List.of();
        }
        Plan plan = concierge.plan(job.id(), job.planId());
        List<Chart> charts = new ArrayList<>();
        for (Step step : plan.steps()) {
            Optional<PreviewingWorker> worker = previewer(step.worker());
            Map<String, String> inputs = bound(step.inputs(), plan.inputs());
            Map<String, String> params = bound(step.params(), plan.inputs());
            if (worker.isEmpty() || inputs == null || params == null) {
                continue;
            }
            preview(plan, step, worker.get(), inputs, params).ifPresent(preview -> {
                if (preview.hasNonNull("unavailable")) {
                    charts.add(new Chart(step.id(), "unavailable", "Not measured before the run",
                            preview.path("unavailable").asText() + ".", "", ""));
                } else if (preview.path("kind").asText().equals("loudness") && LoudnessChart.accepts(preview)) {
                    charts.add(LoudnessChart.ofPlan(step.id(), "", preview, preview.path("target_lufs").asDouble(),
                            preview.path("ceiling_dbtp").asDouble()));
                }
            });
        }
        return charts;
    }

    private Optional<PreviewingWorker> previewer(String workerId) {
        return concierge.workers().stream()
                .filter(w -> w instanceof PreviewingWorker && w.descriptor().id().equals(workerId))
                .map(PreviewingWorker.class::cast)
                .findFirst();
    }

    /**
     * The step's preview, remembered for the same plan and unchanged input files: the dashboard
     * asks again whenever the page is opened, and measuring takes a second.
     */
    private Optional<JsonNode> preview(Plan plan, Step step, PreviewingWorker worker, Map<String, String> inputs,
                                       Map<String, String> params) {
        FileSystem fs = concierge.workspace().root().getFileSystem();
        StringBuilder key = new StringBuilder(plan.hash()).append('/').append(step.id());
        for (String value : inputs.values()) {
            try {
                Path file = fs.getPath(value);
                if (file.isAbsolute() && Files.isRegularFile(file)) {
                    key.append('/').append(Files.size(file)).append('@').append(Files.getLastModifiedTime(file).toMillis());
                }
            } catch (IOException | RuntimeException e) {
                // not a readable file: the value itself is in the plan hash already
            }
        }
        Optional<JsonNode> known = previews.get(key.toString());
        if (known != null) {
            return known;
        }
        Optional<JsonNode> made;
        try {
            made = worker.preview(new WorkerInputs(inputs), new WorkerParams(params), fs).map(json::valueToTree);
        } catch (IOException | RuntimeException e) {
            // a preview is a courtesy: one that fails says so and the plan is shown as always
            made = Optional.of(json.createObjectNode().put("kind", "unavailable")
                    .put("unavailable", "the preview failed: " + e.getMessage()));
        }
        if (previews.size() >= MAX_PREVIEWS) {
            previews.clear();
        }
        previews.put(key.toString(), made);
        return made;
    }

    /** The values with {@code ${inputs.x}} replaced by the plan's; null when one refers to another step's output. */
    private static Map<String, String> bound(Map<String, String> values, Map<String, String> inputs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String value = bound(e.getValue(), inputs);
            if (value.contains("${")) {
                return null;
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    /** A step's JSON output of the latest run, parsed. */
    record Report(String stepId, String worker, String name, JsonNode content) {
    }

    /** The JSON outputs of the job's latest run (of completed steps, and those failed steps kept) still in its artifacts. */
    List<Report> reports(String jobId) {
        Map<String, String> workers = new LinkedHashMap<>();
        Map<String, Map<?, ?>> outputs = new LinkedHashMap<>();
        for (Event event : concierge.events(jobId, false)) {
            Object stepId = event.payload().get("step_id");
            if (stepId == null) {
                continue;
            }
            if (event.type().equals(EventTypes.STEP_STARTED) && event.payload().get("worker") != null) {
                workers.put(stepId.toString(), event.payload().get("worker").toString());
            } else if ((event.type().equals(EventTypes.STEP_COMPLETED) || event.type().equals(EventTypes.STEP_FAILED))
                    && event.payload().get("outputs") instanceof Map<?, ?> names) {
                // a failed step names the reports it kept (what is wrong), and those are worth showing most
                outputs.put(stepId.toString(), names);
            }
        }
        Map<String, Path> artifacts = new LinkedHashMap<>();
        for (Artifact artifact : concierge.artifacts(jobId)) {
            artifacts.put(artifact.name(), artifact.path());
        }
        List<Report> reports = new ArrayList<>();
        outputs.forEach((stepId, names) -> {
            for (Object value : names.values()) {
                String name = String.valueOf(value);
                Path file = artifacts.get(name);
                if (file == null || !name.endsWith(".json")) {
                    continue;
                }
                read(file).ifPresent(content -> reports.add(new Report(stepId, workers.getOrDefault(stepId, ""), name, content)));
            }
        });
        return reports;
    }

    private Optional<JsonNode> read(Path file) {
        try {
            if (Files.size(file) > MAX_REPORT_BYTES) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file)) {
                JsonNode node = json.readTree(in);
                return node == null || !node.isObject() ? Optional.empty() : Optional.of(node);
            }
        } catch (IOException e) {
            // an unreadable or broken report draws nothing; the artifact list still shows the file
            return Optional.empty();
        }
    }

    /** A step's input or param with {@code ${inputs.x}} replaced by the plan's bound value. */
    private static String bound(String template, Map<String, String> inputs) {
        if (template == null) {
            return null;
        }
        Matcher m = INPUT_REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(inputs.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
