/**
 * A JSON API and a small web dashboard over one {@link io.concierge.api.Concierge}, served by the
 * JDK's own HTTP server. Start it with {@link io.concierge.server.ConciergeServer#start}; the
 * subpackages hold its parts by feature and carry no compatibility promise.
 */
package io.concierge.server;
