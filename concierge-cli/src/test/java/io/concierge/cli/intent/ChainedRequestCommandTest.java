package io.concierge.cli.intent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.cli.CliWorkspace;
import io.concierge.cli.InProcessBit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "normalize X and then make an mp3 of it" through {@code bit}: one job, one plan, one approval, one run. */
class ChainedRequestCommandTest {
    @TempDir
    Path home;

    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
        ws.ok("ws", "open", "--path", ws.root().toString());
    }

    @Test
    void oneJobShowsBothStepsIsApprovedOnceAndRunsToAnMp3() throws Exception {
        ws.wav("show.wav");
        String jobId = ws.ok("submit", "normalize show.wav and then make an mp3 of it").out().strip();

        assertThat(ws.ok("job", "list").outLines()).singleElement().asString()
                .contains(jobId, "PLANNED", "audio.normalize+audio.encode@1.0.0+1.0.0");
        List<String> plan = ws.ok("plan", "show", "--job-id", jobId).outLines();
        assertThat(plan).contains("package: audio.normalize+audio.encode@1.0.0+1.0.0 (confidence 0.75)",
                "  1. normalize (audio.normalize@1.0.0)", "  2. encode (audio.encode@1.0.0)",
                "       audio_file: ${steps.normalize.audio}", "  encode_format: mp3");

        ws.ok("approve", "--job-id", jobId, "--by", "reviewer", "--note", "both steps");
        InProcessBit.Result run = ws.ok("run", "--job-id", jobId);

        assertThat(run.errLines()).anyMatch(l -> l.matches("  step normalize completed in [0-9.]+ s"))
                .anyMatch(l -> l.matches("  step encode completed in [0-9.]+ s"));
        Path mp3 = ws.root().resolve("jobs").resolve(jobId).resolve("artifacts/show-normalized.mp3");
        byte[] head = Files.readAllBytes(mp3);
        assertThat(head.length).isGreaterThan(1000);
        // An MP3 frame sync (or an ID3 tag) opens the file.
        assertThat(head[0] == 'I' && head[1] == 'D' && head[2] == '3' || (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0).isTrue();
        JsonNode job = ws.json("job", "show", "--job-id", jobId);
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("approval_log")).hasSize(1);
        assertThat(ws.ok("job", "validate", "--job-id", jobId).exitCode()).isZero();
    }

    @Test
    void aChainedJobsInputsAreSetByTheirPrefixedNames() {
        ws.wav("show.wav");
        String jobId = ws.draftJob("normalize show.wav and then encode it to flac");

        ws.ok("job", "set", "--job-id", jobId, "normalize_target_loudness=-16", "encode_format=mp3");
        InProcessBit.Result wrong = ws.bit().run("job", "set", "--job-id", jobId, "encode_audio_file=other.wav");

        JsonNode inputs = ws.json("job", "show", "--job-id", jobId).get("inputs");
        assertThat(inputs.get("normalize_target_loudness").asText()).isEqualTo("-16");
        assertThat(inputs.get("encode_format").asText()).isEqualTo("mp3");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.errLines()).singleElement().asString().contains("has no input 'encode_audio_file'");
        assertThat(ws.ok("package", "show", "--id", "audio.normalize+audio.encode").out()).contains("encode_format");
    }
}
