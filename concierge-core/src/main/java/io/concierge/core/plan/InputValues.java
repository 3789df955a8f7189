package io.concierge.core.plan;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.MissingInputException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.intent.Intent;
import io.concierge.api.intent.Quantity;
import io.concierge.api.pkg.InputHint;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.worker.OutputNames;
import io.concierge.api.intent.InputFill;
import io.concierge.core.intent.InputExtractor;
import io.concierge.core.intent.TextScanner;
import io.concierge.core.pkg.PackageChain;
import io.concierge.core.pkg.PackageMatcher;
import io.concierge.core.intent.Units;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a package's inputs from intent text (at job creation) and binds a job's input values
 * for its plan (at planning): files resolved and checked, numbers converted to the input's unit,
 * choices checked. See the table in {@code docs/task-packages.md}.
 */
public final class InputValues {
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("\\s*([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*([^\\s\\d][^\\s]*)?\\s*");

    /** The prefix of a file input that names another job's output: {@code @job:<job id>/<output>}. */
    public static final String JOB_OUTPUT = "@job:";

    private final Path workingDirectory;
    private final java.util.function.BiFunction<String, String, Path> jobOutputs;

    /**
     * Creates the binder; relative file paths resolve against {@code workingDirectory}, and
     * {@code @job:<id>/<output>} values through {@code jobOutputs} (job id or prefix, output name).
     */
    public InputValues(Path workingDirectory, java.util.function.BiFunction<String, String, Path> jobOutputs) {
        this.workingDirectory = workingDirectory;
        this.jobOutputs = jobOutputs;
    }

    /** The values the intent's text gives the package's inputs, defaults where it gives none, else empty. */
    public Map<String, String> extract(Intent intent, TaskPackage pkg) {
        return extract(intent.text(), intent.verb(), pkg);
    }

    /**
     * The values a sentence of requests in turn gives the chain of their packages: each part's
     * words fill its own package's inputs, named as the chain names them; the input a part takes
     * from the part before is no input of the chain (see {@link PackageChain}).
     */
    public Map<String, String> extract(List<PackageMatcher.ChainPart> parts) {
        List<String> names = PackageChain.names(parts.stream().map(PackageMatcher.ChainPart::pkg).toList());
        Map<String, String> values = new LinkedHashMap<>();
        for (int k = 0; k < parts.size(); k++) {
            TaskPackage pkg = parts.get(k).pkg();
            String linked = k == 0 ? "" : PackageChain.linkInput(pkg).map(InputSpec::name).orElse("");
            String text = parts.get(k).text();
            String name = names.get(k);
            extract(text, TextScanner.scan(text).verb(), pkg).forEach((input, value) -> {
                if (!input.equals(linked)) {
                    values.put(PackageChain.inputName(name, input), value);
                }
            });
        }
        return values;
    }

    private Map<String, String> extract(String text, String verb, TaskPackage pkg) {
        Map<String, String> values = new LinkedHashMap<>();
        for (InputFill fill : InputExtractor.extract(text, verb, pkg)) {
            boolean path = pkg.input(fill.input()).map(i -> i.type() == InputType.FILE).orElse(false)
                    || pkg.vocabulary().extract().containsKey(fill.input())
                    && pkg.vocabulary().extract().get(fill.input()).from().equals("path");
            boolean fromText = !fill.from().equals(InputExtractor.DEFAULT);
            boolean destination = isDestination(pkg, fill.input());
            values.put(fill.input(), !fromText || fill.value().isEmpty() ? fill.value()
                    : destination ? destination(fill.value()) : path ? absoluteIfExists(fill.value()) : fill.value());
        }
        return values;
    }

    /** Whether the package fills {@code input} with the sentence's destination ({@code from: destination}). */
    public static boolean isDestination(TaskPackage pkg, String input) {
        InputHint hint = pkg.vocabulary().extract().get(input);
        return hint != null && hint.from().equals("destination");
    }

    /**
     * A destination made absolute against the working directory when it is relative and its
     * folder exists here, as file inputs are: a job planned later, or by another process, then
     * delivers where the person meant. Otherwise (a folder not made yet, or {@code ~/...}, which
     * planning expands) it stays as typed, and planning resolves it.
     */
    public String destination(String raw) {
        String value = raw.strip();
        if (value.isEmpty() || value.startsWith("/") || value.startsWith("~")) {
            return value;
        }
        try {
            Path path = resolve(value);
            Path folder = value.endsWith("/") ? path : path.getParent();
            return folder != null && Files.isDirectory(folder) ? path + (value.endsWith("/") ? "/" : "") : value;
        } catch (InvalidPathException e) {
            return value;
        }
    }

    private String absoluteIfExists(String file) {
        try {
            Path path = resolve(file);
            return Files.exists(path) ? path.toString() : file;
        } catch (InvalidPathException e) {
            return file;
        }
    }

