package io.concierge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.worker.WorkerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerTestContextTest {

    @TempDir
    Path tmp;

    @Test
    void foldersFollowTheRunnersRules() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "hi");
        WorkerTestContext ctx = WorkerTestContext.builder(tmp.resolve("step")).input("text_file", notes)
                .param("level", 5).build();

        assertThat(ctx.artifactsDir()).isDirectory().isEqualTo(tmp.resolve("step/artifacts"));
        assertThat(tmp.resolve("step/scratch")).doesNotExist();
        assertThat(ctx.scratchDir()).isDirectory();
        assertThat(ctx.inputFile("text_file")).isEqualTo(notes);
        assertThat(ctx.params().integer("level", 0)).isEqualTo(5);
        assertThat(ctx.outputFile("out.txt")).isEqualTo(ctx.artifactsDir().resolve("out.txt"));
        assertThatThrownBy(() -> ctx.outputFile("../out.txt")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ctx.inputFile("missing")).isInstanceOf(InvalidInputException.class);
        Files.delete(notes);
        assertThatThrownBy(() -> ctx.inputFile("text_file")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void keepsWhatTheWorkerLogged() {
        WorkerTestContext ctx = WorkerTestContext.builder(tmp).build();
        ctx.log("started");
        ctx.warn("input is mono");
        assertThat(ctx.logLines()).containsExactly(
                new WorkerTestContext.LogLine(WorkerContext.LogLevel.INFO, "started"),
                new WorkerTestContext.LogLine(WorkerContext.LogLevel.WARNING, "input is mono"));
    }

    @Test
    void haltsAfterTheGivenNumberOfProgressReports() {
        WorkerTestContext ctx = WorkerTestContext.builder(tmp).haltAfterProgress(2).build();
        ctx.progress(0.1, "reading");
        assertThat(ctx.isHalted()).isFalse();
        ctx.progress(0.2, "reading");
        assertThatThrownBy(ctx::checkHalted).isInstanceOf(WorkerContext.HaltedException.class)
                .hasMessageContaining("step step of job j_test");
        assertThat(ctx.haltQuestions()).isEqualTo(2);
        assertThat(ctx.progressFractions()).containsExactly(0.1, 0.2);
    }

    @Test
    void haltsOnRequestOnConditionOrFromTheStart() {
        AtomicBoolean flag = new AtomicBoolean();
        WorkerTestContext ctx = WorkerTestContext.builder(tmp).haltWhen(flag::get).build();
        assertThat(ctx.isHalted()).isFalse();
        flag.set(true);
        assertThat(ctx.isHalted()).isTrue();

        WorkerTestContext manual = WorkerTestContext.builder(tmp).build();
        manual.halt();
        assertThat(manual.isHalted()).isTrue();
        assertThat(WorkerTestContext.builder(tmp).halted().build().isHalted()).isTrue();
    }

    @Test
    void refusesProgressOutsideZeroToOneOrWithoutAMessage() {
        WorkerTestContext ctx = WorkerTestContext.builder(tmp).build();
        assertThatThrownBy(() -> ctx.progress(1.01, "too far")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.01");
        assertThatThrownBy(() -> ctx.progress(Double.NaN, "nan")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ctx.progress(0.5, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ctx.progressReports()).isEmpty();
    }

    @Test
    void clockStandsStillByDefault() {
        WorkerTestContext ctx = WorkerTestContext.builder(tmp).ids("j_1", "r_1", "encode").attempt(2).build();
        assertThat(ctx.clock().instant()).isEqualTo(MutableClock.DEFAULT_START);
        assertThat(ctx.jobId() + " " + ctx.runId() + " " + ctx.stepId() + " " + ctx.attempt()).isEqualTo("j_1 r_1 encode 2");
    }
}
