package io.concierge.core.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.Concierge;
import io.concierge.api.approval.Approval;
import io.concierge.api.approval.ApprovalAction;
import io.concierge.api.event.Event;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.run.RunOptions;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import io.concierge.core.codec.Codecs;
import io.concierge.core.intent.IntentSynthesizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Properties over synthesis, hashing, job.yaml parsing and the approval state machine. */
class ConciergePropertiesTest {
    private final Codecs codecs = new Codecs();
    private final IntentSynthesizer synthesizer = new IntentSynthesizer(codecs);

    @Property(tries = 300)
    void synthesisIsTotalAndDeterministic(@ForAll @StringLength(max = 300) String text) {
        Intent first;
        try {
            first = synthesizer.synthesize(text, Instant.EPOCH);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).doesNotContain("\n").isNotBlank();
            return;
        }
        Intent second = synthesizer.synthesize(text, Instant.now());
        assertThat(second.id()).isEqualTo(first.id()).matches("[0-9a-f]{64}");
        assertThat(second).usingRecursiveComparison().ignoringFields("synthesizedAt").isEqualTo(first);
    }

    @Provide
    Arbitrary<String> sentences() {
        Arbitrary<String> words = Arbitraries.of("Normalize", "copy", "episode.wav", "to", "-14", "LUFS", "5", "Mbps",
                "MP3", "\"my file.wav\"", "please", "video", "clip.mov", "backup", "app.db", "-", ".", ",", "e.g.", "~/x.csv");
        return words.list().ofMinSize(1).ofMaxSize(12).map(list -> String.join(" ", list));
    }

    @Property(tries = 300)
    void synthesisOfPlausibleSentencesNeverFails(@ForAll("sentences") String text) {
        Intent intent = synthesizer.synthesize(text, Instant.EPOCH);
        assertThat(intent.text()).isEqualTo(IntentSynthesizer.normalize(text));
        assertThat(synthesizer.synthesize(text + "  ", Instant.EPOCH).id()).isEqualTo(intent.id());
    }

    @Property(tries = 200)
    void hashIgnoresKeyOrder(@ForAll @Size(min = 1, max = 12) List<@StringLength(min = 1, max = 8) String> keys,
                             @ForAll Random random) {
        ObjectNode a = codecs.object();
        ObjectNode b = codecs.object();
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, random);
        keys.forEach(k -> a.put(k, k.length()));
        shuffled.forEach(k -> b.put(k, k.length()));
        assertThat(codecs.hash(b)).isEqualTo(codecs.hash(a));
    }

    /** A small real worker: writes the length of its input file. */
    static final class SizeWorker implements Worker {
        @Override
        public WorkerDescriptor descriptor() {
            return new WorkerDescriptor("text.size", "1.0.0", "size", List.of("text_file"), List.of(), List.of("size"));
        }

        @Override
        public WorkerResult execute(WorkerContext context) throws Exception {
            Path out = context.outputFile("size.txt");
            Files.writeString(out, Long.toString(Files.size(context.inputFile("text_file"))));
            return WorkerResult.builder().output("size", out).build();
        }
    }

    static final String PACKAGE = """
            id: text.size
            version: 1.0.0
            intent:
              verbs: [measure]
            inputs:
              text_file:
                type: file
                required: true
            steps:
              - id: size
                worker: text.size
                inputs:
                  text_file: ${inputs.text_file}
            outputs:
              size: ${steps.size.size}
            """;

    private static Path workspace(Path tmp) throws IOException {
        Path ws = tmp.resolve("ws");
        Concierge.builder(ws).discoverWorkers(false).open().close();
        Path dir = Files.createDirectories(ws.resolve("packages/text/size/v1.0.0"));
        Files.writeString(dir.resolve("package.yaml"), PACKAGE);
        Files.writeString(tmp.resolve("a.txt"), "aaaa");
        Files.writeString(tmp.resolve("b.txt"), "bb");
        return ws;
    }

    private static Concierge open(Path tmp, Path ws) {
        return Concierge.builder(ws).workingDirectory(tmp).discoverWorkers(false).worker(new SizeWorker()).open();
    }

    @Property(tries = 60)
    void mangledJobYamlOnlyEverGivesOurErrors(@ForAll @IntRange(min = 0, max = 2000) int at,
                                              @ForAll @IntRange(min = 0, max = 40) int cut,
                                              @ForAll @StringLength(max = 20) String insert) throws Exception {
        Path tmp = Files.createTempDirectory("prop");
        try {
            Path ws = workspace(tmp);
            try (Concierge c = open(tmp, ws)) {
                Job job = c.createJob(c.synthesize("Measure a.txt").id());
                c.generatePlan(job.id());
                c.approve(job.id(), "alice", "");
                Path yaml = ws.resolve("jobs").resolve(job.id()).resolve("job.yaml");
                String text = Files.readString(yaml);
                int from = Math.min(at, text.length());
                int to = Math.min(text.length(), from + cut);
                Files.writeString(yaml, text.substring(0, from) + insert + text.substring(to));
                for (Runnable call : List.<Runnable>of(() -> c.job(job.id()), () -> c.validate(job.id()),
                        () -> c.run(job.id(), RunOptions.defaults()), () -> c.jobs(), () -> c.generatePlan(job.id()))) {
                    try {
                        call.run();
                    } catch (ConciergeException expected) {
                        assertThat(expected.getMessage()).isNotBlank();
                    }
                }
            }
        } finally {
            delete(tmp);
        }
    }

    enum Action { PLAN, APPROVE_ALICE, APPROVE_BOB, DENY, RUN, SET_A, SET_B, EDIT_YAML }

    @Property(tries = 40)
    void noRunEverStartsWithoutAValidApprovalOfItsPlan(@ForAll @Size(max = 10) List<Action> actions) throws Exception {
        Path tmp = Files.createTempDirectory("prop");
        try {
            Path ws = workspace(tmp);
            try (Concierge c = open(tmp, ws)) {
                Job job = c.createJob(c.synthesize("Measure a.txt").id());
                Path yaml = ws.resolve("jobs").resolve(job.id()).resolve("job.yaml");
                for (Action action : actions) {
                    try {
                        switch (action) {
                            case PLAN -> c.generatePlan(job.id());
                            case APPROVE_ALICE -> c.approve(job.id(), "alice", "");
                            case APPROVE_BOB -> c.approve(job.id(), "bob", "");
                            case DENY -> c.deny(job.id(), "carol", "no");
                            case RUN -> c.run(job.id(), RunOptions.builder().force(true).build());
                            case SET_A -> c.setInputs(job.id(), Map.of("text_file", "a.txt"));
                            case SET_B -> c.setInputs(job.id(), Map.of("text_file", "b.txt"));
                            case EDIT_YAML -> Files.writeString(yaml, Files.readString(yaml)
                                    .replace(tmp.resolve("a.txt").toString(), tmp.resolve("b.txt").toString()));
                        }
                    } catch (ConciergeException refused) {
                        // refusals are fine; what matters is what ran
                    }
                }
                List<Approval> log;
                try {
                    log = c.job(job.id()).approvalLog();
                } catch (ConciergeException e) {
                    return;
                }
                for (Event started : c.events(job.id(), true).stream().filter(e -> e.type().equals("job.started")).toList()) {
                    String planHash = String.valueOf(started.payload().get("plan_hash"));
                    Approval last = log.stream().filter(a -> !a.at().isAfter(started.timestamp()))
                            .reduce((x, y) -> y).orElse(null);
                    assertThat(last).as("a decision before run at " + started.timestamp()).isNotNull();
                    assertThat(last.action()).isEqualTo(ApprovalAction.APPROVED);
                    assertThat(last.planHash()).isEqualTo(planHash);
                }
            }
        } finally {
            delete(tmp);
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
