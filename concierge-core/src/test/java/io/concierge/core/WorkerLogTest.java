package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a worker writes with WorkerContext.log lands in the job's log as step.log events, one line each, capped. */
class WorkerLogTest {
    @TempDir
    Path tmp;

    /** Logs a few lines, one of them hostile, then floods the log. */
    static final class ChattyWorker extends UpperWorker {
        @Override
        public WorkerResult execute(WorkerContext context) throws Exception {
            context.log("reading the input");
            context.warn("line one\nline two\u001b[31m red");
            for (int i = 0; i < 3000; i++) {
                context.log("line " + i);
            }
            return super.execute(context);
        }
    }

    @Test
    void workerLinesAreEventsOfTheRunOneLineEachAndCapped() throws Exception {
        Path workspace = tmp.resolve("ws");
        Path inputs = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(inputs.resolve("notes.txt"), "hello\n");
        Concierge.builder(workspace).discoverWorkers(false).open().close();
        TestPackages.writeUpperPackage(workspace);
        try (Concierge c = Concierge.builder(workspace).workingDirectory(inputs).defaultApprover("tester")
                .discoverWorkers(false).worker(new ChattyWorker()).open()) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt please").id());
            c.generatePlan(job.id());
            if (c.job(job.id()).status() == JobStatus.PLANNED) {
                c.approve(job.id(), null, "");
            }
            Run run = c.run(job.id(), RunOptions.defaults());
            assertThat(run.status()).isEqualTo(JobStatus.COMPLETED);

            List<Event> lines = c.events(job.id(), false).stream()
                    .filter(e -> e.type().equals(EventTypes.STEP_LOG)).toList();
            assertThat(lines.get(0).payload()).containsEntry("level", "info").containsEntry("message", "reading the input");
            assertThat(lines.get(0).stepId()).isNotBlank();
            assertThat(lines.get(1).payload()).containsEntry("level", "warning")
                    .containsEntry("message", "line one line two [31m red");
            assertThat(lines).hasSize(2001);
            assertThat(lines.get(2000).payload().get("message").toString()).contains("were dropped");
        }
    }
}
