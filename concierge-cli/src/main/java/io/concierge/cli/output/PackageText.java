package io.concierge.cli.output;

import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.pkg.VerificationRule;
import io.concierge.api.plan.Step;
import java.util.ArrayList;
import java.util.List;

/** The text {@code bit} prints for task packages and package searches. */
public final class PackageText {
    private PackageText() {
    }

    /** {@code <id@version>  <name>  <origin>}. */
    public static String packageLine(TaskPackage pkg) {
        return pkg.ref() + "  " + WorkText.oneLine(pkg.name()) + "  " + pkg.origin();
    }

    /** {@code <confidence>  <id@version>  <name>  (<reasons>)}. */
    public static String matchLine(PackageMatch match) {
        return TextFormat.confidence(match.confidence()) + "  " + match.taskPackage().ref() + "  "
                + WorkText.oneLine(match.taskPackage().name())
                + (match.reasons().isEmpty() ? "" : "  (" + TextFormat.joined(match.reasons()) + ")");
    }

    /** Everything about a package: what it answers, needs, runs and checks. */
    public static List<String> packageDetails(TaskPackage pkg) {
        List<String> lines = new ArrayList<>();
        lines.add("package: " + pkg.ref());
        lines.add("name: " + WorkText.oneLine(pkg.name()));
        lines.add("description: " + WorkText.oneLine(TextFormat.orDash(pkg.description())));
        lines.add("origin: " + pkg.origin());
        lines.add("hash: " + TextFormat.orDash(pkg.hash()));
        if (pkg.vocabulary() != null) {
            lines.add("verbs: " + TextFormat.joined(pkg.vocabulary().verbs()));
            lines.add("keywords: " + TextFormat.joined(pkg.vocabulary().keywords()));
            lines.add("extensions: " + TextFormat.joined(pkg.vocabulary().extensions()));
            lines.add("formats: " + TextFormat.joined(pkg.vocabulary().formats()));
        }
        lines.add("inputs:");
        for (InputSpec input : pkg.inputs()) {
            lines.add("  " + inputLine(input));
        }
        lines.add("steps:");
        int number = 1;
        for (Step step : pkg.steps()) {
            lines.add("  " + number++ + ". " + WorkText.stepTitle(step));
            step.inputs().forEach((name, value) -> lines.add("       " + name + ": " + value));
            step.params().forEach((name, value) -> lines.add("       " + name + ": " + value));
        }
        lines.add("outputs:");
        pkg.outputs().forEach((name, value) -> lines.add("  " + name + ": " + value));
        lines.add("approval: " + (pkg.approvalRequired() ? "required" : "not required"));
        lines.add("failure handling: " + pkg.maxRetries() + " retries per step, " + pkg.timeoutSeconds()
                + " s per attempt");
        lines.add("verification:" + (pkg.verification().isEmpty() ? " none" : ""));
        for (VerificationRule rule : pkg.verification()) {
            lines.add("  " + rule.output() + " " + rule.rule() + (rule.value().isEmpty() ? "" : " " + rule.value()));
        }
        if (!pkg.resources().isEmpty()) {
            lines.add("resources: " + TextFormat.pairs(pkg.resources()));
        }
        return lines;
    }

    /** {@code audio_file  file  required  (wav)  The WAV file to normalize.} */
    static String inputLine(InputSpec input) {
        StringBuilder line = new StringBuilder(input.name()).append("  ").append(input.type().word());
        if (!input.unit().isEmpty()) {
            line.append(" in ").append(input.unit());
        }
        line.append("  ").append(input.required() ? "required" : "optional");
        if (!input.defaultValue().isEmpty()) {
            line.append("  default ").append(input.defaultValue());
        }
        if (!input.choices().isEmpty()) {
            line.append("  one of ").append(String.join("|", input.choices()));
        }
        if (!input.extensions().isEmpty()) {
            line.append("  .").append(String.join(" .", input.extensions()));
        }
        if (!input.description().isEmpty()) {
            line.append("  ").append(WorkText.oneLine(input.description()));
        }
        return line.toString();
    }
}