    /**
     * Binds every input of {@code pkg} from the job's values: required ones must have a value,
     * names the package does not know are refused, and each value is checked and converted.
     */
    public Map<String, String> bind(String jobId, TaskPackage pkg, Map<String, String> jobValues) {
        for (String name : jobValues.keySet()) {
            if (pkg.input(name).isEmpty()) {
                throw new InvalidInputException("job " + jobId + " has an input '" + name + "' that package " + pkg.ref()
                        + " does not take (its inputs: " + String.join(", ", pkg.inputs().stream().map(InputSpec::name).toList())
                        + "); remove it from job.yaml");
            }
        }
        List<String> missing = new ArrayList<>();
        Map<String, String> bound = new LinkedHashMap<>();
        for (InputSpec input : pkg.inputs()) {
            String raw = jobValues.getOrDefault(input.name(), "").strip();
            if (raw.isEmpty()) {
                raw = input.defaultValue();
            }
            if (raw.isEmpty()) {
                if (input.required()) {
                    missing.add(input.name());
                }
                bound.put(input.name(), "");
                continue;
            }
            bound.put(input.name(), bindOne(jobId, input, raw));
        }
        if (!missing.isEmpty()) {
            String example = missing.stream().map(n -> n + "=" + placeholder(pkg.input(n).orElseThrow())).reduce((a, b) -> a + " " + b).orElse("");
            throw new MissingInputException("job " + jobId + " needs a value for " + String.join(", ", missing)
                    + "; set it with: bit job set --job-id " + jobId + " " + example);
        }
        return bound;
    }

    private static String placeholder(InputSpec input) {
        return switch (input.type()) {
            case FILE -> "PATH";
            case NUMBER, INTEGER -> "NUMBER";
            case CHOICE -> input.choices().get(0);
            case BOOLEAN -> "true";
            case STRING -> "TEXT";
            case FILE_NAME -> "NAME";
        };
    }

    /** Checks and converts one value for one input. */
    public String bindOne(String jobId, InputSpec input, String raw) {
        String where = "input " + input.name() + " of job " + jobId;
        if (raw.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            throw new InvalidInputException(where + " contains control characters; set a plain value");
        }
        switch (input.type()) {
            case FILE: {
                Path path;
                if (raw.startsWith(JOB_OUTPUT)) {
                    String ref = raw.substring(JOB_OUTPUT.length());
                    int slash = ref.indexOf('/');
                    if (slash <= 0 || slash == ref.length() - 1) {
                        throw new InvalidInputException(where + ": '" + raw + "' must be @job:<job id>/<output name>, e.g. @job:j_01JD.../audio");
                    }
                    return jobOutputs.apply(ref.substring(0, slash), ref.substring(slash + 1)).toString();
                }
                try {
                    path = resolve(raw);
                } catch (InvalidPathException e) {
                    throw new InvalidInputException(where + ": '" + raw + "' is not a valid path");
                }
                if (!Files.exists(path)) {
                    throw new NotFoundException(where + ": file " + path + " does not exist; set the right path with: bit job set --job-id "
                            + jobId + " " + input.name() + "=PATH");
                }
                if (!Files.isRegularFile(path)) {
                    throw new InvalidInputException(where + ": " + path + " is not a regular file");
                }
                return path.toString();
            }
            case NUMBER:
            case INTEGER: {
                double value = number(where, input, raw);
                if (input.type() == InputType.INTEGER && value != Math.rint(value)) {
                    throw new InvalidInputException(where + " must be a whole number, got '" + raw + "'");
                }
                return number(value);
            }
            case CHOICE: {
                String choice = raw.toLowerCase(Locale.ROOT);
                if (!input.choices().contains(choice)) {
                    throw new InvalidInputException(where + ": '" + raw + "' is not one of " + String.join(", ", input.choices()));
                }
                return choice;
            }
            case FILE_NAME: {
                // Checked here, when set or planned, so approval never covers a name the run would refuse.
                Optional<String> problem = OutputNames.problem(raw);
                if (problem.isPresent()) {
                    throw new InvalidInputException(where + ": output name '" + raw + "' " + problem.get()
                            + "; set a plain file name such as report.json");
                }
                return raw;
            }
            case BOOLEAN: {
                String word = raw.toLowerCase(Locale.ROOT);
                if (Set.of("true", "yes", "on").contains(word)) {
                    return "true";
                }
                if (Set.of("false", "no", "off").contains(word)) {
                    return "false";
                }
                throw new InvalidInputException(where + " must be true or false, got '" + raw + "'");
            }
            default:
                if (raw.length() > 10_000) {
                    throw new InvalidInputException(where + " is longer than 10000 characters");
                }
                return raw;
        }
    }

    private static double number(String where, InputSpec input, String raw) {
        Matcher m = NUMBER_WITH_UNIT.matcher(raw.replace('\u2212', '-'));
        if (!m.matches()) {
            throw new InvalidInputException(where + " must be a number" + (input.unit().isEmpty() ? "" : " in " + input.unit())
                    + ", got '" + raw + "'");
        }
        double value = Double.parseDouble(m.group(1));
        String unitText = m.group(2);
        if (unitText == null || input.unit().isEmpty()) {
            return value;
        }
        Units.Unit from = Units.find(unitText).orElseThrow(() -> new InvalidInputException(where + ": unknown unit '"
                + unitText + "' in '" + raw + "'; write it in " + input.unit()));
        Units.Unit to = Units.find(input.unit()).orElseThrow();
        return Units.convert(value, from, to).orElseThrow(() -> new InvalidInputException(where + ": '" + raw
                + "' is not in a unit convertible to " + input.unit()));
    }

    private Path resolve(String file) {
        String expanded = file;
        if (file.equals("~") || file.startsWith("~/")) {
            // $HOME first: it is what the person's shell expands '~' to (user.home comes from passwd).
            String home = System.getenv("HOME");
            expanded = (home == null || home.isBlank() ? System.getProperty("user.home") : home) + file.substring(1);
        }
        Path path = workingDirectory.getFileSystem().getPath(expanded);
        return (path.isAbsolute() ? path : workingDirectory.resolve(path)).normalize();
    }

    /** A number as text without a needless {@code .0}. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
