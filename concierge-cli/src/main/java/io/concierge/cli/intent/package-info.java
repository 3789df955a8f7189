/** bit intent: synth, list, show. */
package io.concierge.cli.intent;
