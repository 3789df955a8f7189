package io.concierge.server.routes;

import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.server.http.ApiError;
import io.concierge.server.http.Exchange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The filters and paging of {@code GET /api/jobs}: {@code status} (one or more, comma-separated),
 * {@code q} (words found in the id, sentence or package, any case), {@code order}
 * ({@code oldest}, the default, or {@code newest}), {@code limit} (1 to 1000) and {@code cursor}
 * (the id of the last job of the previous page). Ids are time-ordered, so a cursor stays valid
 * while jobs are added: the next page starts right after it. Every value is checked; a wrong
 * one is a 400, never ignored.
 *
 * @param statuses the statuses asked for; empty for all
 * @param words    lower-case words that must all occur; empty for all
 * @param newest   newest first instead of oldest first
 * @param limit    the page size, or empty for every match
 * @param cursor   the id after which the page starts, or empty for the first page
 */
public record JobQuery(Set<JobStatus> statuses, List<String> words, boolean newest, OptionalInt limit,
                       Optional<String> cursor) {
    /** The query parameters {@code GET /api/jobs} takes. */
    public static final Set<String> PARAMETERS = Set.of("status", "q", "order", "limit", "cursor");
    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    /**
     * Copies.
     *
     * @param statuses the statuses asked for
     * @param words    the words
     * @param newest   newest first
     * @param limit    the page size
     * @param cursor   the cursor
     */
    public JobQuery {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        words = List.copyOf(words);
    }

    /**
     * Reads the query of a request.
     *
     * @param ex the request
     * @return the query
     * @throws ApiError 400 for an unknown status, a bad limit, order or cursor
     */
    public static JobQuery of(Exchange ex) {
        Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        for (String name : ex.query("status").orElse("").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                statuses.add(JobStatus.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("status must be one or more of " + List.of(JobStatus.values())
                        + " separated by commas, got '" + name.strip() + "'");
            }
        }
        List<String> words = new ArrayList<>();
        for (String word : ex.query("q").orElse("").toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        String order = ex.query("order").orElse("oldest");
        if (!order.equals("oldest") && !order.equals("newest")) {
            throw ApiError.badRequest("order must be oldest or newest, got '" + order + "'");
        }
        OptionalInt limit = OptionalInt.empty();
        if (ex.query("limit").isPresent()) {
            String text = ex.query("limit").get();
            try {
                int value = Integer.parseInt(text);
                if (value < 1 || value > MAX_LIMIT) {
                    throw new NumberFormatException();
                }
                limit = OptionalInt.of(value);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
            }
        }
        Optional<String> cursor = ex.query("cursor").filter(c -> !c.isEmpty());
        if (cursor.isPresent() && !cursor.get().matches("j_[0-9A-Za-z]{1,64}")) {
            throw ApiError.badRequest("cursor must be a job id as given in the previous page's next cursor, got '"
                    + cursor.get() + "'");
        }
        return new JobQuery(statuses, words, order.equals("newest"), limit, cursor);
    }

    /**
     * Whether a job matches the words (the status aside).
     *
     * @param job the job
     * @return true when every word occurs in its id, sentence or package
     */
    public boolean matchesWords(Job job) {
        if (words.isEmpty()) {
            return true;
        }
        String text = (job.id() + " " + job.intentText() + " " + job.packageId()).toLowerCase(Locale.ROOT);
        return words.stream().allMatch(text::contains);
    }

    /**
     * Whether a job matches the status and the words.
     *
     * @param job the job
     * @return true when it matches
     */
    public boolean matches(Job job) {
        return (statuses.isEmpty() || statuses.contains(job.status())) && matchesWords(job);
    }

    /**
     * One page of matches.
     *
     * @param jobs every job
     * @return the page and whether more follow
     */
    public Page page(List<Job> jobs) {
        Comparator<Job> byId = Comparator.comparing(Job::id);
        List<Job> matching = jobs.stream().filter(this::matches).sorted(newest ? byId.reversed() : byId).toList();
        List<Job> after = cursor.map(c -> matching.stream()
                .filter(j -> newest ? j.id().compareTo(c) < 0 : j.id().compareTo(c) > 0).toList()).orElse(matching);
        int size = limit.orElse(Integer.MAX_VALUE);
        List<Job> items = after.size() > size ? after.subList(0, size) : after;
        Optional<String> next = after.size() > size ? Optional.of(items.get(items.size() - 1).id()) : Optional.empty();
        return new Page(items, matching.size(), next);
    }

    /**
     * A page of jobs.
     *
     * @param items the jobs on it
     * @param total how many jobs match in all
     * @param next  the cursor of the next page, or empty on the last
     */
    public record Page(List<Job> items, int total, Optional<String> next) {
        /**
         * Copies.
         *
         * @param items the jobs
         * @param total the matches
         * @param next  the next cursor
         */
        public Page {
            items = List.copyOf(items);
        }
    }
}
