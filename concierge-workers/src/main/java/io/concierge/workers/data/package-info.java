/**
 * The {@code data.validate} worker: RFC 4180 CSV checks with column type inference, and JSON /
 * JSON Lines syntax and JSON Schema checks, written up as a JSON validation report.
 */
package io.concierge.workers.data;
