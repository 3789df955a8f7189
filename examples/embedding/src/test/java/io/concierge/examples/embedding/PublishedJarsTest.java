package io.concierge.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** What a host sees of the published Concierge jars on its class path. */
class PublishedJarsTest {
    private static List<Path> conciergeJars() {
        List<Path> jars = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of)
                .filter(p -> p.getFileName().toString().matches("concierge-(api|core|workers|server|testkit)-.*\\.jar"))
                .toList();
        assertThat(jars).as("Concierge jars on the test class path").hasSizeGreaterThanOrEqualTo(4);
        return jars;
    }

    @Test
    void everyJarNamesItsModule() {
        for (Path jar : conciergeJars()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                String name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
                String artifact = jar.getFileName().toString().replaceFirst("-\\d.*$", "");
                assertThat(name).as(jar.toString()).isEqualTo("io.concierge." + artifact.substring("concierge-".length()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void everyJarHasItsSourcesBesideIt() {
        for (Path jar : conciergeJars()) {
            Path sources = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "-sources.jar"));
            assertThat(Files.isRegularFile(sources)).as("%s exists", sources).isTrue();
        }
    }

    @Test
    void noConciergeModuleBringsALoggingBackend() throws IOException {
        // With concierge-server on the class path too: the host's logging, not ours, gets the lines.
        assertThat(Collections.list(getClass().getClassLoader().getResources("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")))
                .as("SLF4J providers on a host's class path").isEmpty();
        assertThat(Collections.list(getClass().getClassLoader().getResources("META-INF/services/java.lang.System$LoggerFinder")))
                .as("System.LoggerFinder services on a host's class path").isEmpty();
    }
}
