/** The event log: what happened during runs and approvals, one JSON object per line. */
package io.concierge.api.event;
