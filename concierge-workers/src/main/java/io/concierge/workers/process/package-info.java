/**
 * Running external tools safely from workers: finding them on {@code PATH}, running them from an
 * argument list without a shell, keeping the end of their error output, and killing the whole
 * process tree when a step is halted or its thread interrupted.
 */
package io.concierge.workers.process;
