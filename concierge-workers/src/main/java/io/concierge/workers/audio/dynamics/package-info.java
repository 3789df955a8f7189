/** Dynamics processing for the audio workers: the look-ahead true-peak limiter. */
package io.concierge.workers.audio.dynamics;
