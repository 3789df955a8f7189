package io.concierge.workers.video;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ffmpeg argument lists of a two-pass transcode. Two passes because a target bitrate is
 * what this worker promises: the first pass measures how hard each scene is, so the second can
 * spend the bit budget where it is needed and land on the target (single-pass VP9 overshoots
 * short clips by half, single-pass x264 by about a tenth).
 *
 * <p>Paths are passed absolute, so a file name starting with {@code -} is never read as an
 * option and one containing {@code :} never as a protocol.
 *
 * @param ffmpeg   the ffmpeg executable
 * @param input    the source video
 * @param settings format, bitrate and size
 * @param passLog  the prefix of the pass statistics files, inside the scratch folder
 */
record TranscodeCommand(Path ffmpeg, Path input, TranscodeSettings settings, Path passLog) {

    /**
     * Keeps the source's size but makes both sides even, which 4:2:0 chroma needs: a source with
     * an odd side loses its last row or column rather than being resampled.
     */
    static final String EVEN_SIZE = "crop=trunc(iw/2)*2:trunc(ih/2)*2";

    /** The analysis pass: video only, nothing written but the statistics. */
    List<String> firstPass() {
        List<String> args = common();
        args.addAll(List.of("-map", "0:V:0", "-an"));
        args.addAll(videoArgs(1));
        // The null muxer opens no file, so "-" never reaches standard output (used for progress).
        args.addAll(List.of("-f", "null", "-"));
        return args;
    }

    /** The encoding pass writing {@code output}. */
    List<String> secondPass(Path output) {
        List<String> args = common();
        // V (capital) skips cover art; the trailing ? keeps files without audio working.
        args.addAll(List.of("-map", "0:V:0", "-map", "0:a:0?"));
        args.addAll(videoArgs(2));
        args.addAll(settings.format().audioCodecArgs());
        args.addAll(settings.format().muxerArgs());
        args.add(output.toAbsolutePath().toString());
        return args;
    }

    private List<String> common() {
        List<String> args = new ArrayList<>();
        args.add(ffmpeg.toString());
        // -nostdin: ffmpeg must never wait for a keystroke; -y: the scratch target is ours.
        args.addAll(List.of("-hide_banner", "-nostdin", "-loglevel", "warning", "-nostats",
                "-progress", "pipe:1", "-y", "-i", input.toAbsolutePath().toString()));
        // Sparse audio next to heavy video can overflow ffmpeg's default muxing queue.
        args.addAll(List.of("-max_muxing_queue_size", "4096"));
        return args;
    }

    private List<String> videoArgs(int pass) {
        List<String> args = new ArrayList<>(settings.format().videoCodecArgs(pass));
        args.addAll(List.of("-vf", settings.resolution().map(Resolution::scaleFilter).orElse(EVEN_SIZE)));
        int kbps = settings.bitrateKbps();
        // A ceiling of 1.5x the average over a two-second buffer keeps peaks streamable
        // without starving hard scenes.
        args.addAll(List.of("-b:v", kbps + "k", "-maxrate", (kbps * 3 / 2) + "k", "-bufsize", (kbps * 2) + "k"));
        args.addAll(List.of("-pass", Integer.toString(pass), "-passlogfile", passLog.toAbsolutePath().toString()));
        return args;
    }
}
