package io.concierge.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test method a fresh {@link TestConcierge} (or {@link io.concierge.api.Concierge})
 * parameter on its own in-memory file system, closes it after the test, and prints its
 * {@link TestConcierge#dump()} to stderr when the test fails.
 *
 * <pre>{@code
 * @ConciergeTest
 * class IntentTest {
 *     @Test
 *     void sameTextGivesSameIntent(TestConcierge concierge) {
 *         Intent first = concierge.synthesize("Normalize episode.wav");
 *         assertThat(concierge.synthesize("Normalize episode.wav").id()).isEqualTo(first.id());
 *     }
 * }
 * }</pre>
 *
 * <p>The Concierge it gives has no workers and no packages. To install fakes and packages, register
 * a configured {@link ConciergeExtension} instead (not both on one class):
 *
 * <pre>{@code
 * class NormalizeTest {
 *     final FakeWorker normalize = FakeWorker.builder("audio.normalize").outputs("audio").build();
 *     @RegisterExtension
 *     final ConciergeExtension concierge = new ConciergeExtension(b -> b.worker(normalize).withPackage(YAML));
 *
 *     @Test
 *     void runs(TestConcierge concierge) { ... }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(ConciergeExtension.class)
public @interface ConciergeTest {
}
