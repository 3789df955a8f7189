/**
 * The one JSON shape of Concierge's API records, shared by the HTTP API and {@code bit --json}
 * ({@link io.concierge.server.json.JsonViews}), and the server's JSON codec.
 *
 * <p>Why here: the mapping needs Jackson and only the API records, and both of its users
 * already meet in this module, since {@code concierge-cli} depends on {@code concierge-server}
 * (for {@code bit serve}) while both see {@code concierge-core} only at run time. A module of
 * its own would add a jar and a build step for four classes; the API module must stay free of
 * Jackson. This package is public for the command line's sake: its promise is the shape of the
 * JSON (pinned by golden files and described in {@code /openapi.json} and docs/json.md), not
 * the Java signatures.
 */
package io.concierge.server.json;
