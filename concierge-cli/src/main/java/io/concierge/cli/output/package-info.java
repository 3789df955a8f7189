/** How bit prints: text lines scripts can parse, and the --json views of the API records. */
package io.concierge.cli.output;
