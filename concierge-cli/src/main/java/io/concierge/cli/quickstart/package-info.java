/** bit quickstart and the speech-like signal of its sample episode. */
package io.concierge.cli.quickstart;
