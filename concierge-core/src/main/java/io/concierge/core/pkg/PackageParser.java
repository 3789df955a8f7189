package io.concierge.core.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.pkg.IntentVocabulary;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.pkg.VerificationRule;
import io.concierge.api.plan.Step;
import io.concierge.api.workspace.Finding;
import io.concierge.core.codec.Codecs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code package.yaml} into a {@link TaskPackage}, checking the schema of
 * {@code docs/task-packages.md}: every problem is a {@link Finding} whose subject is the YAML
 * path ({@code steps[0].worker}), so a person knows exactly what to fix.
 */
public final class PackageParser {
    /** Package ids: {@code category.name}. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+");
    /** Semantic versions {@code MAJOR.MINOR.PATCH}. */
    public static final Pattern VERSION = Pattern.compile("\\d{1,6}\\.\\d{1,6}\\.\\d{1,6}");
    /** A {@code ${...}} reference in a step value. */
    public static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Set<String> TOP_KEYS = Set.of("id", "version", "name", "description", "intent", "inputs",
            "steps", "outputs", "approval", "failure_handling", "verification", "resources");
    private static final Set<String> INPUT_KEYS = Set.of("type", "required", "default", "unit", "choices",
            "extensions", "description", "fill");
    private static final Set<String> STEP_KEYS = Set.of("id", "worker", "version", "inputs", "params", "on_failure");
    private static final Set<String> RULES = Set.of("exists", "non_empty", "extension");

    private final Codecs codecs;

    /** Creates a parser reading YAML with {@code codecs}. */
    public PackageParser(Codecs codecs) {
        this.codecs = codecs;
    }

    /** The codecs this parser reads YAML with (its limits against hostile files included). */
    Codecs codecs() {
        return codecs;
    }

    /** The parse result: the package when valid, and every problem found. */
    public record Result(TaskPackage taskPackage, List<Finding> findings, List<String> stepWorkers) {
        /** The package, or an exception listing the problems. */
        public TaskPackage orThrow(String origin) {
            if (!findings.isEmpty()) {
                throw new InvalidWorkspaceException("package " + origin + " is invalid: "
                        + String.join("; ", findings.stream().map(Finding::toString).toList())
                        + " (check it with: bit package validate --file <package.yaml>)");
            }
            return taskPackage;
        }
    }

    /** Parses the bytes of a package file found at {@code origin}. */
    public Result parse(byte[] bytes, String origin) {
        JsonNode root;
        try {
            root = codecs.parseYaml(bytes, "package " + origin);
        } catch (InvalidWorkspaceException e) {
            return new Result(null, List.of(new Finding("package.yaml", e.getMessage())), List.of());
        }
        List<Finding> problems = new ArrayList<>();
        if (!root.isObject()) {
            problems.add(new Finding("package.yaml", "must be a mapping with id, version, intent, inputs and steps"));
            return new Result(null, problems, List.of());
        }
        unknownKeys(root, TOP_KEYS, "", problems);
        String id = text(root, "id", "", problems, true);
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            problems.add(new Finding("id", "'" + id + "' must be <category>.<name> in lower case, e.g. audio.normalize"));
        }
        String version = text(root, "version", "", problems, true);
        if (!version.isEmpty() && !VERSION.matcher(version).matches()) {
            problems.add(new Finding("version", "'" + version + "' must be MAJOR.MINOR.PATCH, e.g. 1.0.0"));
        }
        String name = text(root, "name", id, problems, false);
        String description = text(root, "description", "", problems, false);

        IntentVocabulary vocabulary = VocabularyParser.parse(root.path("intent"), problems);

