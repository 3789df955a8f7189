/** Server-Sent Events: a job's event log as it is written. Internal to the server. */
package io.concierge.server.sse;
