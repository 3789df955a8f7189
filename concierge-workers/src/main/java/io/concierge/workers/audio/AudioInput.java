package io.concierge.workers.audio;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.WorkerContext;
import io.concierge.workers.audio.decode.FfmpegDecoder;
import io.concierge.workers.audio.decode.FfmpegDecoder.UndecodableAudioException;
import io.concierge.workers.audio.decode.SourceFormat;
import io.concierge.workers.audio.wav.WavInfo;
import io.concierge.workers.process.SearchPath;
import io.concierge.workers.process.StepProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The audio file input of an audio worker, made into a WAV the pure-Java pipeline reads: a WAV
 * file is used as it is; MP3, FLAC, M4A/AAC, Ogg Vorbis and Opus are decoded by ffmpeg into a
 * float WAV in the step's scratch folder (deleted with it). A file whose extension names none of
 * these is read as a WAV, which says clearly what it is not.
 *
 * @param file   the input file as given
 * @param format what the file is
 * @param wav    the WAV to read: {@code file} itself, or the decoded copy in scratch
 * @param info   the WAV's header
 */
record AudioInput(Path file, SourceFormat format, Path wav, WavInfo info) {

    private static final String INSTALL_HINT =
            "install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg, macOS: brew install ffmpeg) or give a WAV file";

    /** Whether the input was decoded from another format. */
    boolean decoded() {
        return !wav.equals(file);
    }

    /**
     * Checks input {@code name} without reading it all, as a worker's validate does: a WAV's
     * header must be supported; another format needs ffmpeg on the search path.
     *
     * @return what the input is
     * @throws WorkerFailure {@code input.invalid} for an unsupported WAV, {@code tool.missing}
     *                       when ffmpeg is needed but absent
     */
    static SourceFormat check(WorkerContext ctx, String name, SearchPath searchPath) {
        Path file = ctx.inputFile(name);
        SourceFormat format = SourceFormat.of(file).orElse(SourceFormat.WAV);
        if (format.needsFfmpeg()) {
            ffmpeg(searchPath, name, file, format);
        } else {
            AudioFiles.probeWav(ctx, name);
        }
        return format;
    }

    /**
     * Opens input {@code name}, decoding it into scratch first when it is not a WAV.
     *
     * @param listener hears the decoding; it may throw to stop it (a halt)
     * @throws WorkerFailure {@code input.invalid} when ffmpeg cannot decode the file or the WAV is
     *                       not supported, {@code tool.missing} when ffmpeg is needed but absent
     */
    static AudioInput open(WorkerContext ctx, String name, SearchPath searchPath, StepProcesses processes,
                           ProgressListener listener) throws IOException {
        Path file = ctx.inputFile(name);
        SourceFormat format = SourceFormat.of(file).orElse(SourceFormat.WAV);
        if (!format.needsFfmpeg()) {
            return new AudioInput(file, format, file, AudioFiles.probeWav(ctx, name));
        }
        Path tool = ffmpeg(searchPath, name, file, format);
        Path wav = Files.createDirectories(ctx.scratchDir()).resolve(AudioFiles.stem(file) + ".decoded.wav");
        try {
            new FfmpegDecoder(tool).decode(file, wav, processes, listener);
        } catch (UndecodableAudioException e) {
            Files.deleteIfExists(wav);
            throw WorkerFailure.nonRetryable("input.invalid", "input " + name + ": " + file.getFileName()
                    + " could not be decoded as " + format.label() + " (" + e.getMessage() + "); check that the file is "
                    + "complete and really " + format.label());
        }
        return new AudioInput(file, format, wav, AudioFiles.probeWavFile(name, file, wav));
    }

    private static Path ffmpeg(SearchPath searchPath, String name, Path file, SourceFormat format) {
        return searchPath.find("ffmpeg").orElseThrow(() -> WorkerFailure.nonRetryable("tool.missing",
                "input " + name + ": ffmpeg is needed to decode " + format.label() + " file " + file.getFileName()
                        + " but was not found on the PATH; " + INSTALL_HINT));
    }
}
