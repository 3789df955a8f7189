/**
 * Charts drawn as plain SVG text by the server, from the series that workers keep in their
 * reports: the dashboard shows them as they are and the shareable report inlines them, so nothing
 * is fetched from a network and no chart script runs in the browser. Internal: no compatibility
 * promise.
 */
package io.concierge.server.charts;
