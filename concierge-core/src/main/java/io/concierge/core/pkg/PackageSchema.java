package io.concierge.core.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.concierge.api.workspace.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code schemas/package.schema.json}, the JSON Schema of {@code package.yaml} that editors use
 * (yaml-language-server), applied by {@code bit package validate} next to the parser's own rules.
 * The parser says what a schema cannot (references between steps, inputs and outputs); the
 * schema keeps the file format written down in one place that tools read. Loaded on first use:
 * only validation needs it.
 */
final class PackageSchema {
    /** Where the schema is on the class path (the core jar carries the repository's schemas/). */
    static final String RESOURCE = "/META-INF/concierge/schemas/package.schema.json";

    private final JsonSchema schema;

    PackageSchema() {
        try (InputStream in = PackageSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the core jar lacks " + RESOURCE + ": a broken build");
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the schema finds wrong with a parsed package file, as findings at the same kind of
     * field path the parser uses ({@code steps[0].worker}).
     */
    List<Finding> findings(JsonNode root) {
        List<Finding> findings = new ArrayList<>();
        for (ValidationMessage message : schema.validate(root)) {
            String at = message.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
            String field = at.isEmpty() ? "package.yaml" : at;
            String text = message.getMessage();
            // networknt starts its messages with the location again: "$.steps[0].worker: ..."
            int colon = text.indexOf(": ");
            if (colon > 0 && text.startsWith("$")) {
                text = text.substring(colon + 2);
            }
            findings.add(new Finding(field, "schema: " + text));
        }
        return findings;
    }
}
