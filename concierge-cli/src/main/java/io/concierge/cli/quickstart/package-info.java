/** bit quickstart and the small WAV writer behind its sample episode. */
package io.concierge.cli.quickstart;
