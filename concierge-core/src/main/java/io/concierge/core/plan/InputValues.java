package io.concierge.core.plan;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.MissingInputException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.intent.Intent;
import io.concierge.api.intent.Quantity;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.pkg.TaskPackage;
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
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> usedFiles = new HashSet<>();
        Set<Quantity> usedQuantities = new HashSet<>();
        for (InputSpec input : pkg.inputs()) {
            Optional<String> found = input.fill().equals("none") ? Optional.empty()
                    : input.fill().equals("text") ? Optional.of(textAfterVerb(intent))
                    : switch (input.type()) {
                        case FILE -> file(intent, input, usedFiles);
                        case NUMBER, INTEGER -> quantity(intent, input, usedQuantities);
                        case CHOICE -> choice(intent, input);
                        case STRING, BOOLEAN -> Optional.empty();
                    };
            values.put(input.name(), found.orElse(input.defaultValue()));
        }
        return values;
    }

    private Optional<String> file(Intent intent, InputSpec input, Set<String> used) {
        for (String file : intent.files()) {
            String extension = file.contains(".") ? file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
            if (!used.contains(file) && (input.extensions().isEmpty() || input.extensions().contains(extension))) {
                used.add(file);
                return Optional.of(absoluteIfExists(file));
            }
        }
        return Optional.empty();
    }

    private String absoluteIfExists(String file) {
        try {
            Path path = resolve(file);
            return Files.exists(path) ? path.toString() : file;
        } catch (InvalidPathException e) {
            return file;
        }
    }

    private static Optional<String> quantity(Intent intent, InputSpec input, Set<Quantity> used) {
        if (input.unit().isEmpty()) {
            return Optional.empty();
        }
        Units.Unit target = Units.find(input.unit()).orElseThrow();
        List<Quantity> candidates = new ArrayList<>();
        for (Quantity q : intent.quantities()) {
            Optional<Units.Unit> unit = Units.find(q.unit());
            if (unit.isPresent() && unit.get().family().equals(target.family()) && !used.contains(q)) {
                candidates.add(q);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        // With several candidates, prefer the one the text introduces with the input's own words
        // ("target bitrate: 5 Mbps" for bitrate, "true peak -2 dBTP" for true_peak).
        Quantity chosen = candidates.get(0);
        String lower = intent.text().toLowerCase(Locale.ROOT);
        for (Quantity q : candidates) {
            int at = lower.indexOf(number(q.value()));
            String before = at < 0 ? "" : lower.substring(Math.max(0, at - 30), at);
            for (String part : input.name().split("_")) {
                if (part.length() > 2 && before.contains(part)) {
                    chosen = q;
                }
            }
        }
        used.add(chosen);
        return Optional.of(chosen.toString());
    }

    private static Optional<String> choice(Intent intent, InputSpec input) {
        for (String format : intent.formats()) {
            if (input.choices().contains(format)) {
                return Optional.of(format);
            }
        }
        for (String keyword : intent.keywords()) {
            if (input.choices().contains(keyword)) {
                return Optional.of(keyword);
            }
        }
        return Optional.empty();
    }

    private static String textAfterVerb(Intent intent) {
        String text = intent.text();
        if (!intent.verb().isEmpty()) {
            int at = text.toLowerCase(Locale.ROOT).indexOf(intent.verb());
            if (at >= 0) {
                text = text.substring(at + intent.verb().length());
            }
        }
        return text.strip();
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
