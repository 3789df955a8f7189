package io.concierge.workers.audio.decode;

import io.concierge.workers.audio.ProgressListener;
import io.concierge.workers.process.ProcessOutcome;
import io.concierge.workers.process.StepProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Decodes the first audio stream of a file into a 32-bit float WAV by running {@code ffmpeg}.
 *
 * <p>Why float: lossy decoders produce float samples, and their output often overshoots full
 * scale between loud transients; an integer WAV would clip exactly the peaks a loudness
 * normalizer must see. Float keeps every sample as decoded, losslessly for FLAC too. Channels,
 * sample rate and channel layout are kept (ffmpeg writes {@code WAVE_FORMAT_EXTENSIBLE} with the
 * channel mask for more than two channels).
 *
 * <p>The command is an argument list with {@code file:}-prefixed absolute paths, as in the
 * encoder, so no file name can be read as an option or a protocol. {@code -bitexact} leaves out
 * ffmpeg's version tag, so the same input always decodes to the same bytes.
 */
public final class FfmpegDecoder {

    private static final int REASON_LINES = 3;

    private final Path ffmpeg;

    /** @param ffmpeg the ffmpeg executable */
    public FfmpegDecoder(Path ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** The full command line for decoding {@code input} into {@code wav}. */
    List<String> command(Path input, Path wav) {
        return List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                "-progress", "pipe:1", "-y", "-i", "file:" + input.toAbsolutePath(),
                "-map", "0:a:0", "-vn", "-sn", "-dn", "-map_metadata", "-1", "-bitexact",
                "-c:a", "pcm_f32le", "-f", "wav", "file:" + wav.toAbsolutePath());
    }

    /**
     * Decodes {@code input} into {@code wav} (created or replaced) under the step's processes, so
     * a halt kills ffmpeg.
     *
     * @param listener told {@code 0} with a message on each of ffmpeg's progress reports (the
     *                 length is unknown until decoded); it may throw to stop the decoding
     * @throws UndecodableAudioException when ffmpeg cannot decode it, with ffmpeg's reason
     */
    public void decode(Path input, Path wav, StepProcesses processes, ProgressListener listener)
            throws UndecodableAudioException {
        String what = "decoding " + SourceFormat.of(input).map(SourceFormat::label).orElse("audio");
        ProcessOutcome outcome = processes.run(command(input, wav), line -> {
            if (line.startsWith("progress=")) {
                listener.progress(0.0, what);
            }
        });
        if (!outcome.succeeded()) {
            List<String> reason = outcome.lastMeaningfulLines(REASON_LINES);
            throw new UndecodableAudioException(reason.isEmpty() ? "ffmpeg exited with code " + outcome.exitCode()
                    : "ffmpeg: " + String.join(" | ", reason));
        }
        if (!Files.isRegularFile(wav)) {
            throw new UndecodableAudioException("ffmpeg reported success but wrote no audio");
        }
    }

    /** ffmpeg could not decode a file; the message is its reason, for the worker to put in context. */
    public static final class UndecodableAudioException extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param reason why, in ffmpeg's words */
        public UndecodableAudioException(String reason) {
            super(reason);
        }
    }
}
