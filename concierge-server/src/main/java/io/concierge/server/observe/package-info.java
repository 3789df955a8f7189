/** Health probes, Prometheus metrics and the access log. Internal to the server. */
package io.concierge.server.observe;
