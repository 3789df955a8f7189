package io.concierge.core.store;

import java.util.List;
import java.util.Optional;

/**
 * Documents written whole: intents, plans, manifests and seals. A write replaces the document
 * atomically (readers see the old text or the new, never a mix).
 */
public interface DocumentRecords {

    /**
     * The document's text, or empty when it does not exist.
     *
     * @param key which document
     * @return its text
     */
    Optional<String> get(DocumentKey key);

    /**
     * Writes the document.
     *
     * @param key     which document
     * @param content its text
     * @param fence   the lease the caller runs the job under, or null
     * @throws LeaseLostException when {@code fence} is no longer the job's current lease
     */
    void put(DocumentKey key, String content, Lease fence);

    /**
     * The names of a job's documents of one kind (of all intents when the job id is empty), sorted.
     *
     * @param kind  the kind
     * @param jobId the job, or empty for intents
     * @return the names
     */
    List<String> names(DocumentKey.Kind kind, String jobId);
}
