/** The average spectrum of an audio file, for an encode's preview of what the codec kept. */
package io.concierge.workers.audio.spectrum;
