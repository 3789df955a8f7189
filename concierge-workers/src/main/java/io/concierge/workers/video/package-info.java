/**
 * The {@code video.transcode} worker: two-pass H.264/AAC MP4 or VP9/Opus WebM encodes at a
 * target bitrate with the {@code ffmpeg} and {@code ffprobe} found on {@code PATH}.
 */
package io.concierge.workers.video;
