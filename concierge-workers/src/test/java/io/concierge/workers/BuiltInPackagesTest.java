package io.concierge.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.workspace.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every package this module ships parses, validates against the installed workers, and is listed. */
class BuiltInPackagesTest {
    @TempDir
    Path tmp;

    @Test
    void everyListedPackageIsValidAndEveryWorkerHasAPackage() throws IOException {
        List<String> listed;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/concierge/packages.list")) {
            listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
        assertThat(listed).isNotEmpty().doesNotHaveDuplicates();
        try (Concierge concierge = Concierge.open(tmp.resolve("ws"))) {
            for (String resource : listed) {
                Path copy = tmp.resolve(resource.replace('/', '_'));
                try (InputStream in = getClass().getResourceAsStream("/META-INF/concierge/" + resource)) {
                    assertThat(in).as(resource).isNotNull();
                    Files.write(copy, in.readAllBytes());
                }
                ValidationReport report = concierge.validatePackage(copy);
                assertThat(report.findings()).as(resource).isEmpty();
            }
            List<String> packageWorkers = concierge.packages().stream()
                    .flatMap(p -> p.steps().stream()).map(s -> s.worker()).distinct().toList();
            assertThat(concierge.workers()).extracting(w -> w.descriptor().id())
                    .allSatisfy(id -> assertThat(packageWorkers).as("a package uses worker " + id).contains(id));
            assertThat(concierge.packages()).extracting(TaskPackage::origin).allMatch(o -> o.startsWith("builtin:"));
        }
    }
}
