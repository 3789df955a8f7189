package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.cli.quickstart.SpeechLikeSignal;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temp home with the default workspace ({@code ~/workspace}) and an input folder that is the
 * working directory of every in-process {@code bit} run, plus shortcuts for the usual flow.
 */
public final class CliWorkspace {
    private final InProcessBit bit;
    private final Path inputs;
    private final ObjectMapper mapper = new ObjectMapper();

    /** Sets up the home under {@code home}. */
    public CliWorkspace(Path home) {
        try {
            inputs = Files.createDirectories(home.resolve("inputs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bit = new InProcessBit(home).workingDirectory(inputs);
    }

    /** The workspace folder. */
    public Path root() {
        return bit.home().resolve("workspace");
    }

    /** The working directory, where input files go. */
    public Path inputs() {
        return inputs;
    }

    /** The in-process {@code bit}. */
    public InProcessBit bit() {
        return bit;
    }

    /** Runs {@code bit args...} and asserts it succeeded. */
    public InProcessBit.Result ok(String... args) {
        InProcessBit.Result result = bit.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result).isZero();
        return result;
    }

    /** Runs {@code bit args... --json} successfully and parses what it printed. */
    public JsonNode json(String... args) {
        String[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
        withJson[args.length] = "--json";
        try {
            return mapper.readTree(ok(withJson).out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets the OS user approve the jobs they make (one person working alone), creating the workspace if needed. */
    public void allowSelfApproval() {
        ok("ws", "open", "--path", root().toString());
        ok("config", "set", "approval.allow_self_approval", "true");
    }

    /** Writes a short speech-like WAV into the input folder. */
    public Path wav(String name) {
        Path file = inputs.resolve(name);
        try {
            WavWriter.write(file, WavFormat.pcm(2, 48_000, 16), SpeechLikeSignal.generate(1, 48_000, 2, -29, name.hashCode()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Synthesizes {@code text} and makes a job of it; returns the job id. */
    public String draftJob(String text) {
        String intentId = json("intent", "synth", "--text", text).get("id").asText();
        return json("job", "from-intent", "--intent-id", intentId).get("id").asText();
    }

    /** A job planned and approved (by {@code reviewer}: the OS user made it, and may not approve it), ready to run. */
    public String approvedJob(String text) {
        String jobId = draftJob(text);
        ok("plan", "generate", "--job-id", jobId);
        ok("approve", "--job-id", jobId, "--by", "reviewer", "--note", "ok");
        return jobId;
    }
}
