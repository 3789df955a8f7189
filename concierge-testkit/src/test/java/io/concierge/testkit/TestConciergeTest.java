package io.concierge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.job.Job;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder, clock, ids, files and dump of {@link TestConcierge}, without JUnit extensions. */
class TestConciergeTest {

    @Test
    void withPackagePlacesTheYamlByIdAndVersion() throws Exception {
        try (TestConcierge concierge = TestConcierge.builder().withPackage(Packages.PODCAST).open()) {
            assertThat(Files.readString(concierge.workspace().root()
                    .resolve("packages/audio/podcast/v2.1.0/package.yaml"))).isEqualTo(Packages.PODCAST);
            assertThat(concierge.packages()).extracting(TaskPackage::ref).contains("audio.podcast@2.1.0");
        }
    }

    @Test
    void withPackageRefusesYamlWithoutIdOrVersion() {
        assertThatThrownBy(() -> TestConcierge.builder().withPackage("name: nothing\nversion: 1.0.0\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no top-level 'id:");
        assertThatThrownBy(() -> TestConcierge.builder().withPackage("id: a.b\nversion: 1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'version: MAJOR.MINOR.PATCH'");
    }

    @Test
    void filesGoToTheWorkingDirectory() throws Exception {
        try (TestConcierge concierge = TestConcierge.builder().withFile("in/episode.wav", "RIFF").open()) {
            assertThat(concierge.workingDirectory()).hasToString("/work");
            assertThat(Files.readString(concierge.file("in/episode.wav"))).isEqualTo("RIFF");
            concierge.writeFile("later.txt", "hello");
            assertThat(Files.readString(concierge.fileSystem().getPath("/work/later.txt"))).isEqualTo("hello");
        }
    }

    @Test
    void clockAndIdsMakeEveryRunTheSame() {
        List<String> first = scenario();
        List<String> second = scenario();
        assertThat(first).isEqualTo(second);
        assertThat(first.get(0)).matches("j_\\d{26}");
        assertThat(first.get(0)).isLessThan(first.get(2)); // ids sort by creation
        assertThat(first.get(1)).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(first.get(3)).isEqualTo("2026-01-01T01:00:00Z");
    }

    private static List<String> scenario() {
        try (TestConcierge concierge = TestConcierge.builder().withPackage(Packages.NORMALIZE)
                .worker(FakeWorker.builder("audio.normalize").outputs("audio").build()).open()) {
            Job one = concierge.createJob(concierge.synthesize("Normalize episode.wav").id());
            concierge.clock().advance(Duration.ofHours(1));
            Job two = concierge.createJob(concierge.synthesize("Normalize other.wav").id());
            return List.of(one.id(), one.createdAt().toString(), two.id(), two.createdAt().toString());
        }
    }

    @Test
    void dumpShowsTheTreeAndEveryEventLog() {
        try (TestConcierge concierge = TestConcierge.builder().withPackage(Packages.NORMALIZE)
                .worker(FakeWorker.builder("audio.normalize").outputs("audio").writes("audio", "n.wav", "RIFF").build())
                .withFile("episode.wav", "RIFF").open()) {
            Job job = concierge.approvedJob("Normalize episode.wav");
            Run run = concierge.run(job.id(), RunOptions.defaults());
            String dump = concierge.dump();
            assertThat(dump).contains("== tree /workspace", "== tree /work", "episode.wav (4 bytes)",
                    "jobs/" + job.id() + "/artifacts/n.wav (4 bytes)", "== jobs/" + job.id() + "/logs/run-" + run.id() + ".jsonl",
                    "\"type\":\"job.completed\"", "== jobs/" + job.id() + "/logs/approvals.jsonl", "status: COMPLETED");
        }
    }

    @Test
    void closeDiscardsTheFileSystemOnce() {
        TestConcierge concierge = TestConcierge.open();
        concierge.close();
        concierge.close();
        assertThat(concierge.isClosed()).isTrue();
        assertThat(concierge.fileSystem().isOpen()).isFalse();
        assertThat(concierge.dump()).contains("closed");
    }

    @Test
    void twoTestConciergesDoNotShareAnything() {
        try (TestConcierge a = TestConcierge.open(); TestConcierge b = TestConcierge.open()) {
            a.synthesize("Normalize episode.wav");
            assertThat(a.fileSystem()).isNotSameAs(b.fileSystem());
            assertThat(b.intents()).isEmpty();
            assertThat(a.intents()).hasSize(1);
        }
    }

    @Test
    void mutableClockMovesAndSharesTimeAcrossZones() {
        MutableClock clock = MutableClock.at(Instant.parse("2030-05-01T10:00:00Z"));
        var paris = clock.withZone(ZoneId.of("Europe/Paris"));
        assertThat(clock.advance(Duration.ofSeconds(90))).isEqualTo(Instant.parse("2030-05-01T10:01:30Z"));
        assertThat(paris.instant()).isEqualTo(clock.instant());
        clock.set(Instant.EPOCH);
        assertThat(paris.instant()).isEqualTo(Instant.EPOCH);
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void sequentialIdsArePaddedToTheLengthOfRealIds() {
        SequentialIds ids = new SequentialIds();
        assertThat(ids.next("j_", Instant.EPOCH)).isEqualTo("j_00000000000000000000000001");
        assertThat(ids.next("r_", Instant.EPOCH)).isEqualTo("r_00000000000000000000000002");
        assertThat(ids.issued()).isEqualTo(2);
    }
}
