/** {@code bit key}: the approver and runner keys kept outside the workspace, and the public keys trusted. */
package io.concierge.cli.key;
