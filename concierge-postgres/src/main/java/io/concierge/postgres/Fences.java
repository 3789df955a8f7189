package io.concierge.postgres;

import io.concierge.core.store.Lease;
import io.concierge.core.store.LeaseLostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The fencing check every fenced write makes inside its own transaction: the lease's token is
 * the job's current one and the lease was not released. The job's row stays share-locked until
 * the write commits, so no claim can take the job over between the check and the write.
 */
final class Fences {
    private Fences() {
    }

    /**
     * Refuses a write under a lease that is no longer current; a null fence passes.
     *
     * @throws LeaseLostException when the lease is not the job's current one
     */
    static void check(Connection connection, Lease fence) throws SQLException {
        if (fence == null) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT lease_token, lease_expires_at IS NOT NULL AS held FROM jobs WHERE id = ? FOR SHARE")) {
            select.setString(1, fence.jobId());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new LeaseLostException(fence);
                }
                check(fence, row.getLong("lease_token"), row.getBoolean("held"));
            }
        }
    }

    /**
     * Refuses a fence that belongs to another job than the one written: a caller's bug, which
     * would otherwise compare tokens of two unrelated jobs.
     */
    static void requireFor(String jobId, Lease fence) {
        if (fence != null && !fence.jobId().equals(jobId)) {
            throw new IllegalArgumentException("a write to job " + jobId + " is fenced with the lease of job " + fence.jobId()
                    + ": pass the lease of the job written");
        }
    }

    /** The same check against a job row the caller has locked already. */
    static void check(Lease fence, long currentToken, boolean held) {
        if (fence != null && (currentToken != fence.token() || !held)) {
            throw new LeaseLostException(fence);
        }
    }
}
