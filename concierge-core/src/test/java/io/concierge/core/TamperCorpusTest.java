package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.Concierge;
import io.concierge.api.approval.Approval;
import io.concierge.api.approval.ApprovalAction;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Plan;
import io.concierge.api.run.RunOptions;
import io.concierge.api.trust.KeyRing;
import io.concierge.api.workspace.Finding;
import io.concierge.core.codec.Codecs;
import io.concierge.core.job.JobFiles;
import io.concierge.core.plan.PlanFiles;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tamper corpus of issue 11: distinct edits an attacker with write access to the workspace
 * (and no key of this key ring) can make, each on an APPROVED job and on a COMPLETED one. Every
 * edit must be found by validation (what {@code bit job validate} and {@code bit audit --check}
 * report), and every edit that bears on approval must keep {@code run} from starting the
 * approved job. The approval log is [alice approved, carol denied, alice approved, bob
 * approved] with two approvals required.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TamperCorpusTest {
    @TempDir
    static Path tmp;
    Path template;
    Path keys;
    Path in;
    String approvedId;
    String completedId;
    final Codecs codecs = new Codecs();
    final Map<String, Integer> counts = new LinkedHashMap<>();

    enum On { APPROVED, COMPLETED, BOTH }

    /** One edit: where it applies, whether it bears on approval, and what it does to a job folder. */
    record Edit(String name, On on, boolean approvalRelevant, Tamper tamper) {
    }

    @FunctionalInterface
    interface Tamper {
        void apply(Ctx ctx) throws Exception;
    }

    /** What an edit works on: the workspace copy, the job, and the attacker's tools (the algorithms, not the keys). */
    record Ctx(Path workspace, String jobId, JobFiles jobs, PlanFiles plans, Codecs codecs) {
        Path dir() {
            return workspace.resolve("jobs").resolve(jobId);
        }

        Path file(String relative) {
            return dir().resolve(relative);
        }

        Job job() {
            return jobs.read(jobId);
        }

        void job(UnaryOperator<Job> edit) {
            jobs.write(edit.apply(job()));
        }

        /** The approval log changed by {@code edit}, then re-chained as a careful attacker would. */
        void log(UnaryOperator<List<Approval>> edit) {
            List<Approval> changed = edit.apply(new ArrayList<>(job().approvalLog()));
            List<Approval> chained = new ArrayList<>();
            String prev = "";
            for (Approval a : changed) {
                Approval linked = with(a, prev);
                chained.add(linked);
                prev = jobs.entryHash(linked);
            }
            job(j -> j.toBuilder().approvalLog(chained).build());
        }

        Path runLog() throws IOException {
            try (Stream<Path> files = Files.list(file("logs"))) {
                return files.filter(p -> p.getFileName().toString().startsWith("run-") && p.toString().endsWith(".jsonl"))
                        .findFirst().orElseThrow();
            }
        }

        Path seal() throws IOException {
            Path log = runLog();
            return log.resolveSibling(log.getFileName().toString().replace(".jsonl", ".seal"));
        }

        List<String> lines(Path file) throws IOException {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        }

        void lines(Path file, List<String> lines) throws IOException {
            Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        }

        /** Recomputes every prev_hash of a JSONL log, as the chain is unkeyed. */
        void rechain(Path file, List<String> lines) throws IOException {
            List<String> out = new ArrayList<>();
            String prev = "";
            for (String line : lines) {
                ObjectNode node = (ObjectNode) codecs.json().readTree(line);
                node.put("prev_hash", prev.isEmpty() ? "" : Codecs.sha256(prev.getBytes(StandardCharsets.UTF_8)));
                String text = codecs.writeLine(node);
                out.add(text);
                prev = text;
            }
            lines(file, out);
        }

        void replace(String relative, String from, String to) throws IOException {
            Path file = file(relative);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text).as(relative + " holds " + from).contains(from);
            Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
        }
    }

    static Approval with(Approval a, String prev) {
        return new Approval(a.action(), a.by(), a.at(), a.planId(), a.planHash(), a.note(), prev, a.specHash(), a.packageHash(),
                a.expiresAt(), a.signature());
    }

    static Approval by(Approval a, String by) {
        return new Approval(a.action(), by, a.at(), a.planId(), a.planHash(), a.note(), a.prevHash(), a.specHash(),
                a.packageHash(), a.expiresAt(), a.signature());
    }

    @BeforeAll
    void makeTemplate() throws Exception {
        template = tmp.resolve("template");
        keys = tmp.resolve("keys");
        in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "hello\n");
        Files.writeString(in.resolve("other.txt"), "other\n");
        Concierge.builder(template).discoverWorkers(false).keyRing(KeyRing.folder(keys)).open().close();
        TestPackages.writeUpperPackage(template);
        try (Concierge c = open(template)) {
            c.setConfig("approval.required_approvals", "2");
            c.setConfig("approval.timeout_hours", "720");
            approvedId = approvedJob(c);
            completedId = approvedJob(c);
            assertThat(c.run(completedId, RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(c.validate(approvedId).findings()).isEmpty();
            assertThat(c.validate(completedId).findings()).isEmpty();
        }
    }

    private String approvedJob(Concierge c) {
        Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
        c.generatePlan(job.id());
        c.approve(job.id(), "alice", "first look");
        c.deny(job.id(), "carol", "wait for the levels");
        c.approve(job.id(), "alice", "levels fine");
        assertThat(c.approve(job.id(), "bob", "ok").status()).isEqualTo(JobStatus.APPROVED);
        return job.id();
    }

    private Concierge open(Path workspace) {
        return Concierge.builder(workspace).workingDirectory(in).discoverWorkers(false).worker(new UpperWorker())
                .defaultApprover("tester").keyRing(KeyRing.folder(keys)).open();
    }

    @AfterAll
    void report() {
        System.out.println("tamper corpus: " + counts);
    }

    /** The corpus. */
    List<Edit> edits() {
        List<Edit> edits = new ArrayList<>();
        for (JobStatus status : JobStatus.values()) {
            // a status edit is history (validate finds it) but grants nothing: run still needs the signed quorum
            edits.add(new Edit("job.yaml status: " + status, On.BOTH, false, c -> {
                if (c.job().status() == status) {
                    c.job(j -> j.toBuilder().status(status == JobStatus.APPROVED ? JobStatus.COMPLETED : JobStatus.APPROVED).build());
                } else {
                    c.job(j -> j.toBuilder().status(status).build());
                }
            }));
        }
        edits.add(new Edit("job.yaml last_run_id: made up", On.BOTH, false,
                c -> c.job(j -> j.toBuilder().lastRunId("r_01M8T6Q8703428C4S43AAC1XS0").build())));
        edits.add(new Edit("job.yaml last_run_id: emptied", On.COMPLETED, false, c -> c.job(j -> j.toBuilder().lastRunId("").build())));
        edits.add(new Edit("job.yaml intent text", On.BOTH, true, c -> c.job(j -> j.toBuilder().intentText("Uppercase other.txt").build())));
        edits.add(new Edit("job.yaml intent_id", On.BOTH, true, c -> c.job(j -> j.toBuilder().intentId("0".repeat(64)).build())));
        edits.add(new Edit("job.yaml package", On.BOTH, true, c -> c.job(j -> j.toBuilder().pkg("text.lower", j.packageVersion()).build())));
        edits.add(new Edit("job.yaml package_version", On.BOTH, true, c -> c.job(j -> j.toBuilder().pkg(j.packageId(), "9.9.9").build())));
        edits.add(new Edit("job.yaml confidence", On.BOTH, true, c -> c.job(j -> j.toBuilder().confidence(0.99).build())));
        edits.add(new Edit("job.yaml created_at", On.BOTH, true,
                c -> c.job(j -> j.toBuilder().createdAt(Instant.parse("2020-01-01T00:00:00Z")).build())));
        edits.add(new Edit("job.yaml created_by", On.BOTH, true, c -> c.job(j -> j.toBuilder().createdBy("mallory").build())));
        edits.add(new Edit("job.yaml input value", On.BOTH, true, c -> c.job(j -> {
            Map<String, String> inputs = new LinkedHashMap<>(j.inputs());
            inputs.put("text_file", in.resolve("other.txt").toString());
            return j.toBuilder().inputs(inputs).build();
        })));
        edits.add(new Edit("job.yaml input added", On.BOTH, true, c -> c.job(j -> {
            Map<String, String> inputs = new LinkedHashMap<>(j.inputs());
            inputs.put("extra", "1");
            return j.toBuilder().inputs(inputs).build();
        })));
        edits.add(new Edit("job.yaml input removed", On.BOTH, true, c -> c.job(j -> {
            Map<String, String> inputs = new LinkedHashMap<>(j.inputs());
            inputs.remove("level");
            return j.toBuilder().inputs(inputs).build();
        })));
        edits.add(new Edit("job.yaml hashes.spec", On.BOTH, true, c -> c.job(j -> j.toBuilder().specHash("1".repeat(64)).build())));
        edits.add(new Edit("job.yaml hashes.plan", On.BOTH, true, c -> c.job(j -> j.toBuilder().plan(j.planId(), "2".repeat(64)).build())));
        edits.add(new Edit("job.yaml plan_id", On.BOTH, true, c -> c.replace("job.yaml", "plan_id: " + c.job().planId(),
                "plan_id: p_01M8T6Q8703428C4S43AAC1XS0")));
        edits.add(new Edit("job.yaml id", On.BOTH, true, c -> c.replace("job.yaml", "id: " + c.jobId(), "id: j_01M8T6Q8703428C4S43AAC1XS0")));
        edits.add(new Edit("job.yaml deleted", On.BOTH, true, c -> Files.delete(c.file("job.yaml"))));
        // every field of an approval entry, on the last entry, the chain recomputed
        edits.add(new Edit("approval by (last, rechained)", On.BOTH, true, c -> c.log(l -> {
            l.set(3, by(l.get(3), "mallory"));
            return l;
        })));
        edits.add(new Edit("approval by (first, rechained)", On.BOTH, true, c -> c.log(l -> {
            l.set(0, by(l.get(0), "dave"));
            return l;
        })));
        edits.add(new Edit("approval by, same person in capitals", On.BOTH, true, c -> c.log(l -> {
            l.set(3, by(l.get(3), "ALICE"));
            return l;
        })));
        edits.add(new Edit("approval at", On.BOTH, true, c -> c.log(l -> {
            Approval a = l.get(3);
            l.set(3, new Approval(a.action(), a.by(), a.at().plusSeconds(3600), a.planId(), a.planHash(), a.note(), "", a.specHash(),
                    a.packageHash(), a.expiresAt(), a.signature()));
            return l;
        })));
        edits.add(new Edit("approval note", On.BOTH, true, c -> c.log(l -> {
            Approval a = l.get(3);
            l.set(3, new Approval(a.action(), a.by(), a.at(), a.planId(), a.planHash(), "anything goes", "", a.specHash(),
                    a.packageHash(), a.expiresAt(), a.signature()));
            return l;
        })));
        edits.add(new Edit("approval plan_id", On.BOTH, true, c -> c.log(l -> {
            Approval a = l.get(3);
            l.set(3, new Approval(a.action(), a.by(), a.at(), "p_01M8T6Q8703428C4S43AAC1XS0", a.planHash(), a.note(), "",
                    a.specHash(), a.packageHash(), a.expiresAt(), a.signature()));
            return l;
        })));
        edits.add(new Edit("approval plan_hash", On.BOTH, true, c -> c.log(l -> {
            Approval a = l.get(3);
            l.set(3, new Approval(a.action(), a.by(), a.at(), a.planId(), "3".repeat(64), a.note(), "", a.specHash(),
                    a.packageHash(), a.expiresAt(), a.signature()));
            return l;
        })));
        edits.add(new Edit("approval spec_hash", On.BOTH, true, c -> c.log(l -> {
            Approval a = l.get(3);
            l.set(3, new Approval(a.action(), a.by(), a.at(), a.planId(), a.planHash(), a.note(), "", "4".repeat(64),
                    a.packageHash(), a.expiresAt(), a.signature()));
            return l;
        })));
        edits.add(new Edit("approval package_hash", On.BOTH, true, c -> c.log(l -> {
            Approval a = l.get(3);
            l.set(3, new Approval(a.action(), a.by(), a.at(), a.planId(), a.planHash(), a.note(), "", a.specHash(),
                    "5".repeat(64), a.expiresAt(), a.signature()));
            return l;
        })));
        edits.add(new Edit("approval expires_at extended", On.BOTH, true, c -> c.log(l -> {
            Approval a = l.get(3);
            l.set(3, new Approval(a.action(), a.by(), a.at(), a.planId(), a.planHash(), a.note(), "", a.specHash(),
                    a.packageHash(), Optional.of(Instant.parse("2999-01-01T00:00:00Z")), a.signature()));
            return l;
        })));
        edits.add(new Edit("approval signature of another entry", On.BOTH, true, c -> c.log(l -> {
            Approval a = l.get(3);
            l.set(3, new Approval(a.action(), a.by(), a.at(), a.planId(), a.planHash(), a.note(), "", a.specHash(),
                    a.packageHash(), a.expiresAt(), l.get(2).signature()));
            return l;
        })));
        edits.add(new Edit("approval signature removed", On.BOTH, true, c -> c.log(l -> {
            Approval a = l.get(3);
            l.set(3, new Approval(a.action(), a.by(), a.at(), a.planId(), a.planHash(), a.note(), "", a.specHash(),
                    a.packageHash(), a.expiresAt(), ""));
            return l;
        })));
        edits.add(new Edit("approval signature garbage", On.BOTH, true, c -> c.log(l -> {
            Approval a = l.get(3);
            l.set(3, new Approval(a.action(), a.by(), a.at(), a.planId(), a.planHash(), a.note(), "", a.specHash(),
                    a.packageHash(), a.expiresAt(), Base64.getEncoder().encodeToString(new byte[64])));
            return l;
        })));
        edits.add(new Edit("denial turned into an approval", On.BOTH, true, c -> c.log(l -> {
            Approval a = l.get(1);
            l.set(1, new Approval(ApprovalAction.APPROVED, a.by(), a.at(), a.planId(), a.planHash(), a.note(), "", a.specHash(),
                    a.packageHash(), a.expiresAt(), a.signature()));
            return l;
        })));
        edits.add(new Edit("approval turned into a denial", On.BOTH, true, c -> c.log(l -> {
            Approval a = l.get(2);
            l.set(2, new Approval(ApprovalAction.DENIED, a.by(), a.at(), a.planId(), a.planHash(), a.note(), "", a.specHash(),
                    a.packageHash(), a.expiresAt(), a.signature()));
            return l;
        })));
        edits.add(new Edit("approval prev_hash edited (not rechained)", On.BOTH, true, c -> c.job(j -> {
            List<Approval> l = new ArrayList<>(j.approvalLog());
            l.set(2, with(l.get(2), "6".repeat(64)));
            return j.toBuilder().approvalLog(l).build();
        })));
        edits.add(new Edit("approval entry deleted (last, job.yaml only)", On.BOTH, true, c -> c.job(j -> {
            List<Approval> l = new ArrayList<>(j.approvalLog());
            l.remove(3);
            return j.toBuilder().approvalLog(l).build();
        })));
        edits.add(new Edit("denial deleted (rechained)", On.BOTH, true, c -> c.log(l -> {
            l.remove(1);
            return l;
        })));
        edits.add(new Edit("approval entries reordered (rechained)", On.BOTH, true, c -> c.log(l -> {
            Collections.swap(l, 2, 3);
            return l;
        })));
        edits.add(new Edit("forged approval inserted (rechained)", On.BOTH, true, c -> c.log(l -> {
            l.add(2, by(l.get(3), "dave"));
            return l;
        })));
        edits.add(new Edit("forged approval appended (chained)", On.BOTH, true, c -> c.log(l -> {
            l.add(by(l.get(3), "erin"));
            return l;
        })));
        edits.add(new Edit("last approval replayed (chained)", On.BOTH, true, c -> c.log(l -> {
            l.add(l.get(3));
            return l;
        })));
        edits.add(new Edit("approval log emptied", On.BOTH, true, c -> c.job(j -> j.toBuilder().approvalLog(List.of()).build())));
        edits.add(new Edit("approval log rolled back to before bob, in job.yaml and approvals.jsonl", On.BOTH, true, c -> {
            c.job(j -> j.toBuilder().approvalLog(j.approvalLog().subList(0, 3)).build());
            List<String> lines = c.lines(c.file("logs/approvals.jsonl"));
            int last = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("\"by\":\"bob\"")) {
                    last = i;
                }
            }
            c.lines(c.file("logs/approvals.jsonl"), lines.subList(0, last));
        }));
        // approvals.jsonl, the mirror of the decisions
        edits.add(new Edit("approvals.jsonl last line deleted", On.BOTH, false, c -> {
            List<String> lines = c.lines(c.file("logs/approvals.jsonl"));
            c.lines(c.file("logs/approvals.jsonl"), lines.subList(0, lines.size() - 1));
        }));
        edits.add(new Edit("approvals.jsonl first line deleted", On.BOTH, false, c -> {
            List<String> lines = c.lines(c.file("logs/approvals.jsonl"));
            c.lines(c.file("logs/approvals.jsonl"), lines.subList(1, lines.size()));
        }));
        edits.add(new Edit("approvals.jsonl approver renamed (last line)", On.BOTH, false,
                c -> c.replace("logs/approvals.jsonl", "\"by\":\"bob\"", "\"by\":\"mallory\"")));
        edits.add(new Edit("approvals.jsonl approver renamed in both files, rechained", On.BOTH, true, c -> {
            c.log(l -> {
                l.set(3, by(l.get(3), "mallory"));
                return l;
            });
            List<String> lines = c.lines(c.file("logs/approvals.jsonl"));
            lines.replaceAll(line -> line.replace("\"by\":\"bob\"", "\"by\":\"mallory\""));
            c.rechain(c.file("logs/approvals.jsonl"), lines);
        }));
        edits.add(new Edit("approvals.jsonl grant appended (chained)", On.BOTH, false, c -> {
            List<String> lines = c.lines(c.file("logs/approvals.jsonl"));
            lines.add(lines.get(lines.size() - 1).replace("\"by\":\"bob\"", "\"by\":\"erin\""));
            c.rechain(c.file("logs/approvals.jsonl"), lines);
        }));
        edits.add(new Edit("approvals.jsonl lines reordered", On.BOTH, false, c -> {
            List<String> lines = c.lines(c.file("logs/approvals.jsonl"));
            Collections.swap(lines, 1, 2);
            c.lines(c.file("logs/approvals.jsonl"), lines);
        }));
        edits.add(new Edit("approvals.jsonl emptied", On.BOTH, false, c -> c.lines(c.file("logs/approvals.jsonl"), List.of())));
        edits.add(new Edit("approvals.jsonl deleted", On.BOTH, false, c -> Files.delete(c.file("logs/approvals.jsonl"))));
        edits.add(new Edit("approvals.jsonl note edited, rechained", On.BOTH, false, c -> {
            List<String> lines = c.lines(c.file("logs/approvals.jsonl"));
            lines.replaceAll(line -> line.replace("levels fine", "whatever"));
            c.rechain(c.file("logs/approvals.jsonl"), lines);
        }));
        // the plan
        edits.add(new Edit("plan worker edited", On.BOTH, true,
                c -> c.replace("plans/" + c.job().planId() + ".yaml", "worker: text.upper", "worker: text.lower")));
        edits.add(new Edit("plan says no approval, plan hash recomputed into plan and job.yaml", On.BOTH, true, c -> {
            String planFile = "plans/" + c.job().planId() + ".yaml";
            c.replace(planFile, "approval_required: true", "approval_required: false");
            var tree = (ObjectNode) c.plans().readTree(c.jobId(), c.job().planId());
            String hash = c.plans().recomputeHash(tree);
            c.replace(planFile, tree.path("hash").asText(), hash);
            c.job(j -> j.toBuilder().plan(j.planId(), hash).status(JobStatus.PLANNED).build());
        }));
        edits.add(new Edit("plan file deleted", On.BOTH, true, c -> Files.delete(c.file("plans/" + c.job().planId() + ".yaml"))));
        // the run's records
        edits.add(new Edit("run log last line deleted", On.COMPLETED, false, c -> {
            List<String> lines = c.lines(c.runLog());
            c.lines(c.runLog(), lines.subList(0, lines.size() - 1));
        }));
        edits.add(new Edit("run log middle line deleted", On.COMPLETED, false, c -> {
            List<String> lines = c.lines(c.runLog());
            lines.remove(1);
            c.lines(c.runLog(), lines);
        }));
        edits.add(new Edit("run log middle line deleted, rechained", On.COMPLETED, false, c -> {
            List<String> lines = c.lines(c.runLog());
            lines.remove(1);
            c.rechain(c.runLog(), lines);
        }));
        edits.add(new Edit("run log line edited", On.COMPLETED, false, c -> {
            List<String> lines = c.lines(c.runLog());
            lines.set(1, lines.get(1).replace("step.started", "step.skipped"));
            c.lines(c.runLog(), lines);
        }));
        edits.add(new Edit("run log last line edited, rechained", On.COMPLETED, false, c -> {
            List<String> lines = c.lines(c.runLog());
            lines.set(lines.size() - 1, lines.get(lines.size() - 1).replace("job.completed", "job.failed"));
            c.rechain(c.runLog(), lines);
        }));
        edits.add(new Edit("run log line appended (chained)", On.COMPLETED, false, c -> {
            List<String> lines = c.lines(c.runLog());
            lines.add(lines.get(lines.size() - 1));
            c.rechain(c.runLog(), lines);
        }));
        edits.add(new Edit("run log lines reordered", On.COMPLETED, false, c -> {
            List<String> lines = c.lines(c.runLog());
            Collections.swap(lines, 1, 2);
            c.lines(c.runLog(), lines);
        }));
        edits.add(new Edit("run log truncated to its first line", On.COMPLETED, false, c -> c.lines(c.runLog(), c.lines(c.runLog()).subList(0, 1))));
        edits.add(new Edit("run log emptied", On.COMPLETED, false, c -> c.lines(c.runLog(), List.of())));
        edits.add(new Edit("run log deleted", On.COMPLETED, false, c -> Files.delete(c.runLog())));
        edits.add(new Edit("run log and seal deleted", On.COMPLETED, false, c -> {
            Files.delete(c.seal());
            Files.delete(c.runLog());
        }));
        edits.add(new Edit("seal deleted", On.COMPLETED, false, c -> Files.delete(c.seal())));
        edits.add(new Edit("seal status edited", On.COMPLETED, false, c -> {
            Path seal = c.seal();
            Files.writeString(seal, Files.readString(seal).replace("\"COMPLETED\"", "\"FAILED\""));
        }));
        edits.add(new Edit("seal event count edited to match an appended line", On.COMPLETED, false, c -> {
            Path seal = c.seal();
            List<String> lines = c.lines(c.runLog());
            String count = "\"events\" : " + lines.size();
            assertThat(Files.readString(seal)).contains(count);
            lines.add(lines.get(lines.size() - 1));
            c.rechain(c.runLog(), lines);
            Files.writeString(seal, Files.readString(seal).replace(count, "\"events\" : " + lines.size()));
        }));
        edits.add(new Edit("seal re-signed with the attacker's own runner key", On.COMPLETED, false, c -> {
            Path seal = c.seal();
            KeyRing mallory = KeyRing.folder(c.workspace().resolveSibling(c.workspace().getFileName() + "-mallory"));
            mallory.generate(KeyRing.RUNNER);
            ObjectNode n = (ObjectNode) c.codecs().json().readTree(Files.readString(seal));
            n.put("signature", Base64.getEncoder().encodeToString(mallory.sign(KeyRing.RUNNER, new byte[] {1})));
            Files.write(seal, c.codecs().writePrettyJson(n));
        }));
        edits.add(new Edit("manifest deleted", On.COMPLETED, false, c -> Files.delete(c.file("manifest.json"))));
        edits.add(new Edit("manifest deleted, then an artifact changed", On.COMPLETED, false, c -> {
            Files.delete(c.file("manifest.json"));
            Files.writeString(c.file("artifacts/NOTES.txt"), "HELLO?\n");
        }));
        edits.add(new Edit("artifact changed and its manifest entry updated", On.COMPLETED, false, c -> {
            Files.writeString(c.file("artifacts/NOTES.txt"), "HELLO?\n");
            ObjectNode m = (ObjectNode) c.codecs().json().readTree(Files.readString(c.file("manifest.json")));
            ObjectNode entry = (ObjectNode) m.path("artifacts").get(0);
            entry.put("sha256", Codecs.sha256(c.file("artifacts/NOTES.txt")));
            entry.put("size", Files.size(c.file("artifacts/NOTES.txt")));
            Files.write(c.file("manifest.json"), c.codecs().writePrettyJson(m));
        }));
        edits.add(new Edit("artifact changed", On.COMPLETED, false, c -> Files.writeString(c.file("artifacts/NOTES.txt"), "HELLO?\n")));
        edits.add(new Edit("artifact deleted", On.COMPLETED, false, c -> Files.delete(c.file("artifacts/NOTES.txt"))));
        edits.add(new Edit("artifact added", On.COMPLETED, false, c -> Files.writeString(c.file("artifacts/extra.bin"), "x")));
        edits.add(new Edit("manifest hash edited", On.COMPLETED, false, c -> {
            ObjectNode m = (ObjectNode) c.codecs().json().readTree(Files.readString(c.file("manifest.json")));
            ((ObjectNode) m.path("artifacts").get(0)).put("sha256", "7".repeat(64));
            Files.write(c.file("manifest.json"), c.codecs().writePrettyJson(m));
        }));
        edits.add(new Edit("manifest written for a job that never ran", On.APPROVED, false, c -> Files.writeString(c.file("manifest.json"),
                "{\"job_id\":\"" + c.jobId() + "\",\"run_id\":\"r_x\",\"written_at\":\"2026-01-01T00:00:00Z\",\"artifacts\":[]}")));
        return edits;
    }

    @Test
    void theCorpusHasAtLeastSixtyDistinctEditsAndEachJobStateGetsAtLeastSixty() {
        List<Edit> edits = edits();
        assertThat(edits).extracting(Edit::name).doesNotHaveDuplicates();
        assertThat(edits).hasSizeGreaterThanOrEqualTo(60);
        assertThat(edits.stream().filter(e -> e.on() != On.COMPLETED)).hasSizeGreaterThanOrEqualTo(60);
        assertThat(edits.stream().filter(e -> e.on() != On.APPROVED)).hasSizeGreaterThanOrEqualTo(60);
    }

    @TestFactory
    Stream<DynamicTest> everyEditIsFoundAndNoApprovalEditRuns() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Edit edit : edits()) {
            for (On state : List.of(On.APPROVED, On.COMPLETED)) {
                if (edit.on() != On.BOTH && edit.on() != state) {
                    continue;
                }
                Path copy = tmp.resolve("case-" + (n++));
                tests.add(DynamicTest.dynamicTest(state + ": " + edit.name(), () -> check(edit, state, copy)));
            }
        }
        return tests.stream();
    }

    private void check(Edit edit, On state, Path copy) throws Exception {
        copyTree(template, copy);
        String jobId = state == On.APPROVED ? approvedId : completedId;
        FileWorkspace ws = FileWorkspace.open(copy, codecs, false, "");
        edit.tamper().apply(new Ctx(copy, jobId, new JobFiles(ws), new PlanFiles(ws), codecs));
        try (Concierge c = open(copy)) {
            List<Finding> findings;
            try {
                findings = c.validate(jobId).findings();
            } catch (ConciergeException e) {
                findings = List.of(new Finding("job", e.getMessage())); // bit job validate: exit 5 with the reason
            }
            assertThat(findings).as("findings of " + edit.name()).isNotEmpty();
            counts.merge(state + " found", 1, Integer::sum);
            if (state == On.APPROVED && edit.approvalRelevant()) {
                assertThatThrownBy(() -> c.run(jobId, RunOptions.defaults())).isInstanceOf(ConciergeException.class);
                assertThat(Files.exists(copy.resolve("jobs").resolve(jobId).resolve("artifacts").resolve("NOTES.txt"))).isFalse();
                counts.merge("APPROVED refused by run", 1, Integer::sum);
            }
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
