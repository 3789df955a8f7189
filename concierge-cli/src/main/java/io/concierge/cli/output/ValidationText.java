package io.concierge.cli.output;

import io.concierge.api.workspace.Finding;
import io.concierge.api.workspace.ValidationReport;
import io.concierge.cli.ExitCodes;
import io.concierge.server.json.JsonViews;
import java.io.PrintWriter;

/**
 * Prints a validation report: the checks and findings on standard output, and, when something
 * is wrong, the one {@code bit:} line on standard error and exit code 1.
 */
public final class ValidationText {
    private ValidationText() {
    }

    /** Prints {@code report} and returns the exit code: 0 when valid, 1 otherwise. */
    public static int print(ValidationReport report, boolean asJson, JsonPrinter json, JsonViews views,
                            PrintWriter out, PrintWriter err) {
        if (asJson) {
            json.print(out, views.validation(report));
        } else {
            out.println(report.subject() + ": " + (report.isValid() ? "valid"
                    : report.findings().size() + (report.findings().size() == 1 ? " problem" : " problems")));
            out.println("checked: " + TextFormat.joined(report.checked()));
            for (Finding finding : report.findings()) {
                out.println("  " + WorkText.oneLine(finding.toString()));
            }
        }
        if (report.isValid()) {
            return ExitCodes.OK;
        }
        int more = report.findings().size() - 1;
        err.println("bit: " + report.subject() + " is not valid: " + WorkText.oneLine(report.findings().get(0).toString())
                + (more > 0 ? " (and " + more + " more)" : ""));
        return ExitCodes.FAILED;
    }
}
