package io.concierge.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Artifact;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding example, taken out of the README as it is shown, compiled against the
 * API jar alone (as a host compiles) and run with this project's runtime class path (the core and
 * the built-in workers, as the README says to depend on them).
 */
class ReadmeExampleTest {
    private static final Path README = Path.of("../../README.md");

    @TempDir
    Path dir;

    @Test
    void theReadmesEmbeddingExampleCompilesAndNormalizesAnEpisode() throws Exception {
        String source = embeddingExample(Files.readString(README));
        String className = publicClassName(source);
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path file = Files.writeString(sources.resolve(className + ".java"), source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        String apiJar = Path.of(Concierge.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int exit = javac.run(null, diagnostics, diagnostics,
                "-d", classes.toString(), "-classpath", apiJar, "--release", "17", file.toString());
        assertThat(exit).as("javac said:%n%s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Path media = Files.createDirectories(dir.resolve("media"));
        writeQuietTone(media.resolve("episode.wav"));
        Path workspace = dir.resolve("workspace");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {workspace.toString(), media.toString()});
        } finally {
            System.setOut(out);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("COMPLETED");
        try (Concierge concierge = Concierge.builder(workspace).createIfMissing(false).open()) {
            Job job = concierge.jobs().get(0);
            assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(job.packageId()).isEqualTo("audio.normalize");
            List<Artifact> artifacts = concierge.artifacts(job.id());
            assertThat(artifacts).extracting(Artifact::name).anyMatch(name -> name.endsWith(".wav"));
        }
    }

    /** The first {@code java} block after the README's "## Embedding" heading. */
    private static String embeddingExample(String readme) {
        int section = readme.indexOf("\n## Embedding\n");
        assertThat(section).as("README has an '## Embedding' section").isNotNegative();
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find(section)).as("a java block in the Embedding section").isTrue();
        return block.group(1);
    }

    private static String publicClassName(String source) {
        Matcher name = Pattern.compile("public (?:final )?class (\\w+)").matcher(source);
        assertThat(name.find()).as("the example declares a public class").isTrue();
        return name.group(1);
    }

    /** Ten seconds of a 440 Hz tone at about -30 LUFS, 48 kHz 16-bit stereo. */
    private static void writeQuietTone(Path wav) throws Exception {
        float rate = 48_000f;
        int frames = (int) (rate * 10);
        ByteBuffer pcm = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short sample = (short) Math.round(0.03 * Short.MAX_VALUE * Math.sin(2 * Math.PI * 440 * i / rate));
            pcm.putShort(sample).putShort(sample);
        }
        AudioFormat format = new AudioFormat(rate, 16, 2, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav.toFile());
        }
    }
}
