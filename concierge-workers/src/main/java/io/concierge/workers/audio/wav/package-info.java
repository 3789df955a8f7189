/**
 * Streaming RIFF/WAVE reading and writing for the audio workers: 16/24/32-bit integer PCM and
 * 32-bit IEEE float, plain or {@code WAVE_FORMAT_EXTENSIBLE}, any channel count and sample rate.
 * Samples travel as interleaved {@code double} blocks scaled to [-1, 1).
 */
package io.concierge.workers.audio.wav;
