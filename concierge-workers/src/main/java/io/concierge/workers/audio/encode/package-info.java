/**
 * Audio encoding for {@link io.concierge.workers.audio.AudioEncodeWorker}: MP3 in pure Java
 * through jump3r (a Java port of LAME), FLAC and Ogg Vorbis through an {@code ffmpeg} process
 * found on the {@code PATH}.
 */
package io.concierge.workers.audio.encode;
