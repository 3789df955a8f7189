package io.concierge.core.pkg;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.pkg.IntentVocabulary;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.pkg.VerificationRule;
import io.concierge.api.plan.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * Two or more task packages run as one pipeline, each part taking the previous part's main
 * output: "normalize show.wav and then make an mp3 of it" is {@code audio.normalize} then
 * {@code audio.encode}, whose {@code audio_file} is {@code ${steps.normalize.audio}}.
 *
 * <p>Why one package composed from others rather than two linked jobs: a plan already is a graph
 * of steps that take earlier steps' outputs ({@code ${steps.S.OUT}}), scheduled, resumed,
 * cached and recorded step by step; composing the parts' pipelines into one gives one plan, one
 * hash, one approval and one run without a new kind of link between jobs (an {@code @job:}
 * input binds only to a job that has already COMPLETED, so two jobs could not be planned and
 * approved together). The chain is a pure function of its parts: its id and version name them
 * ({@code audio.normalize+audio.encode}, {@code 1.0.0+1.0.0}), so the registry rebuilds it from
 * the job file, and its hash covers the parts' hashes, so a changed part breaks an approval.
 *
 * <p>Names: each part has a name, the last word of its id ({@code normalize}, {@code encode};
 * a repeated one gets its position, {@code normalize2}). Every input and output is prefixed with
 * it ({@code normalize_target_loudness}, {@code encode_audio}), so a person can tell whose
 * {@code format} is whose; step ids stay as the packages have them unless two collide. The input
 * a later part's output feeds is not an input of the chain at all. A chain has no words of its
 * own (it is never matched by itself); it keeps its parts' extraction hints under the chain's
 * input names, so a destination set later is read as one.
 *
 * <p>Policies join to the stricter: approval is required if any part requires it, by as many
 * people as the most demanding part, auto-approved only if every part allows it; retries are the
 * fewest of the parts (a part that says its failures are deterministic is not retried), the time
 * limit per step the longest. (One plan has one retry and time policy; per-step policies would
 * need a change to the plan model.)
 */
public final class PackageChain {
    /** What joins the ids (and versions) of the parts in a chain's id. */
    public static final String JOIN = "+";
    /** The most parts a chain has: more in one sentence is not a plan anyone types. */
    public static final int MAX_PARTS = 6;
    private static final String HASH_DOMAIN = "concierge package chain v1\n";
    private static final java.util.regex.Pattern STEP_OUTPUT = java.util.regex.Pattern.compile("\\$\\{steps\\.[^.}]+\\.[^.}]+}");

    private PackageChain() {
    }

    /** Whether {@code idOrRef} names a chain. */
    public static boolean isChain(String idOrRef) {
        return idOrRef.contains(JOIN);
    }

