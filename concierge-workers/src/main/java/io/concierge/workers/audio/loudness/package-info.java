/**
 * Loudness measurement per ITU-R BS.1770-4 and EBU R128: K-weighting designed for any sample
 * rate, gated integrated loudness, loudness range (EBU Tech 3342) and 4x oversampled true peak.
 * Everything streams: feed interleaved blocks to a {@link io.concierge.workers.audio.loudness.LoudnessAnalyzer}
 * and ask for the result at the end.
 */
package io.concierge.workers.audio.loudness;
