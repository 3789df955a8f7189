package io.concierge.testkit;

import io.concierge.api.Concierge;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link ConciergeTest @ConciergeTest}: resolves {@link TestConcierge}
 * and {@link Concierge} parameters of test, {@code @BeforeEach} and {@code @AfterEach} methods with
 * one fresh instance per test, closes it after the test, and on failure prints its
 * {@link TestConcierge#dump()} to stderr and publishes it as the report entry {@value #DUMP_ENTRY}.
 *
 * <pre>{@code
 * final FakeWorker upper = FakeWorker.builder("text.upper").outputs("text").build();
 *
 * @RegisterExtension
 * final ConciergeExtension extension = new ConciergeExtension(b -> b.worker(upper).withPackage(UPPER_YAML));
 *
 * @Test
 * void upperCases(TestConcierge concierge) { ... }
 * }</pre>
 *
 * <p>Register it as an instance field when its configuration holds fakes, so each test gets new ones.
 *
 * @since 0.1.0
 */
public final class ConciergeExtension implements ParameterResolver, AfterEachCallback {
    /** The key of the report entry holding the dump of a failed test's Concierge. */
    public static final String DUMP_ENTRY = "concierge.dump";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConciergeExtension.class);
    private static final String KEY = "testConcierge";

    private final Consumer<TestConcierge.Builder> configuration;

    /** An extension giving Concierges with the {@link TestConcierge.Builder} defaults (used by {@code @ConciergeTest}). */
    public ConciergeExtension() {
        this(builder -> { });
    }

    /**
     * An extension that applies {@code configuration} to the builder of every test's Concierge.
     *
     * @param configuration sets up each test's {@link TestConcierge.Builder}: workers, packages, files
     */
    public ConciergeExtension(Consumer<TestConcierge.Builder> configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return (type == TestConcierge.class || type == Concierge.class)
                && parameterContext.getDeclaringExecutable() instanceof Method;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext.Store store = extensionContext.getStore(NAMESPACE);
        TestConcierge existing = store.get(KEY, TestConcierge.class);
        if (existing != null) {
            return existing;
        }
        TestConcierge.Builder builder = TestConcierge.builder();
        try {
            configuration.accept(builder);
            TestConcierge opened = builder.open();
            store.put(KEY, opened);
            return opened;
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("could not open a TestConcierge: " + e.getMessage(), e);
        }
    }

    /** Dumps the test's Concierge when the test (or a {@code @BeforeEach}/{@code @AfterEach} method) failed, then closes it. */
    @Override
    public void afterEach(ExtensionContext context) {
        TestConcierge concierge = context.getStore(NAMESPACE).remove(KEY, TestConcierge.class);
        if (concierge == null) {
            return;
        }
        try {
            Optional<Throwable> failure = context.getExecutionException();
            if (failure.isPresent()) {
                String dump = concierge.dump();
                System.err.println("== Concierge workspace of failed test " + context.getDisplayName() + "\n" + dump);
                context.publishReportEntry(DUMP_ENTRY, dump);
            }
        } finally {
            concierge.close();
        }
    }
}
