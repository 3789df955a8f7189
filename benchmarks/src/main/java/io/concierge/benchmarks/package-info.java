/**
 * JMH benchmarks of the built-in workers, and small command-line tools to generate and measure
 * the benchmark's test file outside JMH (for comparisons with ffmpeg under hyperfine).
 */
package io.concierge.benchmarks;
