package io.concierge.workers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerResult;
import io.concierge.testkit.WorkerTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DataValidateWorker} on real files, reading back the report it writes. */
class DataValidateWorkerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private WorkerTestContext.Builder ctx(String name, String content) throws IOException {
        Path file = Files.writeString(tmp.resolve(name), content);
        return WorkerTestContext.builder(tmp.resolve("step")).input("data_file", file.toString());
    }

    private JsonNode report(WorkerTestContext ctx, String name) throws IOException {
        return JSON.readTree(ctx.artifactsDir().resolve(name).toFile());
    }

    @Test
    void goodCsvPassesAndInfersColumnTypes() throws Exception {
        WorkerTestContext ctx = ctx("data.csv", """
                id,price,active,born,name,note
                1,9.5,true,2024-01-31,Ann,
                2,10,FALSE,2024-02-29T10:00:00Z,Bob,
                -3,1e3,false,2023-12-01,"Smith, Jo",
                """).build();
        WorkerResult result = new DataValidateWorker().execute(ctx);

        assertThat(result.outputs().get("report")).isEqualTo(ctx.artifactsDir().resolve("data-validation.json"));
        assertThat(result.metrics()).containsEntry("records", 3L).containsEntry("problems", 0L).containsEntry("columns", 6);
        JsonNode report = report(ctx, "data-validation.json");
        assertThat(report.path("summary").path("valid").asBoolean()).isTrue();
        List<String> types = new ArrayList<>();
        report.path("columns").forEach(c -> types.add(c.path("name").asText() + ":" + c.path("type").asText()));
        assertThat(types).containsExactly("id:integer", "price:number", "active:boolean", "born:date", "name:text",
                "note:empty");
        assertThat(report.path("columns").get(5).path("empty").asLong()).isEqualTo(3);
    }

    @Test
    void raggedRowFailsWithItsLineNumberAfterWritingTheReport() throws Exception {
        WorkerTestContext ctx = ctx("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n").build();
        assertThatThrownBy(() -> new DataValidateWorker().execute(ctx))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> {
                    assertThat(f.type()).isEqualTo("data.invalid");
                    assertThat(f.retryable()).isFalse();
                    // the runner keeps the report although the step fails
                    assertThat(f.keptOutputs()).containsExactly(java.util.Map.entry("report",
                            ctx.artifactsDir().resolve("ragged-validation.json")));
                })
                .hasMessageContaining("line 3").hasMessageContaining("ragged-validation.json");
        JsonNode report = report(ctx, "ragged-validation.json");
        assertThat(report.path("summary").path("problems").asLong()).isEqualTo(1);
        assertThat(report.path("problems").get(0).path("line").asLong()).isEqualTo(3);
        assertThat(report.path("problems").get(0).path("message").asText()).isEqualTo("record has 2 fields, expected 3 (as in the header)");
        // the record itself, its missing third cell marked
        JsonNode row = report.path("problem_rows").get(0);
        assertThat(report.path("problem_rows")).hasSize(1);
        assertThat(row.path("line").asLong()).isEqualTo(3);
        assertThat(row.path("cells")).extracting(JsonNode::asText).containsExactly("4", "5");
        assertThat(row.path("failing")).extracting(JsonNode::asInt).containsExactly(2);
    }

    @Test
    void problemRowsMarkTheCellsAtFault() throws Exception {
        WorkerTestContext ctx = ctx("cells.csv", "id,id,note\n1,x\"y,ok\n2,b,c,extra\n").build();
        assertThatThrownBy(() -> new DataValidateWorker().execute(ctx)).isInstanceOf(WorkerFailure.class);
        JsonNode rows = report(ctx, "cells-validation.json").path("problem_rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("header").asBoolean()).isTrue();
        assertThat(rows.get(0).path("failing")).extracting(JsonNode::asInt).containsExactly(1);
        assertThat(rows.get(1).path("line").asLong()).isEqualTo(2);
        assertThat(rows.get(1).path("failing")).extracting(JsonNode::asInt).containsExactly(1);
        assertThat(rows.get(1).path("cells").get(1).asText()).isEqualTo("x\"y");
        assertThat(rows.get(2).path("failing")).extracting(JsonNode::asInt).containsExactly(3);
    }

    @Test
    void problemsDoNotFailTheStepWhenFailOnProblemsIsFalse() throws Exception {
        WorkerTestContext ctx = ctx("ragged.csv", "a,b\n1\n").param("fail_on_problems", "false").build();
        WorkerResult result = new DataValidateWorker().execute(ctx);
        assertThat(result.metrics()).containsEntry("problems", 1L);
    }

    @Test
    void quotedFieldsWithDelimitersNewlinesAndEscapedQuotesAreOneField() throws Exception {
        // The record starting on line 2 spans lines 2-4; the ragged record after it is on line 5.
        WorkerTestContext ctx = ctx("quoted.csv",
                "name,comment\r\n\"Ann\",\"said \"\"hi\"\",\r\nthen left\r\nlater\"\r\nBob\r\n").build();
        assertThatThrownBy(() -> new DataValidateWorker().execute(ctx)).hasMessageContaining("line 5");
        JsonNode report = report(ctx, "quoted-validation.json");
        assertThat(report.path("summary").path("records").asLong()).isEqualTo(2);
        assertThat(report.path("summary").path("problems").asLong()).isEqualTo(1);

        WorkerTestContext good = ctx("good.csv", "name;comment\n\"Ann\";\"a;b\n\"\"c\"\"\"\n").param("delimiter", ";").build();
        assertThat(new DataValidateWorker().execute(good).metrics()).containsEntry("problems", 0L).containsEntry("records", 1L);
    }

    @Test
    void malformedQuotingIsReportedWithLineAndColumn() throws Exception {
        WorkerTestContext ctx = ctx("bad.csv", "a,b\nx\"y,2\n\"ok\"z,3\n\"never closed,4\n").build();
        assertThatThrownBy(() -> new DataValidateWorker().execute(ctx)).isInstanceOf(WorkerFailure.class);
        JsonNode problems = report(ctx, "bad-validation.json").path("problems");
        List<String> found = new ArrayList<>();
        problems.forEach(p -> found.add(p.path("line").asLong() + ":" + p.path("column").asLong() + ":" + p.path("message").asText()));
        assertThat(found).anyMatch(p -> p.startsWith("2:2:quote inside an unquoted field"))
                .anyMatch(p -> p.startsWith("3:5:text after the closing quote"))
                .anyMatch(p -> p.startsWith("4:1:quoted field is never closed"));
    }

    @Test
    void headerlessTabSeparatedCsvNamesColumnsByPosition() throws Exception {
        WorkerTestContext ctx = ctx("t.csv", "1\tx\n2\ty\n").param("delimiter", "\t").param("header", "false").build();
        new DataValidateWorker().execute(ctx);
        JsonNode columns = report(ctx, "t-validation.json").path("columns");
        assertThat(columns.get(0).path("name").asText()).isEqualTo("column 1");
        assertThat(columns.get(0).path("type").asText()).isEqualTo("integer");
        assertThat(columns.get(1).path("type").asText()).isEqualTo("text");
    }

    @Test
    void goodJsonPasses() throws Exception {
        WorkerTestContext ctx = ctx("orders.json", "{\"orders\": [{\"id\": 1}, {\"id\": 2}]}\n").build();
        assertThat(new DataValidateWorker().execute(ctx).metrics()).containsEntry("records", 1L).containsEntry("problems", 0L);
    }

    @Test
    void badJsonReportsLineAndColumn() throws Exception {
        WorkerTestContext ctx = ctx("broken.json", "{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}\n").build();
        assertThatThrownBy(() -> new DataValidateWorker().execute(ctx)).hasMessageContaining("line 3, column 14");
        JsonNode p = report(ctx, "broken-validation.json").path("problems").get(0);
        assertThat(p.path("line").asLong()).isEqualTo(3);
        assertThat(p.path("column").asLong()).isEqualTo(14);
        assertThat(p.path("message").asText()).startsWith("syntax error:");
    }

    @Test
    void duplicateKeysAndTrailingContentAreSyntaxErrors() throws Exception {
        WorkerTestContext dup = ctx("dup.json", "{\"a\": 1, \"a\": 2}").build();
        assertThatThrownBy(() -> new DataValidateWorker().execute(dup)).hasMessageContaining("Duplicate field 'a'");
        WorkerTestContext trailing = ctx("trailing.json", "{\"a\": 1} {\"b\": 2}").build();
        assertThatThrownBy(() -> new DataValidateWorker().execute(trailing)).hasMessageContaining("line 1, column");
    }

    @Test
    void schemaViolationsAreReportedWithJsonPointers() throws Exception {
        Path schema = Files.writeString(tmp.resolve("schema.json"), """
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "type": "object", "required": ["orders"],
                 "properties": {"orders": {"type": "array", "items": {
                   "type": "object", "required": ["id"],
                   "properties": {"id": {"type": "integer"}, "qty": {"minimum": 1}}}}}}
                """);
        WorkerTestContext ctx = ctx("orders.json", "{\"orders\": [{\"id\": 1, \"qty\": 2}, {\"id\": \"two\"}, {\"qty\": 0}]}")
                .input("schema_file", schema.toString()).build();
        assertThatThrownBy(() -> new DataValidateWorker().execute(ctx)).hasMessageContaining("3 problems");
        JsonNode problems = report(ctx, "orders-validation.json").path("problems");
        List<String> pointers = new ArrayList<>();
        problems.forEach(p -> pointers.add(p.path("pointer").asText()));
        assertThat(pointers).containsExactly("/orders/1/id", "/orders/2", "/orders/2/qty");
        assertThat(problems.get(0).path("message").asText()).contains("integer");
        assertThat(problems.get(0).has("line")).isFalse();

        WorkerTestContext valid = ctx("ok.json", "{\"orders\": [{\"id\": 7}]}")
                .input("schema_file", schema.toString()).build();
        assertThat(new DataValidateWorker().execute(valid).metrics()).containsEntry("problems", 0L);
    }

    @Test
    void jsonLinesAreCheckedLineByLineAgainstTheSchema() throws Exception {
        Path schema = Files.writeString(tmp.resolve("event.json"), "{\"type\": \"object\", \"required\": [\"at\"]}");
        WorkerTestContext ctx = ctx("events.jsonl", "{\"at\": 1}\n\n{\"x\": 2}\n{bad\n")
                .input("schema_file", schema.toString()).build();
        assertThatThrownBy(() -> new DataValidateWorker().execute(ctx)).hasMessageContaining("2 problems");
        JsonNode report = report(ctx, "events-validation.json");
        assertThat(report.path("summary").path("records").asLong()).isEqualTo(2);
        JsonNode problems = report.path("problems");
        assertThat(problems.get(0).path("line").asLong()).isEqualTo(3);
        assertThat(problems.get(0).path("pointer").asText()).isEmpty();
        assertThat(problems.get(0).path("message").asText()).contains("at");
        assertThat(problems.get(1).path("line").asLong()).isEqualTo(4);
        assertThat(problems.get(1).path("message").asText()).startsWith("syntax error:");
    }

    @Test
    void refusesBadInputsBeforeAnyWork() throws Exception {
        assertThatThrownBy(() -> new DataValidateWorker().validate(ctx("notes.txt", "x").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a .csv, .json or .jsonl");
        Path schema = Files.writeString(tmp.resolve("s.json"), "{}");
        assertThatThrownBy(() -> new DataValidateWorker().validate(ctx("d.csv", "a\n1\n").input("schema_file", schema.toString()).build()))
                .hasMessageContaining("JSON data only");
        Path broken = Files.writeString(tmp.resolve("broken-schema.json"), "{\"type\": ");
        assertThatThrownBy(() -> new DataValidateWorker().validate(ctx("d.json", "{}").input("schema_file", broken.toString()).build()))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("input.invalid"))
                .hasMessageContaining("schema_file").hasMessageContaining("not valid JSON");
        // Port 9 (discard) on loopback: were the reference fetched, the message would differ.
        Path remote = Files.writeString(tmp.resolve("remote-schema.json"),
                "{\"properties\": {\"a\": {\"$ref\": \"http://127.0.0.1:9/defs.json\"}}}");
        assertThatThrownBy(() -> new DataValidateWorker().validate(ctx("r.json", "{}").input("schema_file", remote.toString()).build()))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("input.invalid"))
                .hasMessageContaining("not allowed to be loaded");
        assertThatThrownBy(() -> new DataValidateWorker().validate(ctx("d.csv", "a\n").param("delimiter", "ab").build()))
                .hasMessageContaining("param delimiter");
    }

    @Test
    void invalidUtf8IsAProblemNotACrash() throws Exception {
        Path file = tmp.resolve("latin.csv");
        Files.write(file, new byte[] {'a', '\n', (byte) 0xE9, '\n'});
        WorkerTestContext ctx = WorkerTestContext.builder(tmp.resolve("step")).input("data_file", file.toString()).build();
        assertThatThrownBy(() -> new DataValidateWorker().execute(ctx)).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void haltStopsALongCsvAndWritesNoReport() throws Exception {
        StringBuilder csv = new StringBuilder("n\n");
        for (int i = 0; i < 5 * CsvValidator.TICK_RECORDS; i++) {
            csv.append(i).append('\n');
        }
        WorkerTestContext ctx = ctx("long.csv", csv.toString()).haltAfterProgress(2).build();
        assertThatThrownBy(() -> new DataValidateWorker().execute(ctx)).isInstanceOf(WorkerContext.HaltedException.class);
        assertThat(ctx.artifactsDir().resolve("long-validation.json")).doesNotExist();
    }
}