        List<InputSpec> inputs = inputs(root.path("inputs"), problems);
        Set<String> inputNames = new HashSet<>();
        inputs.forEach(i -> inputNames.add(i.name()));
        VocabularyParser.checkHints(vocabulary, inputs, problems);
        List<Step> steps = steps(root.path("steps"), inputNames, problems);
        Map<String, String> outputs = stringMap(root.path("outputs"), "outputs", problems);
        Set<String> stepIds = new HashSet<>();
        steps.forEach(s -> stepIds.add(s.id()));
        outputs.forEach((key, value) -> checkReferences(value, "outputs." + key, inputNames, stepIds, problems));
        // Output names travel in @job:<id>/<output> references and URLs: the same safe words as input names.
        outputs.keySet().stream().filter(key -> !NAME.matcher(key).matches()).forEach(key -> problems.add(
                new Finding("outputs." + key, "output names are lower case letters, digits and '_'")));

        JsonNode approval = root.path("approval");
        unknownKeys(approval, Set.of("required", "required_approvals", "auto_approve"), "approval.", problems);
        boolean approvalRequired = bool(approval, "required", true, "approval.", problems);
        int requiredApprovals = (int) number(approval, "required_approvals", 1, 1, 10, "approval.", problems);
        boolean autoApprove = bool(approval, "auto_approve", false, "approval.", problems);
        JsonNode failure = root.path("failure_handling");
        unknownKeys(failure, Set.of("max_retries", "timeout_seconds", "retry_on"), "failure_handling.", problems);
        List<String> retryOn = VocabularyParser.words(failure, "retry_on", problems, "failure_handling.");
        int maxRetries = (int) number(failure, "max_retries", 0, 0, 10, "failure_handling.", problems);
        long timeout = number(failure, "timeout_seconds", 0, 0, 7 * 24 * 3600, "failure_handling.", problems);

        List<VerificationRule> verification = verification(root.path("verification"), outputs.keySet(), problems);
        Map<String, String> resources = stringMap(root.path("resources"), "resources", problems);

