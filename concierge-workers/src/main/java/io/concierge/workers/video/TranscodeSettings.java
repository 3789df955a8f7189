package io.concierge.workers.video;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.WorkerParams;
import java.util.Locale;
import java.util.Optional;

/**
 * The checked params of one transcode.
 *
 * @param format      the output container and codecs
 * @param bitrateKbps the target video bitrate in kbit/s
 * @param resolution  the target frame size; empty keeps the source's
 */
record TranscodeSettings(VideoFormat format, int bitrateKbps, Optional<Resolution> resolution) {

    /** The format used when the param is not set. */
    static final VideoFormat DEFAULT_FORMAT = VideoFormat.MP4;
    /** The bitrate used when the param is not set: a good 1080p stream. */
    static final int DEFAULT_BITRATE_KBPS = 5000;
    /** Below this no codec makes a watchable picture; above, no delivery format goes. */
    static final int MIN_BITRATE_KBPS = 32;
    static final int MAX_BITRATE_KBPS = 500_000;

    /**
     * Reads {@code format}, {@code bitrate} and {@code resolution}.
     *
     * @throws WorkerFailure of type {@code input.invalid} naming the bad param
     */
    static TranscodeSettings from(WorkerParams params) {
        VideoFormat format = params.find("format").map(VideoFormat::parse).orElse(DEFAULT_FORMAT);
        int bitrate = params.find("bitrate").isPresent() ? bitrateKbps(params) : DEFAULT_BITRATE_KBPS;
        Optional<Resolution> resolution = params.find("resolution").map(Resolution::parse);
        return new TranscodeSettings(format, bitrate, resolution);
    }

    /**
     * The bitrate in kbit/s. The planner binds it as a plain number in kbps ({@code 5000});
     * people editing {@code job.yaml} by hand write {@code 5 Mbps} or {@code 5M}, so units are
     * accepted too.
     */
    private static int bitrateKbps(WorkerParams params) {
        double number;
        try {
            number = params.number("bitrate");
        } catch (ConciergeException e) {
            throw invalidBitrate(params);
        }
        String unit = params.unit("bitrate").orElse("").toLowerCase(Locale.ROOT);
        double kbps = number * kbpsPerUnit(unit, params);
        if (!(kbps >= MIN_BITRATE_KBPS && kbps <= MAX_BITRATE_KBPS)) {
            throw WorkerFailure.nonRetryable("input.invalid", "param bitrate must be between " + MIN_BITRATE_KBPS
                    + " and " + MAX_BITRATE_KBPS + " kbps, got '" + ParamText.quote(params.require("bitrate")) + "'");
        }
        return (int) Math.round(kbps);
    }

    private static double kbpsPerUnit(String unit, WorkerParams params) {
        switch (unit) {
            case "", "k", "kb/s", "kbps", "kbit/s", "kbit":
                return 1;
            case "m", "mb/s", "mbps", "mbit/s", "mbit":
                return 1000;
            case "b/s", "bps", "bit/s":
                return 0.001;
            default:
                throw invalidBitrate(params);
        }
    }

    private static WorkerFailure invalidBitrate(WorkerParams params) {
        return WorkerFailure.nonRetryable("input.invalid", "param bitrate must be a number of kbps (e.g. 5000) "
                + "or a number with a unit (5 Mbps, 5M, 800k), got '" + ParamText.quote(params.require("bitrate")) + "'");
    }
}
