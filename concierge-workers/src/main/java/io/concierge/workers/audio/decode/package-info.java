/**
 * Audio inputs the pure-Java pipeline cannot read itself: {@link io.concierge.workers.audio.decode.SourceFormat}
 * says what a file is by its name, and {@link io.concierge.workers.audio.decode.FfmpegDecoder} turns MP3, FLAC,
 * M4A/AAC, Ogg Vorbis and Opus into a 32-bit float WAV in the step's scratch folder, which the loudness meter,
 * the normalizer and the encoders then read like any other WAV.
 */
package io.concierge.workers.audio.decode;
