package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.core.event.EventListeners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host's listener that throws is caught, counted and never breaks the run or the other listeners. */
class ThrowingListenerTest {
    @TempDir
    Path tmp;

    @Test
    void aThrowingListenerDoesNotStopTheNextOne() {
        List<String> heard = new ArrayList<>();
        EventListeners listeners = new EventListeners(List.of(
                e -> {
                    throw new IllegalStateException("host bug");
                },
                e -> heard.add(e.type())));
        Event event = new Event(Instant.EPOCH, EventTypes.JOB_STARTED, "j_1", "r_1", Map.of());
        listeners.dispatch(event);
        listeners.dispatch(event);
        assertThat(heard).containsExactly(EventTypes.JOB_STARTED, EventTypes.JOB_STARTED);
        assertThat(listeners.failures()).isEqualTo(2);
    }

    @Test
    void aRunCompletesWhenTheHostListenerThrowsOnEveryEvent() throws Exception {
        Path workspace = tmp.resolve("ws");
        Path inputs = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(inputs.resolve("notes.txt"), "hello\n");
        Concierge.builder(workspace).discoverWorkers(false).open().close();
        TestPackages.writeUpperPackage(workspace);
        List<String> heard = new ArrayList<>();
        try (Concierge c = Concierge.builder(workspace).workingDirectory(inputs).defaultApprover("tester")
                .discoverWorkers(false).worker(new UpperWorker())
                .eventListener(e -> {
                    heard.add(e.type());
                    throw new IllegalStateException("the host's listener is broken");
                }).open()) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt please").id());
            c.generatePlan(job.id());
            if (c.job(job.id()).status() == JobStatus.PLANNED) {
                c.approve(job.id(), "alice", "");
            }
            Run run = c.run(job.id(), RunOptions.defaults());
            assertThat(run.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(c.events(job.id(), false)).extracting(Event::type)
                    .contains(EventTypes.JOB_STARTED, EventTypes.JOB_COMPLETED);
        }
        assertThat(heard).contains(EventTypes.JOB_STARTED, EventTypes.JOB_COMPLETED);
    }
}
