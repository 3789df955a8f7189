/** Which workspace bit uses, and bit init and bit ws. */
package io.concierge.cli.workspace;
