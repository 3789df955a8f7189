package io.concierge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.RunOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** builder(), toBuilder() and build() keep every part and check the value as its constructor does. */
class OptionsConventionTest {
    @Test
    void runOptionsBuilderStartsFromTheDefaultsAndToBuilderKeepsEveryPart() {
        assertThat(RunOptions.builder().build()).isEqualTo(RunOptions.defaults());

        RunOptions options = RunOptions.builder().force(true).resume(true).useCache(false).parallelSteps(3).build();
        assertThat(options).isEqualTo(new RunOptions(true, true, false, 3));
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.toBuilder().parallelSteps(0).build()).isEqualTo(new RunOptions(true, true, false, 0));
        assertThatThrownBy(() -> RunOptions.builder().parallelSteps(65).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 64");
    }

    @Test
    void conciergeOptionsToBuilderKeepsEveryPart() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T13:00:00Z"), ZoneOffset.UTC);
        ConciergeOptions options = ConciergeOptions.builder(Path.of("/srv/ws"))
                .createIfMissing(false).clock(clock).workingDirectory(Path.of("/srv/in")).defaultApprover("ci")
                .discoverWorkers(false).environment("staging").pluginDirectory(Path.of("/srv/plugins")).build();

        ConciergeOptions copy = options.toBuilder().build();
        assertThat(copy).isEqualTo(options);
        assertThat(options.toBuilder().environment("prod").build().environment()).isEqualTo("prod");
        assertThat(options.toBuilder().pluginDirectory(Path.of("/opt/more")).build().pluginDirs())
                .containsExactly(Path.of("/srv/plugins"), Path.of("/opt/more"));
        assertThat(Concierge.builder(Path.of("/srv/ws")).build().workspace()).isEqualTo(Path.of("/srv/ws"));
    }

    @Test
    void jobBuilderStartsAsADraftAndToBuilderMakesAChangedCopy() {
        Job job = Job.builder().id("j_1").intentId("i").intentText("Say hello").pkg("test.echo", "1.0.0")
                .inputs(Map.of("message", "hello")).version(1).build();
        assertThat(job.status()).isEqualTo(JobStatus.DRAFT);
        assertThat(job.toBuilder().build()).isEqualTo(job);
        assertThat(job.toBuilder().inputs(Map.of("message", "bye")).build().inputs()).containsEntry("message", "bye");
    }
}
