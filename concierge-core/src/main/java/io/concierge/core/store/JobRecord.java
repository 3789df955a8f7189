package io.concierge.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One job as a store keeps it: its canonical {@code job.yaml} text, which is the source of truth,
 * and the fields a store indexes to answer queries and claims without parsing it.
 *
 * @param id         the job id ({@code j_...})
 * @param version    increases by one with every write; 1 when created
 * @param status     the job's status name, e.g. {@code APPROVED}
 * @param packageRef the task package, {@code name@version}
 * @param createdAt  when the job was created
 * @param updatedAt  when it last changed
 * @param content    the canonical job.yaml text
 */
public record JobRecord(String id, long version, String status, String packageRef, Instant createdAt,
                        Instant updatedAt, String content) {
    /** Checks that nothing is missing. */
    public JobRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(packageRef, "packageRef");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(content, "content");
    }

    /**
     * The package's name without its version.
     *
     * @return e.g. {@code audio.normalize}
     */
    public String packageName() {
        int at = packageRef.indexOf('@');
        return at < 0 ? packageRef : packageRef.substring(0, at);
    }
}
