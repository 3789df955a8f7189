package io.concierge.workers.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import io.concierge.api.failure.WorkerFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Checks JSON ({@code .json}: one document) and JSON Lines ({@code .jsonl}: one document per
 * non-blank line) for well-formedness, reporting a syntax error's line and column, and, when a
 * schema is given, validates each document against it with networknt's json-schema-validator,
 * reporting each violation's JSON pointer. A schema's {@code $ref} may point only inside itself
 * (or at a draft's bundled meta-schema): remote and file references are refused, not fetched.
 *
 * <p>Duplicate keys and content after the document count as syntax errors: parsers disagree on
 * what such files mean, so a file that has them is not one a consumer can rely on.
 */
final class JsonValidator {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonSchema schema;
    private final ProblemList problems;
    private final Runnable tick;

    JsonValidator(JsonSchema schema, ProblemList problems, Runnable tick) {
        this.schema = schema;
        this.problems = problems;
        this.tick = tick;
    }

    /**
     * Reads and compiles a schema file; fails with {@code input.invalid} naming the line and
     * column when it is not JSON, or the reason when it is not a schema. The draft is taken from
     * its {@code $schema}, 2020-12 when it has none.
     */
    static JsonSchema loadSchema(Path file) {
        JsonNode node;
        try (InputStream in = Files.newInputStream(file)) {
            node = STRICT.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new WorkerFailure("input.invalid", "input schema_file: " + file.getFileName() + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + e.getOriginalMessage(), false, e);
        } catch (IOException e) {
            throw new WorkerFailure("input.invalid", "input schema_file: cannot read " + file + ": " + e.getMessage(), false, e);
        }
        if (node == null || !(node.isObject() || node.isBoolean())) {
            throw WorkerFailure.nonRetryable("input.invalid", "input schema_file: " + file.getFileName()
                    + " is not a JSON Schema (it must be an object or a boolean)");
        }
        try {
            SpecVersion.VersionFlag version = SpecVersionDetector.detectOptionalVersion(node, false)
                    .orElse(SpecVersion.VersionFlag.V202012);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
            // Only the drafts' own meta-schemas (bundled on the classpath) may be loaded: a $ref to
            // an http or file address in a person's schema must not make the engine fetch it.
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(version, builder -> builder.schemaLoaders(
                    loaders -> loaders.values(list -> list.add(0, new AllowSchemaLoader(
                            iri -> iri.toString().startsWith("classpath:"))))));
            JsonSchema schema = factory.getSchema(node, config);
            // Compiles $refs now, so a broken schema fails validation of the step, not half-way through the data.
            schema.initializeValidators();
            return schema;
        } catch (RuntimeException e) {
            throw new WorkerFailure("input.invalid", "input schema_file: " + file.getFileName()
                    + " is not a usable JSON Schema: " + e.getMessage(), false, e);
        }
    }

    /** Checks one JSON document; returns how many documents were read (0 or 1). */
    long checkDocument(InputStream in) throws IOException {
        JsonNode node;
        try {
            node = STRICT.readTree(in);
        } catch (JsonProcessingException e) {
            syntax(e, 0);
            return 0;
        }
        if (node == null || node.isMissingNode()) {
            problems.add(new Problem(1L, 1L, null, "the file holds no JSON value"));
            return 0;
        }
        validate(node, null);
        return 1;
    }

    /** Checks JSON Lines: each non-blank line one document; returns how many were read. */
    long checkLines(BufferedReader in) throws IOException {
        long line = 0;
        long documents = 0;
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte order mark is not part of the first document
            }
            if (line % CsvValidator.TICK_RECORDS == 0) {
                tick.run();
            }
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = STRICT.readTree(text);
            } catch (JsonProcessingException e) {
                syntax(e, line);
                continue;
            }
            documents++;
            validate(node, line);
        }
        return documents;
    }

    /** Records a syntax error; {@code line} is the JSON Lines line (0 for a whole document). */
    private void syntax(JsonProcessingException e, long line) {
        JsonLocation at = e.getLocation();
        long reportedLine = line > 0 ? line : at == null ? 1 : Math.max(1, at.getLineNr());
        Long column = at == null || at.getColumnNr() < 1 ? null : (long) at.getColumnNr();
        problems.add(new Problem(reportedLine, column, null, "syntax error: " + e.getOriginalMessage()));
    }

    private void validate(JsonNode node, Long line) {
        if (schema == null) {
            return;
        }
        List<ValidationMessage> messages = schema.validate(node).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .toList();
        for (ValidationMessage m : messages) {
            problems.add(new Problem(line, null, m.getInstanceLocation().toString(), m.getMessage()));
        }
    }
}
