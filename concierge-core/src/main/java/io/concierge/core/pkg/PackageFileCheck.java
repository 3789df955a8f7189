package io.concierge.core.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.workspace.Finding;
import io.concierge.api.workspace.ValidationReport;
import io.concierge.core.codec.Codecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Checks a {@code package.yaml} a person is writing ({@code bit package validate}): well-formed
 * YAML, the schema of docs/task-packages.md, and workers that are installed. Every problem is a
 * finding; only a file that cannot be read at all is an exception.
 */
public final class PackageFileCheck {
    private static final List<String> CHECKED = List.of("YAML is well formed", "schema of docs/task-packages.md",
            "schemas/package.schema.json", "workers are installed");

    private final PackageParser parser;
    private final Predicate<String> workerInstalled;
    private PackageSchema schema;

    /** Creates the check; {@code workerInstalled} says whether a worker id is installed in any version. */
    public PackageFileCheck(PackageParser parser, Predicate<String> workerInstalled) {
        this.parser = parser;
        this.workerInstalled = workerInstalled;
    }

    /** The findings for {@code packageFile}. */
    public ValidationReport check(Path packageFile) {
        byte[] bytes;
        try {
            if (Files.isDirectory(packageFile)) {
                throw new InvalidInputException(packageFile + " is a folder; give its package.yaml file");
            }
            if (!Files.isRegularFile(packageFile)) {
                throw new NotFoundException("package file " + packageFile + " does not exist");
            }
            if (Files.size(packageFile) > Codecs.MAX_DOCUMENT_BYTES) {
                return new ValidationReport(packageFile.toString(), CHECKED,
                        List.of(new Finding("package.yaml", "is larger than 1 MiB; it cannot be a package")));
            }
            bytes = Files.readAllBytes(packageFile);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read package file " + packageFile + " (" + WorkspaceIoException.reason(e)
                    + "); give a readable package.yaml file", e);
        }
        PackageParser.Result result = parser.parse(bytes, packageFile.toString());
        List<Finding> findings = new ArrayList<>(result.findings());
        findings.addAll(schemaFindings(bytes, packageFile, findings));
        List<String> stepWorkers = result.stepWorkers();
        for (int i = 0; i < stepWorkers.size(); i++) {
            String worker = stepWorkers.get(i);
            if (!worker.isEmpty() && !DeliveryStep.isWorker(worker) && !workerInstalled.test(worker)) {
                findings.add(new Finding("steps[" + i + "].worker", "no worker '" + worker + "' is installed"));
            }
        }
        return new ValidationReport(packageFile.toString(), CHECKED, findings);
    }

    /**
     * The schema's findings that the parser did not already report at the same place (the
     * parser's sentences are the more precise), or none when the file is not even YAML.
     */
    private List<Finding> schemaFindings(byte[] bytes, Path packageFile, List<Finding> parserFindings) {
        JsonNode root;
        try {
            root = parser.codecs().parseYaml(bytes, packageFile.toString());
        } catch (ConciergeException notYaml) {
            return List.of();
        }
        if (schema == null) {
            schema = new PackageSchema();
        }
        List<Finding> extra = new ArrayList<>();
        for (Finding finding : schema.findings(root)) {
            boolean known = parserFindings.stream().anyMatch(p -> related(p.subject(), finding.subject()));
            if (!known) {
                extra.add(finding);
            }
        }
        return extra;
    }

    /** Whether two field paths name the same place or one lies inside the other. */
    private static boolean related(String a, String b) {
        return a.equals(b) || a.startsWith(b + ".") || a.startsWith(b + "[") || b.startsWith(a + ".") || b.startsWith(a + "[");
    }
}
