package io.concierge.cli.intent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.cli.CliWorkspace;
import io.concierge.cli.InProcessBit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bit intent explain}: what a sentence becomes and why, without writing anything. */
class IntentExplainCommandTest {
    @TempDir
    Path home;

    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
        ws.ok("ws", "open", "--path", ws.root().toString());
    }

    @Test
    void explainsATypoAUnitWordAndWhereEachInputCameFrom() {
        List<String> lines = ws.ok("intent", "explain", "--text", "nromalize ep1.wav to minus 16 LUFS").outLines();

        assertThat(lines).contains("files: ep1.wav", "values: -16 LUFS", "package: audio.normalize",
                "  audio_file = ep1.wav  <- \"ep1.wav\"", "  true_peak = -1  (default)", "unused: -");
        assertThat(lines).anyMatch(l -> l.startsWith("  1. audio.normalize@1.0.0") && l.contains("read as 'normalize'"));
        assertThat(lines.stream().filter(l -> l.matches("  \\d\\. .*"))).hasSize(3);
        assertThat(ws.ok("intent", "list").outLines()).isEmpty();
    }

    @Test
    void jsonNamesTheTopThreeTheFillsAndTheUnusedWords() {
        JsonNode e = ws.json("intent", "explain", "--text", "transcode trailer.mov to webm at 720p for the lobby screen");

        assertThat(e.get("package").asText()).isEqualTo("video.transcode");
        assertThat(e.get("candidates")).hasSize(3);
        assertThat(e.get("candidates").get(0).get("score").asDouble()).isGreaterThan(e.get("candidates").get(1).get("score").asDouble());
        assertThat(e.get("resolutions").get(0).asText()).isEqualTo("720p");
        assertThat(e.get("inputs").findValuesAsText("name")).contains("video_file", "format", "resolution");
        assertThat(e.get("inputs").get(3).get("value").asText()).isEqualTo("720p");
        assertThat(e.get("unused").toString()).contains("lobby", "screen");
        assertThat(e.get("refusal").isNull()).isTrue();
    }

    @Test
    void anAmbiguousSentenceIsExplainedWithItsRephrasingsAndFailsAsAJob() {
        List<String> lines = ws.ok("intent", "explain", "--text", "compress interview.wav").outLines();

        assertThat(lines).anyMatch(l -> l.startsWith("refused: \"compress interview.wav\""));
        assertThat(lines).contains("  try: bit intent synth --text \"encode interview.wav to mp3\"",
                "  try: bit intent synth --text \"compress interview.wav to zip\"");

        String intentId = ws.json("intent", "synth", "--text", "compress interview.wav").get("id").asText();
        InProcessBit.Result job = ws.bit().run("job", "from-intent", "--intent-id", intentId);
        assertThat(job.exitCode()).isEqualTo(6);
        assertThat(job.errLines()).hasSize(1);
        assertThat(ws.ok("job", "list").outLines()).isEmpty();
    }

    @Test
    void twoRequestsThatDoNotChainAreRefusedWithAJobForEachPart() {
        String intentId = ws.json("intent", "synth", "--text", "back up crm.db, then validate export.csv").get("id").asText();

        InProcessBit.Result job = ws.bit().run("job", "from-intent", "--intent-id", intentId);

        assertThat(job.exitCode()).isEqualTo(6);
        assertThat(job.errLines()).singleElement().asString().contains("db.backup", "data.validate",
                "part 2 names a file of its own (export.csv)", "bit submit \"back up crm.db\" and bit submit \"validate export.csv\"");
        assertThat(ws.ok("job", "list").outLines()).isEmpty();
    }

    @Test
    void aChainIsExplainedPartByPart() {
        List<String> lines = ws.ok("intent", "explain", "--text", "normalize show.wav and then make an mp3 of it").outLines();

        assertThat(lines).contains("package: audio.normalize+audio.encode", "  normalize_audio_file = show.wav  <- \"show.wav\"",
                "  encode_format = mp3  <- \"mp3\"");
        assertThat(lines).anyMatch(l -> l.startsWith("  1. audio.normalize+audio.encode@1.0.0+1.0.0")
                && l.contains("part 2 'make an mp3 of it' -> audio.encode"));
    }

    @Test
    void somethingThatIsNotOursNamesTheClosestPackagesAndExitsNotFound() {
        String intentId = ws.json("intent", "synth", "--text", "resize photo.jpg to 800x600").get("id").asText();

        InProcessBit.Result job = ws.bit().run("job", "from-intent", "--intent-id", intentId);

        assertThat(job.exitCode()).isEqualTo(3);
        assertThat(job.err()).contains("no task package matches");
        assertThat(ws.ok("intent", "explain", "--intent-id", intentId.substring(0, 10)).outLines())
                .anyMatch(l -> l.startsWith("refused: no task package matches"));
    }
}
