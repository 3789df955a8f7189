package io.concierge.server.routes;

import io.concierge.api.Concierge;
import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobSummary;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads the summaries of every job once for the requests that arrive together: the live feeds of
 * every open dashboard tab and the metrics scrape. The core answers from its job index, which
 * still takes one look at each job file's stamp, so readings that overlap share one. A request only joins a reading that began after
 * it arrived, so it never misses a job created before it was sent; otherwise it waits for the
 * reading under way to end and starts (or joins) the next.
 */
public final class JobReader {
    private final Concierge concierge;
    private final Object lock = new Object();
    private CompletableFuture<List<JobSummary>> reading;
    private long readingNumber;
    private long started;

    /**
     * Creates the reader.
     *
     * @param concierge the Concierge whose jobs are read
     */
    public JobReader(Concierge concierge) {
        this.concierge = concierge;
    }

    /**
     * Every readable job's summary, oldest first, read no earlier than this call.
     *
     * @return the summaries
     */
    public List<JobSummary> summaries() {
        long arrivedAfter;
        synchronized (lock) {
            arrivedAfter = started;
        }
        while (true) {
            CompletableFuture<List<JobSummary>> mine = null;
            CompletableFuture<List<JobSummary>> earlier = null;
            boolean read = false;
            synchronized (lock) {
                if (reading != null && !reading.isDone()) {
                    if (readingNumber > arrivedAfter) {
                        mine = reading;
                    } else {
                        earlier = reading;
                    }
                } else {
                    reading = new CompletableFuture<>();
                    readingNumber = ++started;
                    mine = reading;
                    read = true;
                }
            }
            if (earlier != null) {
                earlier.handle((jobs, failure) -> null).join();
                continue;
            }
            if (read) {
                try {
                    mine.complete(concierge.listJobs(JobFilter.all()).jobs());
                } catch (RuntimeException | Error e) {
                    mine.completeExceptionally(e);
                }
            }
            try {
                return mine.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw e;
            }
        }
    }
}
