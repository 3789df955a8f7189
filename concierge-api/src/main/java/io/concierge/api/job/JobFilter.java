package io.concierge.api.job;

import io.concierge.api.failure.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which jobs to list, in which order, a page at a time: what {@code bit job list --status S
 * --since 7d --limit N --cursor C} and {@code GET /api/jobs?status=&q=&limit=&cursor=} ask for.
 *
 * <pre>{@code
 * JobFilter failed = JobFilter.builder().statuses(Set.of(JobStatus.FAILED)).newestFirst(true).limit(20).build();
 * JobSummaryPage page = concierge.listJobs(failed);
 * while (page.hasMore()) {
 *     page = concierge.listJobs(failed.toBuilder().cursor(page.nextCursor()).build());
 * }
 * }</pre>
 *
 * <p>A cursor is opaque: pass on what a page's {@link JobSummaryPage#nextCursor()} gave. It names
 * the last job of that page, and ids are time-ordered, so the next page starts right after it
 * however many jobs were created in between: paging visits every job that existed when it began
 * exactly once.
 *
 * @param statuses    the statuses to include; empty for all
 * @param since       only jobs created at or after this time; empty for all
 * @param words       lower-case words that must all occur in the job's id, sentence or package id; empty for all
 * @param newestFirst newest first instead of oldest first
 * @param limit       at most this many jobs on a page; 0 for no limit
 * @param cursor      where the page starts: a previous page's {@link JobSummaryPage#nextCursor()}, or empty
 *                    for the first page
 *
 * @since 0.1.0
 */
