package io.concierge.core.run;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.pkg.VerificationRule;
import io.concierge.core.pkg.PackageRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Checks a finished run's outputs against its package's {@code verification} rules. */
final class OutputVerifier {
    private final PackageRegistry packages;

    OutputVerifier(PackageRegistry packages) {
        this.packages = packages;
    }

    /** The first rule the session's outputs break, as one line; null when all hold. */
    String problem(RunSession session) {
        List<VerificationRule> rules;
        try {
            rules = packages.get(session.plan().packageRef()).verification();
        } catch (ConciergeException e) {
            return null; // the package is gone; the plan itself still ran
        }
        for (VerificationRule rule : rules) {
            Path file = session.resolve(session.plan().outputs().getOrDefault(rule.output(), ""));
            String where = "verification of output " + rule.output() + " (" + rule.rule() + ")";
            switch (rule.rule()) {
                case "exists" -> {
                    if (file == null || !Files.exists(file)) {
                        return where + " failed: no file was produced";
                    }
                }
                case "non_empty" -> {
                    try {
                        if (file == null || Files.size(file) == 0) {
                            return where + " failed: the file is empty";
                        }
                    } catch (IOException e) {
                        return where + " failed: " + e.getMessage();
                    }
                }
                case "extension" -> {
                    if (file == null || !file.getFileName().toString().toLowerCase(Locale.ROOT)
                            .endsWith("." + rule.value().toLowerCase(Locale.ROOT))) {
                        return where + " failed: expected a ." + rule.value() + " file, got "
                                + (file == null ? "none" : file.getFileName());
                    }
                }
                default -> {
                    return where + ": unknown rule";
                }
            }
        }
        return null;
    }
}
