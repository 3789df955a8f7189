package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.pkg.TaskPackage;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars: their packages are found with their origin; a broken jar is named and skipped. */
class PluginsTest {
    @TempDir
    Path tmp;

    private static void jarWithPackage(Path jar, String yaml) throws Exception {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new JarEntry("META-INF/concierge/packages.list"));
            zip.write("packages/text/upper/v1.0.0/package.yaml\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new JarEntry("META-INF/concierge/packages/text/upper/v1.0.0/package.yaml"));
            zip.write(yaml.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void packagesFromPluginJarsCarryTheirOriginAndBrokenJarsAreNamed() throws Exception {
        Path ws = tmp.resolve("ws");
        Concierge.builder(ws).discoverWorkers(false).open().close();
        jarWithPackage(ws.resolve("plugins/upper.jar"), TestPackages.UPPER);
        Files.writeString(ws.resolve("plugins/broken.jar"), "not a zip file");
        Path extra = Files.createDirectories(tmp.resolve("more-plugins"));
        jarWithPackage(extra.resolve("lower.jar"), TestPackages.UPPER.replace("text.upper", "text.lower")
                .replace("uppercase, upcase, shout", "lowercase"));
        try (Concierge c = Concierge.builder(ws).pluginDirectory(extra).worker(new UpperWorker()).open()) {
            assertThat(c.pluginProblems()).singleElement().satisfies(f -> {
                assertThat(f.subject()).endsWith("broken.jar");
                assertThat(f.message()).contains("cannot be loaded");
            });
            assertThat(c.packages()).filteredOn(p -> p.id().startsWith("text."))
                    .extracting(TaskPackage::origin)
                    .containsExactlyInAnyOrder("plugin:lower.jar!packages/text/upper/v1.0.0/package.yaml",
                            "plugin:upper.jar!packages/text/upper/v1.0.0/package.yaml");
        }
    }
}
