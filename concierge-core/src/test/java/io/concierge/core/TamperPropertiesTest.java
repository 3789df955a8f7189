package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.RunOptions;
import io.concierge.api.trust.KeyRing;
import io.concierge.api.workspace.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Generated edits: one letter or digit of a completed job's recorded history (job.yaml, its plan,
 * the run and approval logs, the seal, the manifest) changed to another. Whatever it hits, validation
 * finds it. Only comment lines and the bookkeeping fields {@code updated_at} and {@code version}
 * are left out (SECURITY.md says they are not protected).
 */
class TamperPropertiesTest {
    /** A completed job made once, copied for every try. */
    private static final class Template {
        static final Path ROOT;
        static final Path KEYS;
        static final Path IN;
        static final String JOB;

        static {
            try {
                Path tmp = Files.createTempDirectory("concierge-tamper-properties");
                ROOT = tmp.resolve("template");
                KEYS = tmp.resolve("keys");
                IN = Files.createDirectories(tmp.resolve("in"));
                Files.writeString(IN.resolve("notes.txt"), "hello\\n");
                Concierge.builder(ROOT).discoverWorkers(false).keyRing(KeyRing.folder(KEYS)).open().close();
                TestPackages.writeUpperPackage(ROOT);
                try (Concierge c = open(ROOT)) {
                    Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
                    c.generatePlan(job.id());
                    c.approve(job.id(), "alice", "ok");
                    assertThat(c.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
                    JOB = job.id();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Concierge open(Path root) {
        return Concierge.builder(root).workingDirectory(Template.IN).discoverWorkers(false).worker(new UpperWorker())
                .defaultApprover("tester").keyRing(KeyRing.folder(Template.KEYS)).open();
    }

    @Property(tries = 80)
    void anyChangedLetterOrDigitOfTheHistoryIsFound(@ForAll @IntRange(min = 0, max = 1_000_000) int fileChoice,
                                                     @ForAll @IntRange(min = 0, max = 1_000_000) int positionChoice,
                                                     @ForAll @IntRange(min = 1, max = 35) int shift) throws IOException {
        Path copy = Files.createTempDirectory("concierge-tamper-try");
        copyTree(Template.ROOT, copy);
        Path jobDir = copy.resolve("jobs").resolve(Template.JOB);
        List<Path> files;
        try (Stream<Path> all = Files.walk(jobDir)) {
            files = all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("NOTES.txt")).sorted().toList();
        }
        Path file = files.get(fileChoice % files.size());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Integer> positions = new ArrayList<>();
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStart = i + 1;
                continue;
            }
            String line = text.substring(lineStart, text.indexOf('\n', lineStart) < 0 ? text.length() : text.indexOf('\n', lineStart));
            boolean bookkeeping = line.startsWith("#") || line.startsWith("updated_at:") || line.startsWith("version:");
            if (!bookkeeping && Character.isLetterOrDigit(text.charAt(i)) && text.charAt(i) < 128) {
                positions.add(i);
            }
        }
        int at = positions.get(positionChoice % positions.size());
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        char original = Character.toLowerCase(text.charAt(at));
        int index = alphabet.indexOf(original);
        char replacement = alphabet.charAt((Math.max(index, 0) + shift) % alphabet.length());
        if (replacement == text.charAt(at)) {
            replacement = replacement == 'x' ? 'y' : 'x';
        }
        Files.writeString(file, text.substring(0, at) + replacement + text.substring(at + 1), StandardCharsets.UTF_8);
        try (Concierge c = open(copy)) {
            List<Finding> findings;
            try {
                findings = c.validate(Template.JOB).findings();
            } catch (ConciergeException e) {
                findings = List.of(new Finding("job", e.getMessage()));
            }
            assertThat(findings).as(jobDir.relativize(file) + " at " + at + ": '" + text.charAt(at) + "' -> '" + replacement + "'")
                    .isNotEmpty();
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
