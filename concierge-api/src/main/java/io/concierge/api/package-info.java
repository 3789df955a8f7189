/**
 * Concierge's public API: open a workspace with {@link io.concierge.api.Concierge#open(java.nio.file.Path)}
 * and drive the flow text → intent → job → plan → approval → run.
 *
 * <h2>Values and options: one convention</h2>
 *
 * <p>Every value of the API is an immutable {@code record} whose compact constructor checks it,
 * so a value is valid however it was made. How a value is made depends on how many of its parts
 * a caller may leave out:
 * <ul>
 *   <li><b>Few parts, all needed:</b> the canonical constructor, nothing else
 *       ({@code new Quantity(-14, "LUFS")}, {@code new Artifact(...)}).</li>
 *   <li><b>Many parts, or settings with defaults</b> (every {@code *Options}, and {@link
 *       io.concierge.api.job.Job}): a static {@code builder(...)} taking only what has no
 *       default, a {@code toBuilder()} holding the value's parts for a changed copy, and a
 *       nested {@code Builder} with one setter per part, named as the part, ending in
 *       {@code build()}. Options with no required part also have {@code defaults()}.
 *       <pre>{@code
 * RunOptions options = RunOptions.builder().resume(true).build();
 * RunOptions again = options.toBuilder().useCache(false).build();
 * ConciergeOptions staging = ConciergeOptions.builder(path).environment("staging").build();
 * Job edited = job.toBuilder().inputs(newInputs).build();
 *       }</pre></li>
 * </ul>
 *
 * <p>There are no {@code with*} copy methods, no {@code newBuilder()} and no public builder
 * constructors. {@link io.concierge.api.ConciergeOptions.Builder} may also
 * {@link io.concierge.api.ConciergeOptions.Builder#open() open} the workspace it describes, and
 * {@link io.concierge.api.Concierge#builder(java.nio.file.Path)} is a shortcut to it, since
 * opening is nearly always what options are built for. The server's {@code ServerOptions}
 * follows the same convention.
 *
 * <p>Failures are {@link io.concierge.api.failure.ConciergeException}s whose
 * {@link io.concierge.api.failure.ConciergeException.Kind kind} says what went wrong; what a kind
 * becomes (an exit code of {@code bit}, an HTTP status) is decided by each front end, not here.
 */
package io.concierge.api;
