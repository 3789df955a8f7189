package io.concierge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.concierge.api.Concierge;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** What {@link ConciergeTest @ConciergeTest} and {@link ConciergeExtension} give a test. */
class ConciergeExtensionTest {

    @Nested
    @ConciergeTest
    class Annotated {
        private TestConcierge fromBeforeEach;

        @BeforeEach
        void remember(TestConcierge concierge) {
            fromBeforeEach = concierge;
        }

        // Each of the next two tests leaves an intent behind; the other finds none only if it is fresh.
        @Test
        void firstTestGetsAnEmptyWorkspace(TestConcierge concierge) {
            assertThat(concierge.intents()).isEmpty();
            concierge.synthesize("Normalize episode.wav");
            assertThat(concierge.isClosed()).isFalse();
        }

        @Test
        void secondTestGetsAnEmptyWorkspaceToo(TestConcierge concierge) {
            assertThat(concierge.intents()).isEmpty();
            concierge.synthesize("Normalize episode.wav");
        }

        @Test
        void oneInstancePerTestWhateverTheParameterType(TestConcierge testConcierge, Concierge concierge) {
            assertThat(concierge).isSameAs(testConcierge).isSameAs(fromBeforeEach);
            assertThat(testConcierge.workers()).isEmpty();
        }
    }

    @Nested
    class Configured {
        final FakeWorker normalize = FakeWorker.builder("audio.normalize").outputs("audio")
                .writes("audio", "normalized.wav", "RIFF").build();

        @RegisterExtension
        final ConciergeExtension extension = new ConciergeExtension(builder -> builder.worker(normalize)
                .withPackage(Packages.NORMALIZE).withFile("episode.wav", "RIFF"));

        @Test
        void installsTheConfiguredWorkersPackagesAndFiles(TestConcierge concierge) {
            var job = concierge.approvedJob("Normalize episode.wav");
            assertThat(concierge.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(normalize.takeInvocation().jobId()).isEqualTo(job.id());
        }

        @Test
        void eachTestHasItsOwnFakes(TestConcierge concierge) {
            assertThat(normalize.invocations()).isEmpty();
            assertThat(concierge.workers()).containsExactly(normalize);
        }
    }

    @Test
    void failedTestPublishesTheDumpOfItsWorkspace() {
        List<ReportEntry> entries = new ArrayList<>();
        List<TestExecutionResult> results = new ArrayList<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                entries.add(entry);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    results.add(result);
                }
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FailingExample.class)).build(), listener);

        assertThat(results).extracting(TestExecutionResult::getStatus)
                .containsExactlyInAnyOrder(TestExecutionResult.Status.FAILED, TestExecutionResult.Status.SUCCESSFUL);
        assertThat(entries).singleElement().satisfies(entry -> {
            Map<String, String> values = entry.getKeyValuePairs();
            assertThat(values).containsKey(ConciergeExtension.DUMP_ENTRY);
            assertThat(values.get(ConciergeExtension.DUMP_ENTRY)).contains("== tree /workspace", "intents/");
        });
    }

    /**
     * Run only through the launcher by {@link #failedTestPublishesTheDumpOfItsWorkspace}: one test
     * fails on purpose, one passes (and must publish nothing).
     */
    @ConciergeTest
    static class FailingExample {
        @Test
        void fails(TestConcierge concierge) {
            concierge.synthesize("Normalize episode.wav");
            assertThat(concierge.intents()).isEmpty();
        }

        @Test
        void passes(TestConcierge concierge) {
            assertThat(concierge.intents()).isEmpty();
        }
    }
}
