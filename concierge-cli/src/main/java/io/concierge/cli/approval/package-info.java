/** bit approve and bit deny. */
package io.concierge.cli.approval;
