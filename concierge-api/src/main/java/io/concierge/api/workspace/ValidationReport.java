package io.concierge.api.workspace;

import java.util.List;

/**
 * The result of validating a job or a package: what was checked and what was found wrong.
 *
 * @param subject  the job id or package file validated
 * @param checked  the checks made, in order, for people ("job spec hash", "plan hash")
 * @param findings the problems, empty when valid
 *
 * @since 0.1.0
 */
public record ValidationReport(String subject, List<String> checked, List<Finding> findings) {
    /**
     * Copies the lists.
     *
     * @param subject the job id or package file validated
     * @param checked the checks made, in order, for people ("job spec hash", "plan hash")
     * @param findings the problems, empty when valid
     */
    public ValidationReport {
        checked = List.copyOf(checked);
        findings = List.copyOf(findings);
    }

    /**
     * Whether nothing was found wrong.
     *
     * @return true when there are no findings
     */
    public boolean isValid() {
        return findings.isEmpty();
    }
}
