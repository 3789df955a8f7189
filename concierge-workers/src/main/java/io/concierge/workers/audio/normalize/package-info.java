/**
 * Loudness normalization: measure a WAV file, apply the gain that brings it to a target
 * integrated loudness, and keep its true peak under a ceiling with a look-ahead limiter when the
 * gain alone would exceed it. Used by {@link io.concierge.workers.audio.LoudnessNormalizeWorker}.
 */
package io.concierge.workers.audio.normalize;
