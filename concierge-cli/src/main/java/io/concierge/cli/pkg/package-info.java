/** bit package: list, show, search, validate. */
package io.concierge.cli.pkg;
