/** The bit command line: the root command, its environment, exit codes and failure reporting. */
package io.concierge.cli;
