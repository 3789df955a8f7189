package io.concierge.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobSummary;
import io.concierge.api.job.JobSummaryPage;
import io.concierge.server.http.ApiError;
import io.concierge.server.http.BodyFields;
import io.concierge.server.http.Exchange;
import io.concierge.server.http.Router;
import io.concierge.server.json.JsonViews;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/jobs}: create, list and show jobs, change their inputs, their status and validation. */
public final class JobRoutes implements Routes {
    private final Concierge concierge;
    private final JsonViews jobs;
    private final io.concierge.server.sse.JobFeed feed;
    private final JobReader reader;

    /**
     * Creates the endpoints.
     *
     * @param concierge the Concierge served
     * @param jobs      the JSON views
     * @param feed      the live changes of the job list
     * @param reader    reads every job's summary once for requests arriving together
     */
    public JobRoutes(Concierge concierge, JsonViews jobs, io.concierge.server.sse.JobFeed feed, JobReader reader) {
        this.feed = feed;
        this.reader = reader;
        this.concierge = concierge;
        this.jobs = jobs;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/api/jobs", JobQuery.PARAMETERS, this::list)
                .add("GET", "/api/jobs/counts", java.util.Set.of("q"), this::counts)
                .add("GET", "/api/jobs/stream", feed::stream)
                .add("POST", "/api/jobs", this::create)
                .add("GET", "/api/jobs/{id}", ex -> ex.send(200, jobs.job(concierge.job(ex.param("id")))))
                .add("PATCH", "/api/jobs/{id}/inputs", this::setInputs)
                .add("GET", "/api/jobs/{id}/status", ex -> ex.send(200, jobs.status(concierge.status(ex.param("id")))))
                .add("GET", "/api/jobs/{id}/validate",
                        ex -> ex.send(200, jobs.validation(concierge.validate(ex.param("id")))));
    }

    /**
     * The page as an array (the shape without paging); the total and the next page's cursor
     * in headers: {@code X-Total-Count}, {@code X-Next-Cursor} and {@code Link: <...>; rel="next"}.
     * The page comes from the job index; only its jobs are read in full.
     */
    private void list(Exchange ex) throws IOException {
        JobFilter filter = JobQuery.of(ex).filter();
        JobSummaryPage page = concierge.listJobs(filter);
        // The total counts every match: from the reading of all summaries that the counts and
        // the live feed of the same dashboard tab share, not from a look of its own.
        long total = reader.summaries().stream().filter(filter::matches).count();
        ex.setHeader("X-Total-Count", Long.toString(total));
        if (page.hasMore()) {
            String next = page.nextCursor();
            ex.setHeader("X-Next-Cursor", next);
            StringBuilder link = new StringBuilder("/api/jobs?");
            ex.path().query().forEach((name, value) -> {
                if (!name.equals("cursor")) {
                    link.append(JsonViews.segment(name)).append('=').append(JsonViews.segment(value)).append('&');
                }
            });
            ex.setHeader("Link", "<" + link + "cursor=" + JsonViews.segment(next) + ">; rel=\"next\"");
        }
        List<Job> whole = concierge.jobs(page.jobs().stream().map(JobSummary::id).toList());
        ex.send(200, jobs.list(whole, jobs::job));
    }

    /** Jobs per status among those matching {@code q}, for the dashboard's tabs. */
    private void counts(Exchange ex) throws IOException {
        JobFilter filter = JobQuery.of(ex).filter();
        ex.send(200, jobs.jobCounts(reader.summaries().stream().filter(filter::matchesIgnoringStatus).toList()));
    }

    private void create(Exchange ex) throws IOException {
        ObjectNode body = ex.body();
        BodyFields.onlyKnown(body, "intent_id");
        Job job = concierge.createJob(BodyFields.requiredText(body, "intent_id"));
        ex.setHeader("Location", "/api/jobs/" + JsonViews.segment(job.id()));
        ex.send(201, jobs.job(job));
    }

    private void setInputs(Exchange ex) throws IOException {
        ObjectNode body = ex.body();
        if (body.isEmpty()) {
            throw ApiError.badRequest("give at least one input to change, e.g. {\"message\": \"hello\"}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw ApiError.badRequest("input \"" + field.getKey() + "\" must be text, a number or true/false");
            }
            values.put(field.getKey(), value.isNull() ? "" : value.asText());
        }
        ex.send(200, jobs.job(concierge.setInputs(ex.param("id"), values)));
    }
}
