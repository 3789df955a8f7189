/**
 * Built-in audio workers: {@link io.concierge.workers.audio.LoudnessNormalizeWorker}
 * ({@code audio.normalize}, EBU R128 loudness normalization with a true-peak limiter, pure Java)
 * and {@link io.concierge.workers.audio.AudioEncodeWorker} ({@code audio.encode}, WAV to MP3 in
 * pure Java, FLAC and Ogg Vorbis through ffmpeg), plus {@link io.concierge.workers.audio.LoudnessMeter}
 * for measuring a WAV file.
 */
package io.concierge.workers.audio;
