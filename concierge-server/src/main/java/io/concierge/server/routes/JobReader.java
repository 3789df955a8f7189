package io.concierge.server.routes;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads the job list once for requests that arrive together. Listing 10,000 jobs takes the core
 * seconds on a busy machine, and one dashboard tab asks for a page, the counts and the live feed
 * at the same moment: they share one reading. A request only joins a reading that began after
 * it arrived, so it never misses a job created before it was sent; otherwise it waits for the
 * reading under way to end and starts (or joins) the next.
 */
public final class JobReader {
    private final Concierge concierge;
    private final Object lock = new Object();
    private CompletableFuture<List<Job>> reading;
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
     * Every job, as {@link Concierge#jobs()} gives them, read no earlier than this call.
     *
     * @return the jobs
     */
    public List<Job> jobs() {
        long arrivedAfter;
        synchronized (lock) {
            arrivedAfter = started;
        }
        while (true) {
            CompletableFuture<List<Job>> mine = null;
            CompletableFuture<List<Job>> earlier = null;
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
                    mine.complete(concierge.jobs());
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
