/**
 * Test a Concierge host, a task package or a worker in memory: {@link io.concierge.testkit.TestConcierge}
 * (no test framework needed), {@link io.concierge.testkit.FakeWorker}, the JUnit 5
 * {@link io.concierge.testkit.ConciergeTest @ConciergeTest} extension and
 * {@link io.concierge.testkit.ConciergeAssertions}; {@link io.concierge.testkit.WorkerTestContext}, to call a
 * worker directly; and {@link io.concierge.testkit.WorkerContract}, which checks a worker plugin against the
 * rules every worker must keep.
 */
package io.concierge.testkit;
