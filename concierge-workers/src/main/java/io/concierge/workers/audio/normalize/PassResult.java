package io.concierge.workers.audio.normalize;

import io.concierge.workers.audio.loudness.LoudnessMeasurement;

/**
 * What one gain pass over the file produced.
 *
 * @param output             loudness of the processed audio (true peak only on the writing pass)
 * @param maxGainReductionDb largest limiter gain reduction, dB (0 without limiter)
 * @param limitedFrames      frames the limiter turned down
 * @param clippedSamples     samples saturated at full scale when quantizing (0 when not writing)
 * @param dithered           whether TPDF dither was added before quantizing
 * @param limiterGain        smallest limiter gain (linear) of each 100 ms loudness step of the
 *                           output; empty without limiter or when not writing
 */
record PassResult(LoudnessMeasurement output, double maxGainReductionDb, long limitedFrames, long clippedSamples,
                  boolean dithered, double[] limiterGain) {
}
