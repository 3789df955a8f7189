/**
 * The JSON API's endpoints, one class per feature, each a thin adapter from HTTP to one
 * {@link io.concierge.api.Concierge} method. Internal to the server; the promise is
 * {@code /openapi.json}.
 */
package io.concierge.server.routes;
