/**
 * The shareable report of a job's run: one self-contained HTML page (styles inline, charts as
 * inline SVG, no script, nothing loaded from a network) that {@code bit report} writes and the
 * server serves at {@code /api/jobs/{id}/report}. Internal: no compatibility promise.
 */
package io.concierge.server.report;
