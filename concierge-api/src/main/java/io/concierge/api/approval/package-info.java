/** Approvals and denials of plans: the audit trail of who allowed what to run. */
package io.concierge.api.approval;
