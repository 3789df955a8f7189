package io.concierge.core.store;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Append-only JSON Lines logs, a few per job: {@code run-<run>.jsonl}, {@code approvals.jsonl},
 * {@code webhooks.jsonl}. Lines are never rewritten. Appending is one atomic step that sees the
 * log's last line, so a caller can chain each line to the one before it (the hash chain).
 */
public interface LogRecords {

    /**
     * Appends one line, made by {@code lineAfter} from the log's last well-formed line (a JSON
     * object; the empty text for an empty log) while no other writer can append to the log.
     *
     * @param jobId     the job
     * @param log       the log's name, e.g. {@code run-r_123.jsonl}
     * @param fence     the lease the caller runs the job under, or null
     * @param lineAfter from the last line to the new one (one line, no line break)
     * @return the line appended
     * @throws LeaseLostException when {@code fence} is no longer the job's current lease
     */
    String append(String jobId, String log, Lease fence, UnaryOperator<String> lineAfter);

    /**
     * The log's whole lines in order, including any that are not well-formed (a reader decides
     * what to skip); a torn last line that a killed writer never finished is not a line.
     *
     * @param jobId the job
     * @param log   the log's name
     * @return the lines; empty when the log does not exist
     */
    List<String> lines(String jobId, String log);

    /**
     * The names of the job's logs, sorted.
     *
     * @param jobId the job
     * @return the names
     */
    List<String> names(String jobId);
}
