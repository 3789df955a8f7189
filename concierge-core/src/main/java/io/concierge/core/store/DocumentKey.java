package io.concierge.core.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names one document: its kind, the job it belongs to (empty for intents) and its name within
 * that job and kind (a plan id, a run id, an intent id). A run's artifact manifest is not a
 * document: it is a file beside the artifacts it lists, in every store.
 *
 * @param kind  what the document is
 * @param jobId the owning job, or empty
 * @param name  the document's name; letters, digits, {@code _ - .} only
 */
public record DocumentKey(Kind kind, String jobId, String name) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]{1,120}");

    /** The kinds of documents a store keeps. */
    public enum Kind {
        /** An intent, {@code intents/<id>.json}. */
        INTENT,
        /** A plan, {@code jobs/<job>/plans/<plan>.yaml}. */
        PLAN,
        /** A run's seal, {@code jobs/<job>/logs/run-<run>.seal.json}. */
        SEAL
    }

    /** Refuses names that could leave their folder in a file store. */
    public DocumentKey {
        Objects.requireNonNull(kind, "kind");
        jobId = jobId == null ? "" : jobId;
        if (!jobId.isEmpty() && !SAFE.matcher(jobId).matches() || !SAFE.matcher(name).matches()
                || name.startsWith(".") || jobId.startsWith(".")) {
            throw new IllegalArgumentException("not a safe document name: " + jobId + "/" + name);
        }
    }
}
