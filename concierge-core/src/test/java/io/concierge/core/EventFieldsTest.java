package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.trust.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An event line with a renamed, missing or added field is a finding, even as a log's last line. */
class EventFieldsTest {
    @TempDir
    Path tmp;

    @Test
    void aRenamedFieldOfTheLastApprovalEventIsFound() throws Exception {
        Path root = tmp.resolve("ws");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "hello");
        Concierge.builder(root).discoverWorkers(false).keyRing(KeyRing.folder(tmp.resolve("keys"))).open().close();
        TestPackages.writeUpperPackage(root);
        for (String[] edit : new String[][] {{"\"run_id\"", "\"sun_id\""}, {"\"prev_hash\"", "\"prev_hasx\""},
                {"\"payload\":{", "\"extra\":1,\"payload\":{"}}) {
            try (Concierge c = Concierge.builder(root).workingDirectory(in).discoverWorkers(false).worker(new UpperWorker())
                    .keyRing(KeyRing.folder(tmp.resolve("keys"))).open()) {
                Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
                c.generatePlan(job.id());
                c.approve(job.id(), "alice", "ok");
                assertThat(c.validate(job.id()).findings()).isEmpty();
                Path log = root.resolve("jobs").resolve(job.id()).resolve("logs").resolve("approvals.jsonl");
                String text = Files.readString(log);
                int last = text.lastIndexOf('\n', text.length() - 2) + 1;
                Files.writeString(log, text.substring(0, last) + text.substring(last).replaceFirst(
                        java.util.regex.Pattern.quote(edit[0]), java.util.regex.Matcher.quoteReplacement(edit[1])));
                assertThat(c.validate(job.id()).findings()).as(edit[1]).anySatisfy(f ->
                        assertThat(f.toString()).contains("logs/approvals.jsonl"));
            }
        }
    }
}
