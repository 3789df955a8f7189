/** Commands that look back over the workspace: the step cache, the audit trail, metrics and statistics. */
package io.concierge.cli.report;
