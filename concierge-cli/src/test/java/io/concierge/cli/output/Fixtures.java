package io.concierge.cli.output;

import io.concierge.api.approval.Approval;
import io.concierge.api.approval.ApprovalAction;
import io.concierge.api.intent.Intent;
import io.concierge.api.intent.Quantity;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Run;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** API records with fixed values, for formatting tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-25T13:00:00.123Z");
    static final Instant T1 = Instant.parse("2026-11-25T13:00:01.963Z");

    private Fixtures() {
    }

    static Intent intent(String text) {
        return new Intent("3f2a9c1d0b7e" + "a".repeat(52), text, "normalize episode.wav to -14 LUFS", "normalize",
                List.of("podcast", "episode"), List.of("episode.wav"), List.of(new Quantity(-14, "LUFS")),
                List.of(), List.of("integrated loudness -14 LUFS"), List.of(), T0);
    }

    static Job job(JobStatus status, String text, Map<String, String> inputs, List<Approval> log) {
        return new Job("j_01JDQ7ZK4M8Y3V2N6P0R5S9T1W", "3f2a9c1d0b7e" + "a".repeat(52), text, "audio.normalize",
                "1.0.0", 0.92, status, inputs, T0, T1, "spec", "p_01JDQ80000000000000000000", "ab".repeat(32),
                "r_01JDQ81111111111111111111", log, 4);
    }

    static Job job(JobStatus status) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("audio_file", "/home/alice/episode.wav");
        inputs.put("target_loudness", "-14");
        return job(status, "Normalize podcast episode.wav to -14 LUFS", inputs,
                List.of(new Approval(ApprovalAction.APPROVED, "alice", T1, "p_01JDQ80000000000000000000",
                        "ab".repeat(32), "levels checked")));
    }

    static Plan plan() {
        return new Plan("p_01JDQ80000000000000000000", "j_01JDQ7ZK4M8Y3V2N6P0R5S9T1W", "audio.normalize", "1.0.0",
                "cd".repeat(32), "ef".repeat(32), 0.92, T0, Map.of("audio_file", "/home/alice/episode.wav"),
                List.of(new Step("normalize", "audio.normalize", "1.0.0",
                        Map.of("audio_file", "/home/alice/episode.wav"), Map.of("target_loudness", "-14"))),
                Map.of("audio", "${steps.normalize.audio}"), true, 0, 3600, "ab".repeat(32));
    }

    static Run run(JobStatus status, String error) {
        return new Run("r_01JDQ81111111111111111111", "j_01JDQ7ZK4M8Y3V2N6P0R5S9T1W", "p_01JDQ80000000000000000000",
                status, T0, T1, error);
    }
}
