package io.concierge.workers.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code data.validate}: checks a CSV, JSON or JSON Lines file and writes a report.
 *
 * <p>CSV ({@code .csv}) is checked against RFC 4180 (quoting, escaped quotes, line breaks inside
 * quoted fields), every record must have as many fields as the header (or first record), and
 * each column's type is inferred: integer, number, boolean, date (ISO-8601), empty or text.
 * JSON ({@code .json}, {@code .jsonl}) must be well-formed (errors give line and column) and,
 * when input {@code schema_file} is given, valid against that JSON Schema (violations give a
 * JSON pointer).
 *
 * <p>Params: {@code delimiter} (CSV, default {@code ,}; {@code tab} or {@code \t} for tabs),
 * {@code header} (CSV, default true), {@code fail_on_problems} (default true). Output
 * {@code report}: {@code <stem>-validation.json}, written before the step fails with
 * {@code data.invalid} (non-retryable) and kept among the job's artifacts
 * ({@link WorkerFailure#keepOutput}) so the person can read what is wrong. For CSV it also shows
 * the first 50 records with a problem cell by cell ({@code problem_rows}: {@code line},
 * {@code cells}, {@code failing} cell indexes, an index past the cells meaning a missing one).
 */
public final class DataValidateWorker implements Worker {
    private static final WorkerDescriptor DESCRIPTOR = new WorkerDescriptor("data.validate", "1.0.0",
            "Validates CSV (RFC 4180, column count, column types) or JSON (syntax, JSON Schema)",
            List.of("data_file", "schema_file"), List.of("delimiter", "header", "fail_on_problems"), List.of("report"));
    private static final ObjectMapper REPORT = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Creates the worker; it keeps no state between steps. */
    public DataValidateWorker() {
    }

    @Override
    public WorkerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(WorkerContext ctx) {
        Request request = Request.of(ctx);
        request.schemaFile().ifPresent(JsonValidator::loadSchema);
    }

    @Override
    public WorkerResult execute(WorkerContext ctx) throws IOException {
        Request request = Request.of(ctx);
        JsonSchema schema = request.schemaFile().map(JsonValidator::loadSchema).orElse(null);
        ProblemList problems = new ProblemList();
        long size = Math.max(1, Files.size(request.dataFile()));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", request.dataFile().getFileName().toString());
        report.put("format", request.format());
        request.schemaFile().ifPresent(s -> report.put("schema", s.getFileName().toString()));
        ctx.progress(0, "validating " + request.dataFile().getFileName());
        long records;
        List<CsvValidator.Column> columns = null;
        List<CsvValidator.ProblemRow> problemRows = null;
        try (CountingStream counted = new CountingStream(Files.newInputStream(request.dataFile()))) {
            Runnable tick = () -> {
                ctx.checkHalted();
                ctx.progress(Math.min(1.0, (double) counted.count() / size), "validating");
            };
            try {
                switch (request.format()) {
                    case "csv" -> {
                        CsvValidator.Result result = new CsvValidator(request.delimiter(), request.header(), problems, tick)
                                .check(strictUtf8(counted));
                        records = result.records();
                        columns = result.columns();
                        problemRows = result.problemRows();
                    }
                    case "jsonl" -> records = new JsonValidator(schema, problems, tick).checkLines(strictUtf8(counted));
                    default -> records = new JsonValidator(schema, problems, tick).checkDocument(counted);
                }
            } catch (CharacterCodingException e) {
                // Jackson detects the encoding of .json itself; CSV and JSON Lines must be UTF-8.
                problems.add(new Problem(null, null, null, "not valid UTF-8 (near byte " + counted.count()
                        + "); save the file as UTF-8"));
                records = 0;
            }
        }
        ctx.checkHalted();

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("valid", problems.total() == 0);
        summary.put("records", records);
        summary.put("problems", problems.total());
        summary.put("problems_listed", problems.listed().size());
        report.put("summary", summary);
        if (columns != null) {
            List<Map<String, Object>> described = columns.stream().map(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("type", c.type().id());
                m.put("empty", c.empty());
                return m;
            }).toList();
            report.put("columns", described);
        }
        report.put("problems", problems.listed());
        if (problemRows != null) {
            // the records behind the problems, cell by cell, for a table with the failing cells marked
            report.put("problem_rows", problemRows.stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", r.line());
                if (r.header()) {
                    m.put("header", true);
                }
                m.put("cells", r.cells());
                m.put("failing", r.failing());
                return m;
            }).toList());
        }

        String reportName = stem(request.dataFile()) + "-validation.json";
        Path staged = ctx.scratchDir().resolve(reportName);
        REPORT.writeValue(staged.toFile(), report);
        Path reportFile = ctx.outputFile(reportName);
        Files.move(staged, reportFile, StandardCopyOption.REPLACE_EXISTING);
        ctx.progress(1, problems.total() == 0 ? "valid" : problems.total() + " problems");

        if (problems.total() > 0 && request.failOnProblems()) {
            Problem first = problems.listed().get(0);
            // the report is kept although the step fails: it is what the person needs to read
            throw WorkerFailure.nonRetryable("data.invalid", request.dataFile().getFileName() + " has "
                    + problems.total() + " problem" + (problems.total() == 1 ? "" : "s") + " (first: " + where(first)
                    + first.message() + "); see the report " + reportName).keepOutput("report", reportFile);
        }
        WorkerResult.Builder result = WorkerResult.builder()
                .output("report", reportFile)
                .metric("format", request.format())
                .metric("records", records)
                .metric("problems", problems.total());
        if (columns != null) {
            result.metric("columns", columns.size());
        }
        return result.build();
    }

    private static String where(Problem p) {
        StringBuilder at = new StringBuilder();
        if (p.line() != null) {
            at.append("line ").append(p.line());
            if (p.column() != null) {
                at.append(", column ").append(p.column());
            }
        }
        if (p.pointer() != null) {
            at.append(at.length() > 0 ? " " : "").append("at '").append(p.pointer()).append("'");
        }
        return at.length() == 0 ? "" : at + ": ";
    }

    /** A reader that fails on bytes that are not UTF-8, rather than silently replacing them. */
    private static BufferedReader strictUtf8(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        // outputFile refuses names with a leading dot, so ".hidden.csv" reports as "hidden-validation.json".
        stem = stem.replaceFirst("^\\.+", "");
        return stem.isEmpty() ? "data" : stem;
    }

    /** The checked inputs and params of one step. */
    private record Request(Path dataFile, String format, Optional<Path> schemaFile, char delimiter, boolean header,
                           boolean failOnProblems) {
        static Request of(WorkerContext ctx) {
            Path data = ctx.inputFile("data_file").toAbsolutePath().normalize();
            String name = data.getFileName().toString().toLowerCase(Locale.ROOT);
            String format = name.endsWith(".csv") ? "csv" : name.endsWith(".jsonl") ? "jsonl"
                    : name.endsWith(".json") ? "json" : null;
            if (format == null) {
                throw new InvalidInputException("input data_file: " + data.getFileName()
                        + " is not a .csv, .json or .jsonl file");
            }
            Optional<Path> schema = ctx.inputs().find("schema_file").isEmpty() ? Optional.empty()
                    : Optional.of(ctx.inputFile("schema_file").toAbsolutePath().normalize());
            if (schema.isPresent() && format.equals("csv")) {
                throw new InvalidInputException("input schema_file: a JSON Schema applies to JSON data only, and "
                        + data.getFileName() + " is CSV; leave schema_file empty");
            }
            return new Request(data, format, schema, delimiter(ctx.params().asMap().get("delimiter")),
                    ctx.params().flag("header", true), ctx.params().flag("fail_on_problems", true));
        }

        private static char delimiter(String raw) {
            // Read unstripped: a tab or a space is a legitimate delimiter that strip() would erase.
            String text = raw == null || raw.isEmpty() ? "," : raw;
            String value = text.equalsIgnoreCase("tab") || text.equals("\\t") ? "\t" : text;
            if (value.length() != 1 || value.charAt(0) == '"' || value.charAt(0) == '\n' || value.charAt(0) == '\r') {
                throw new InvalidInputException("param delimiter: '" + text + "' must be one character other than"
                        + " a quote or a line break (e.g. ',', ';', '|' or 'tab')");
            }
            return value.charAt(0);
        }
    }

    /** Counts the bytes read, for progress by position in the file. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
