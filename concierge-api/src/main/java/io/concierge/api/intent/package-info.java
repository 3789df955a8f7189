/** Intents: what a sentence asks for, content addressed. */
package io.concierge.api.intent;
