/**
 * The HTTP plumbing: request paths, routing, request and response handling, and the mapping of
 * failures to JSON error answers. Internal to the server; no compatibility promise.
 */
package io.concierge.server.http;