public record JobFilter(Set<JobStatus> statuses, Optional<Instant> since, List<String> words, boolean newestFirst,
                        int limit, String cursor) {
    private static final String CURSOR_VERSION = "1";

    /**
     * Validates and copies; words become lower case.
     *
     * @param statuses    the statuses to include; empty for all
     * @param since       only jobs created at or after this time; empty for all
     * @param words       words that must all occur; empty for all
     * @param newestFirst newest first
     * @param limit       the page size; 0 for no limit
     * @param cursor      a previous page's next cursor, or empty
     * @throws InvalidInputException when the cursor is not one a listing in this order gave
     */
    public JobFilter {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        since = Objects.requireNonNull(since, "since");
        List<String> lower = new ArrayList<>();
        for (String word : words) {
            if (!word.isBlank()) {
                lower.add(word.strip().toLowerCase(Locale.ROOT));
            }
        }
        words = List.copyOf(lower);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (no limit) or more, got " + limit);
        }
        cursor = cursor == null ? "" : cursor;
        if (!cursor.isEmpty()) {
            decode(cursor, newestFirst);
        }
    }

    /**
     * Every job, oldest first, in one page.
     *
     * @return the filter without filters, order or limit
     */
    public static JobFilter all() {
        return new JobFilter(Set.of(), Optional.empty(), List.of(), false, 0, "");
    }

    /**
     * A builder holding {@link #all()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder(all());
    }

    /**
     * A builder holding this filter, for a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Whether a job passes the status, time and word filters (paging aside).
     *
     * @param job the job
     * @return true when it is selected
     */
    public boolean matches(JobSummary job) {
        return (statuses.isEmpty() || statuses.contains(job.status())) && matchesIgnoringStatus(job);
    }

    /**
     * Whether a job passes the time and word filters, whatever its status: what a count per status counts.
     *
     * @param job the job
     * @return true when it is selected but for its status
     */
    public boolean matchesIgnoringStatus(JobSummary job) {
        if (since.isPresent() && job.createdAt().isBefore(since.get())) {
            return false;
        }
        if (words.isEmpty()) {
            return true;
        }
        String text = (job.id() + " " + job.intentText() + " " + job.packageId()).toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (!text.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The job id the cursor names: the page starts right after it.
     *
     * @return the id, or empty for the first page
     */
    public Optional<String> cursorId() {
        return cursor.isEmpty() ? Optional.empty() : Optional.of(decode(cursor, newestFirst));
    }

    /**
     * Whether a job comes after the cursor in this order (every job does when there is none).
     *
     * @param jobId the job's id
     * @return true when the page may hold it
     */
    public boolean afterCursor(String jobId) {
        if (cursor.isEmpty()) {
            return true;
        }
        int order = jobId.compareTo(decode(cursor, newestFirst));
        return newestFirst ? order < 0 : order > 0;
    }

    /**
     * The cursor of the page that follows a page ending with {@code lastJobId}.
     *
     * @param lastJobId the id of the last job on the page
     * @return the opaque cursor
     */
    public String cursorAfter(String lastJobId) {
        String text = CURSOR_VERSION + (newestFirst ? "n" : "o") + lastJobId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One page out of every job: what an implementation without an index does.
     *
     * @param jobs every job, in any order
     * @return the page this filter selects
     */
    public JobSummaryPage page(Collection<JobSummary> jobs) {
        List<JobSummary> selected = new ArrayList<>();
        for (JobSummary job : jobs) {
            if (matches(job) && afterCursor(job.id())) {
                selected.add(job);
            }
        }
        selected.sort(newestFirst ? (a, b) -> b.id().compareTo(a.id()) : (a, b) -> a.id().compareTo(b.id()));
        if (limit == 0 || selected.size() <= limit) {
            return new JobSummaryPage(selected, "");
        }
        List<JobSummary> page = selected.subList(0, limit);
        return new JobSummaryPage(page, cursorAfter(page.get(limit - 1).id()));
    }

    private static String decode(String cursor, boolean newestFirst) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            text = "";
        }
        if (text.length() < 5 || !text.startsWith(CURSOR_VERSION) || !text.substring(2).matches("j_[A-Za-z0-9_]{1,78}")
                || (text.charAt(1) != 'n' && text.charAt(1) != 'o')) {
            throw new InvalidInputException("cursor '" + shorten(cursor) + "' is not one a job listing gave;"
                    + " pass on the next cursor of the previous page exactly, or list again without a cursor");
        }
        if ((text.charAt(1) == 'n') != newestFirst) {
            throw new InvalidInputException("cursor '" + shorten(cursor) + "' continues a listing "
                    + (newestFirst ? "oldest" : "newest") + " first, not " + (newestFirst ? "newest" : "oldest")
                    + " first; list in the same order as the page it came from");
        }
        return text.substring(2);
    }

    private static String shorten(String text) {
        String printable = text.codePoints().filter(c -> c >= 0x20 && c != 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
    }

    /** Collects a filter; {@link #build()} checks it. */
    public static final class Builder {
        private Set<JobStatus> statuses;
        private Optional<Instant> since;
        private List<String> words;
        private boolean newestFirst;
        private int limit;
        private String cursor;

        private Builder(JobFilter from) {
            statuses = from.statuses;
            since = from.since;
            words = from.words;
            newestFirst = from.newestFirst;
            limit = from.limit;
            cursor = from.cursor;
        }

        /**
         * The statuses to include (default: all).
         *
         * @param value the statuses; empty for all
         * @return this builder
         */
        public Builder statuses(Set<JobStatus> value) {
            statuses = Objects.requireNonNull(value, "statuses");
            return this;
        }

        /**
         * Only jobs created at or after a time (default: all).
         *
         * @param value the earliest creation time, or null for all
         * @return this builder
         */
        public Builder since(Instant value) {
            since = Optional.ofNullable(value);
            return this;
        }

        /**
         * Words that must all occur, in any case, in a job's id, sentence or package id (default: none).
         *
         * @param value the words
         * @return this builder
         */
        public Builder words(List<String> value) {
            words = Objects.requireNonNull(value, "words");
            return this;
        }

        /**
         * Newest first instead of oldest first (default false).
         *
         * @param value true for newest first
         * @return this builder
         */
        public Builder newestFirst(boolean value) {
            newestFirst = value;
            return this;
        }

        /**
         * At most this many jobs on a page (default 0: no limit).
         *
         * @param value 0 or more
         * @return this builder
         */
        public Builder limit(int value) {
            limit = value;
            return this;
        }

        /**
         * Where the page starts: a previous page's next cursor (default: the first page).
         *
         * @param value the cursor, or null or empty for the first page
         * @return this builder
         */
        public Builder cursor(String value) {
            cursor = value == null ? "" : value;
            return this;
        }

        /**
         * The filter.
         *
         * @return the checked filter
         * @throws InvalidInputException when the cursor is not one a listing in this order gave
         */
        public JobFilter build() {
            return new JobFilter(statuses, since, words, newestFirst, limit, cursor);
        }
    }
}