    /**
     * The refs of the parts of a chain ref: {@code a.b+c.d@1.0.0+2.0.0} is {@code a.b@1.0.0},
     * {@code c.d@2.0.0}; without versions, the ids alone (their newest versions).
     */
    public static List<String> partRefs(String ref) {
        int at = ref.indexOf('@');
        String ids = at < 0 ? ref : ref.substring(0, at);
        String versions = at < 0 ? "" : ref.substring(at + 1);
        List<String> idList = List.of(ids.split("\\" + JOIN, -1));
        List<String> versionList = versions.isEmpty() ? List.of() : List.of(versions.split("\\" + JOIN, -1));
        if (idList.size() < 2 || idList.size() > MAX_PARTS || idList.stream().anyMatch(id -> !PackageParser.ID.matcher(id).matches())) {
            throw new InvalidInputException("'" + ref + "' is no chain of 2 to " + MAX_PARTS
                    + " package ids joined by '+', e.g. audio.normalize+audio.encode@1.0.0+1.0.0");
        }
        if (!versionList.isEmpty() && versionList.size() != idList.size()) {
            throw new InvalidInputException("'" + ref + "' names " + idList.size() + " packages but " + versionList.size()
                    + " versions; give one version per package, joined by '+'");
        }
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < idList.size(); i++) {
            refs.add(idList.get(i) + (versionList.isEmpty() ? "" : "@" + versionList.get(i)));
        }
        return refs;
    }

    /** The names of the parts, in order: the last word of each id, numbered when repeated. */
    public static List<String> names(List<TaskPackage> parts) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (TaskPackage p : parts) {
            String base = p.id().substring(p.id().lastIndexOf('.') + 1).replace('-', '_');
            int count = seen.merge(base, 1, Integer::sum);
            names.add(count == 1 ? base : base + count);
        }
        return names;
    }

    /** The chain's name for input {@code input} of the part named {@code part}. */
    public static String inputName(String part, String input) {
        return part + "_" + input;
    }

    /** The input of {@code pkg} that an earlier part's output feeds: its first required file input. */
    public static Optional<InputSpec> linkInput(TaskPackage pkg) {
        return pkg.inputs().stream().filter(i -> i.type() == InputType.FILE && i.required()).findFirst();
    }

    /** The output of {@code pkg} that feeds the next part: its first. */
    public static Optional<String> linkOutput(TaskPackage pkg) {
        return pkg.outputs().keySet().stream().findFirst();
    }

    /**
     * Why {@code to} cannot take the main output of {@code from}, in words, or empty when it can.
     * {@code fromValues} are the inputs the sentence gave {@code from} (its {@code format}, or the
     * file it takes, says what kind of file it makes). A first output that a verification rule fixes to one extension
     * is read as a report about the input (data.validate's JSON), not a new version of it: "validate
     * x.csv and then copy it" means x.csv, so such a chain is refused rather than guessed.
     */
    public static Optional<String> linkProblem(TaskPackage from, Map<String, String> fromValues, TaskPackage to) {
        Optional<InputSpec> input = linkInput(to);
        if (input.isEmpty()) {
            return Optional.of(to.id() + " takes no file from an earlier step (it has no required file input)");
        }
        Optional<String> output = linkOutput(from);
        if (output.isEmpty() || !STEP_OUTPUT.matcher(from.outputs().get(output.get())).matches()) {
            return Optional.of(from.id() + " has no output a later step can take");
        }
        Optional<VerificationRule> fixed = from.verification().stream()
                .filter(r -> r.output().equals(output.get()) && r.rule().equals("extension")).findFirst();
        if (fixed.isPresent()) {
            return Optional.of(from.id() + "'s output " + output.get() + " is a ." + fixed.get().value()
                    + " report about its input, not a new version of it, so it is unclear what '" + to.id() + "' should take");
        }
        List<String> accepted = input.get().extensions();
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        String made = madeKind(from, fromValues);
        if (made.isEmpty()) {
            return Optional.of("it is not known what kind of file " + from.id() + " makes, and " + to.id() + " takes only ."
                    + String.join(", .", accepted));
        }
        String extension = made.substring(made.lastIndexOf('.') + 1);
        return accepted.contains(made) || accepted.contains(extension) ? Optional.empty()
                : Optional.of(from.id() + " makes " + made + ", which " + to.id() + " does not take (." + String.join(", .", accepted) + ")");
    }

    /**
     * What kind of file a part makes, lower case: its {@code format} input when it has one ("to
     * flac"), else the extension of the file it takes (an upper-cased .txt is a .txt, a copied
     * .csv a .csv); empty when neither says.
     */
    private static String madeKind(TaskPackage from, Map<String, String> values) {
        String format = values.getOrDefault("format", "").strip().toLowerCase(Locale.ROOT);
        if (!format.isEmpty()) {
            return format;
        }
        String file = linkInput(from).map(i -> values.getOrDefault(i.name(), "")).orElse("");
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The packages run as one, each taking the previous one's main output; see the class comment. */
    public static TaskPackage compose(List<TaskPackage> parts) {
        if (parts.size() < 2 || parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a chain has 2 to " + MAX_PARTS + " parts");
        }
        List<String> names = names(parts);
        List<InputSpec> inputs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        List<VerificationRule> verification = new ArrayList<>();
        Set<String> stepIds = new HashSet<>();
        Map<String, io.concierge.api.pkg.InputHint> hints = new LinkedHashMap<>();
        String previousOutput = null; // the reference, in chain step ids, that the next part takes
        for (int k = 0; k < parts.size(); k++) {
            TaskPackage p = parts.get(k);
            String name = names.get(k);
            String linked = k == 0 ? null : linkInput(p).map(InputSpec::name)
                    .orElseThrow(() -> new IllegalArgumentException(p.id() + " takes no file from an earlier step"));
            Map<String, String> renamedSteps = new HashMap<>();
            for (Step s : p.steps()) {
                String id = s.id();
                if (stepIds.contains(id)) {
                    id = name + "_" + s.id();
                    for (int n = 2; stepIds.contains(id); n++) {
                        id = name + "_" + s.id() + n;
                    }
                }
                stepIds.add(id);
                renamedSteps.put(s.id(), id);
            }
            Map<String, String> inputRefs = new HashMap<>();
            for (InputSpec i : p.inputs()) {
                if (i.name().equals(linked)) {
                    inputRefs.put(i.name(), previousOutput);
                    continue;
                }
                String renamed = inputName(name, i.name());
                inputRefs.put(i.name(), "${inputs." + renamed + "}");
                if (p.vocabulary().extract().containsKey(i.name())) {
                    hints.put(renamed, p.vocabulary().extract().get(i.name())); // how `bit job set` reads it (a destination)
                }
                inputs.add(new InputSpec(renamed, i.type(), i.required(), i.defaultValue(), i.unit(), i.choices(),
                        i.extensions(), i.fill(), "(" + p.id() + ") " + i.description()));
            }
            for (Step s : p.steps()) {
                steps.add(new Step(renamedSteps.get(s.id()), s.worker(), s.workerVersion(),
                        rewrite(s.inputs(), inputRefs, renamedSteps), rewrite(s.params(), inputRefs, renamedSteps),
                        s.continueOnFailure()));
            }
            p.outputs().forEach((output, ref) -> outputs.put(inputName(name, output), rewrite(ref, inputRefs, renamedSteps)));
            for (VerificationRule r : p.verification()) {
                verification.add(new VerificationRule(inputName(name, r.output()), r.rule(), r.value()));
            }
            previousOutput = linkOutput(p).map(o -> rewrite(p.outputs().get(o), inputRefs, renamedSteps)).orElse(null);
        }
        List<String> retryOn = parts.stream().allMatch(p -> !p.retryOn().isEmpty())
                ? parts.stream().flatMap(p -> p.retryOn().stream()).distinct().toList() : List.of();
        String refs = parts.stream().map(TaskPackage::ref).collect(Collectors.joining(" " + JOIN + " "));
        return new TaskPackage(
                parts.stream().map(TaskPackage::id).collect(Collectors.joining(JOIN)),
                parts.stream().map(TaskPackage::version).collect(Collectors.joining(JOIN)),
                parts.stream().map(TaskPackage::name).collect(Collectors.joining(", then ")),
                "Runs " + parts.stream().map(TaskPackage::id).collect(Collectors.joining(", then ")) + ", each on the output"
                        + " of the one before.",
                new IntentVocabulary(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), hints),
                inputs, steps, outputs,
                parts.stream().anyMatch(TaskPackage::approvalRequired),
                parts.stream().mapToInt(TaskPackage::requiredApprovals).max().orElse(1),
                parts.stream().allMatch(TaskPackage::autoApprove),
                parts.stream().mapToInt(TaskPackage::maxRetries).min().orElse(0),
                retryOn,
                parts.stream().mapToLong(TaskPackage::timeoutSeconds).max().orElse(0),
                verification, resources(parts), "chain:" + refs, hash(parts));
    }

    private static Map<String, String> rewrite(Map<String, String> templates, Map<String, String> inputRefs,
                                               Map<String, String> steps) {
        Map<String, String> out = new LinkedHashMap<>();
        templates.forEach((key, template) -> out.put(key, rewrite(template, inputRefs, steps)));
        return out;
    }

    /** {@code ${inputs.X}} to the chain's input (or the earlier part's output), {@code ${steps.S.O}} to the chain's step id. */
    private static String rewrite(String template, Map<String, String> inputRefs, Map<String, String> steps) {
        Matcher m = PackageParser.REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] parts = m.group(1).split("\\.", -1);
            String replacement = m.group();
            if (parts.length == 2 && parts[0].equals("inputs") && inputRefs.get(parts[1]) != null) {
                replacement = inputRefs.get(parts[1]);
            } else if (parts.length == 3 && parts[0].equals("steps") && steps.containsKey(parts[1])) {
                replacement = "${steps." + steps.get(parts[1]) + "." + parts[2] + "}";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The largest {@code cpu} and {@code memory_mb} of the parts (steps run one after another). */
    private static Map<String, String> resources(List<TaskPackage> parts) {
        Map<String, String> resources = new LinkedHashMap<>();
        for (TaskPackage p : parts) {
            p.resources().forEach((key, value) -> resources.merge(key, value, (a, b) -> {
                try {
                    return Double.parseDouble(b) > Double.parseDouble(a) ? b : a;
                } catch (NumberFormatException e) {
                    return a;
                }
            }));
        }
        return resources;
    }

    /** SHA-256 over the parts' refs and file hashes: a part that changes changes the chain. */
    private static String hash(List<TaskPackage> parts) {
        StringBuilder text = new StringBuilder(HASH_DOMAIN);
        for (TaskPackage p : parts) {
            text.append(p.ref()).append(' ').append(p.hash()).append('\n');
        }
        return io.concierge.core.codec.Codecs.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
