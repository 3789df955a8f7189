/**
 * JSON views of the API's records, in snake_case, as the HTTP API sends them. Internal to the
 * server; no compatibility promise (the promise is the OpenAPI document).
 */
package io.concierge.server.json;
