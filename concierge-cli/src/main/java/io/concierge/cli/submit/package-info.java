/** {@code bit submit}: from a sentence to a planned (and, if asked, approved and run) job in one command. */
package io.concierge.cli.submit;