        List<String> stepWorkers = new ArrayList<>();
        root.path("steps").forEach(step -> stepWorkers.add(step.path("worker").asText("")));
        if (!problems.isEmpty()) {
            return new Result(null, problems, stepWorkers);
        }
        TaskPackage pkg = new TaskPackage(id, version, name, description, vocabulary, inputs, steps, outputs,
                approvalRequired, requiredApprovals, autoApprove, maxRetries, retryOn, timeout, verification, resources,
                origin, Codecs.sha256(bytes));
        return new Result(pkg, List.of(), stepWorkers);
    }

    private List<InputSpec> inputs(JsonNode node, List<Finding> problems) {
        List<InputSpec> inputs = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return inputs;
        }
        if (!node.isObject()) {
            problems.add(new Finding("inputs", "must be a mapping of input name to its spec"));
            return inputs;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String at = "inputs." + name;
            JsonNode spec = field.getValue();
            if (!NAME.matcher(name).matches()) {
                problems.add(new Finding(at, "input names are lower case letters, digits and '_'"));
                continue;
            }
            if (!spec.isObject()) {
                problems.add(new Finding(at, "must be a mapping with at least 'type'"));
                continue;
            }
            unknownKeys(spec, INPUT_KEYS, at + ".", problems);
            String typeWord = text(spec, "type", "", problems, true, at + ".");
            InputType type;
            try {
                type = InputType.valueOf(typeWord.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                if (!typeWord.isEmpty()) {
                    problems.add(new Finding(at + ".type", "'" + typeWord + "' is not one of file, file_name, number, integer, string, choice, boolean"));
                }
                continue;
            }
            boolean required = bool(spec, "required", false, at + ".", problems);
            String defaultValue = spec.has("default") && spec.get("default").isValueNode() && !spec.get("default").isNull()
                    ? spec.get("default").asText() : "";
            if (spec.has("default") && !spec.get("default").isValueNode()) {
                problems.add(new Finding(at + ".default", "must be a single value"));
            }
            String unit = text(spec, "unit", "", problems, false, at + ".");
            if (!unit.isEmpty() && io.concierge.core.intent.Units.find(unit).isEmpty()) {
                problems.add(new Finding(at + ".unit", "'" + unit + "' is not a known unit (LUFS, dBTP, kbps, Mbps, Hz, kHz, MB, s, ...)"));
            }
            List<String> choices = VocabularyParser.words(spec, "choices", problems, at + ".");
            if (type == InputType.CHOICE && choices.isEmpty()) {
                problems.add(new Finding(at + ".choices", "a choice input lists its choices, e.g. [mp3, flac]"));
            }
            if (type == InputType.CHOICE && !defaultValue.isEmpty() && !choices.contains(defaultValue.toLowerCase(Locale.ROOT))) {
                problems.add(new Finding(at + ".default", "'" + defaultValue + "' is not one of " + choices));
            }
            if (type == InputType.FILE_NAME && !defaultValue.isEmpty()) {
                io.concierge.api.worker.OutputNames.problem(defaultValue).ifPresent(problem -> problems.add(
                        new Finding(at + ".default", "output name '" + defaultValue + "' " + problem)));
            }
            String fill = text(spec, "fill", "auto", problems, false, at + ".");
            if (!Set.of("auto", "text", "none").contains(fill)) {
                problems.add(new Finding(at + ".fill", "'" + fill + "' is not one of auto, text, none"));
            }
            String description = text(spec, "description", "", problems, false, at + ".");
            inputs.add(new InputSpec(name, type, required, defaultValue, unit, choices,
                    VocabularyParser.words(spec, "extensions", problems, at + "."), fill, description));
        }
        return inputs;
    }

    private List<Step> steps(JsonNode node, Set<String> inputNames, List<Finding> problems) {
        List<Step> steps = new ArrayList<>();
        if (!node.isArray() || node.isEmpty()) {
            problems.add(new Finding("steps", "list at least one step with id and worker"));
            return steps;
        }
        Set<String> earlier = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode step = node.get(i);
            String at = "steps[" + i + "]";
            if (!step.isObject()) {
                problems.add(new Finding(at, "must be a mapping with id and worker"));
                continue;
            }
            unknownKeys(step, STEP_KEYS, at + ".", problems);
            String id = text(step, "id", "", problems, true, at + ".");
            if (!id.isEmpty() && !NAME.matcher(id).matches()) {
                problems.add(new Finding(at + ".id", "'" + id + "' must be lower case letters, digits and '_'"));
            }
            if (earlier.contains(id)) {
                problems.add(new Finding(at + ".id", "'" + id + "' is used by an earlier step"));
            }
            String worker = text(step, "worker", "", problems, true, at + ".");
            if (!worker.isEmpty() && !ID.matcher(worker).matches()) {
                problems.add(new Finding(at + ".worker", "'" + worker + "' is not a worker id like audio.normalize"));
            }
            String version = text(step, "version", "", problems, false, at + ".");
            if (!version.isEmpty() && !VERSION.matcher(version).matches()) {
                problems.add(new Finding(at + ".version", "'" + version + "' must be MAJOR.MINOR.PATCH"));
            }
            Map<String, String> inputs = stringMap(step.path("inputs"), at + ".inputs", problems);
            Map<String, String> params = stringMap(step.path("params"), at + ".params", problems);
            inputs.forEach((k, v) -> checkReferences(v, at + ".inputs." + k, inputNames, earlier, problems));
            params.forEach((k, v) -> checkReferences(v, at + ".params." + k, inputNames, earlier, problems));
            String onFailure = text(step, "on_failure", "fail", problems, false, at + ".");
            if (!Set.of("fail", "continue").contains(onFailure)) {
                problems.add(new Finding(at + ".on_failure", "'" + onFailure + "' is not fail or continue"));
            }
            Step parsed = new Step(id, worker, version, inputs, params, onFailure.equals("continue"));
            if (DeliveryStep.is(parsed)) {
                problems.addAll(DeliveryStep.problems(parsed, at));
            }
            steps.add(parsed);
            earlier.add(id);
        }
        return steps;
    }

    private static void checkReferences(String value, String at, Set<String> inputs, Set<String> steps,
                                        List<Finding> problems) {
        Matcher m = REFERENCE.matcher(value);
        while (m.find()) {
            String[] parts = m.group(1).split("\\.", -1);
            if (parts.length == 2 && parts[0].equals("inputs")) {
                if (!inputs.contains(parts[1])) {
                    problems.add(new Finding(at, "${" + m.group(1) + "} names no input of this package"));
                }
            } else if (parts.length == 3 && parts[0].equals("steps")) {
                if (!steps.contains(parts[1])) {
                    problems.add(new Finding(at, "${" + m.group(1) + "} names no earlier step"));
                }
            } else {
                problems.add(new Finding(at, "${" + m.group(1) + "} is not ${inputs.NAME} or ${steps.STEP.OUTPUT}"));
            }
        }
    }

    private static List<VerificationRule> verification(JsonNode node, Set<String> outputs, List<Finding> problems) {
        List<VerificationRule> rules = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return rules;
        }
        if (!node.isArray()) {
            problems.add(new Finding("verification", "must be a list of {output, rule, value}"));
            return rules;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode rule = node.get(i);
            String at = "verification[" + i + "]";
            unknownKeys(rule, Set.of("output", "rule", "value"), at + ".", problems);
            String output = text(rule, "output", "", problems, true, at + ".");
            String name = text(rule, "rule", "", problems, true, at + ".");
            String value = text(rule, "value", "", problems, false, at + ".");
            if (!output.isEmpty() && !outputs.contains(output)) {
                problems.add(new Finding(at + ".output", "'" + output + "' is not one of the package's outputs " + outputs));
            }
            if (!name.isEmpty() && !RULES.contains(name)) {
                problems.add(new Finding(at + ".rule", "'" + name + "' is not one of " + RULES));
            }
            if (name.equals("extension") && value.isEmpty()) {
                problems.add(new Finding(at + ".value", "the extension rule needs a value, e.g. wav"));
            }
            rules.add(new VerificationRule(output, name, value));
        }
        return rules;
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String prefix, List<Finding> problems) {
        if (!node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                problems.add(new Finding(prefix + key, "unknown key; expected one of " + new java.util.TreeSet<>(known)));
            }
        });
    }

    private static String text(JsonNode node, String key, String fallback, List<Finding> problems, boolean required) {
        return text(node, key, fallback, problems, required, "");
    }

    private static String text(JsonNode node, String key, String fallback, List<Finding> problems, boolean required,
                               String prefix) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                problems.add(new Finding(prefix + key, "is required"));
            }
            return fallback;
        }
        if (!value.isValueNode()) {
            problems.add(new Finding(prefix + key, "must be a single value, not a list or mapping"));
            return fallback;
        }
        return value.asText().strip();
    }

    private static boolean bool(JsonNode node, String key, boolean fallback, String prefix, List<Finding> problems) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problems.add(new Finding(prefix + key, "must be true or false"));
            return fallback;
        }
        return value.asBoolean();
    }

    private static long number(JsonNode node, String key, long fallback, long min, long max, String prefix,
                               List<Finding> problems) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problems.add(new Finding(prefix + key, "must be a whole number from " + min + " to " + max));
            return fallback;
        }
        return value.asLong();
    }

    private static Map<String, String> stringMap(JsonNode node, String at, List<Finding> problems) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            problems.add(new Finding(at, "must be a mapping of name to value"));
            return map;
        }
        node.fields().forEachRemaining(field -> {
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                problems.add(new Finding(at + "." + field.getKey(), "must be a single value"));
            } else {
                map.put(field.getKey(), field.getValue().asText());
            }
        });
        return map;
    }
}
