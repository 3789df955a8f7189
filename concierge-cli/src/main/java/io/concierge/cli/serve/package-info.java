/** {@code bit serve}: the Concierge HTTP API and web console over the workspace. */
package io.concierge.cli.serve;
