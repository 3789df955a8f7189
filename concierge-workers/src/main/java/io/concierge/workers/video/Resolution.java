package io.concierge.workers.video;

import io.concierge.api.failure.WorkerFailure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target frame size: exact ({@code 1280x720}) or a height with the width following the
 * source's aspect ratio ({@code 720p}).
 *
 * @param width  the width in pixels, or {@link #KEEP_ASPECT} to derive it from the height
 * @param height the height in pixels
 */
record Resolution(int width, int height) {

    /** Width marker meaning "whatever keeps the aspect ratio". */
    static final int KEEP_ASPECT = 0;

    /** Smallest and largest side accepted; 8192 is the widest H.264 level 6.2 allows. */
    static final int MIN_SIDE = 16;
    static final int MAX_SIDE = 8192;

    private static final Pattern EXACT = Pattern.compile("([0-9]{2,5})[xX]([0-9]{2,5})");
    private static final Pattern HEIGHT_ONLY = Pattern.compile("([0-9]{2,5})[pP]");

    /**
     * Parses {@code WIDTHxHEIGHT} or {@code HEIGHTp}. Sides must be even because 4:2:0 chroma,
     * which both H.264 and VP9 output uses here, halves them.
     *
     * @throws WorkerFailure of type {@code input.invalid} for anything else
     */
    static Resolution parse(String text) {
        Matcher exact = EXACT.matcher(text);
        if (exact.matches()) {
            return checked(text, Integer.parseInt(exact.group(1)), Integer.parseInt(exact.group(2)));
        }
        Matcher heightOnly = HEIGHT_ONLY.matcher(text);
        if (heightOnly.matches()) {
            return checked(text, KEEP_ASPECT, Integer.parseInt(heightOnly.group(1)));
        }
        throw invalid(text);
    }

    /** The ffmpeg filter that scales to this size with square pixels. */
    String scaleFilter() {
        // -2 lets ffmpeg pick the even width that best keeps the source's aspect ratio.
        String w = width == KEEP_ASPECT ? "-2" : Integer.toString(width);
        return "scale=" + w + ":" + height + ",setsar=1";
    }

    private static Resolution checked(String text, int width, int height) {
        boolean widthOk = width == KEEP_ASPECT || isValidSide(width);
        if (!widthOk || !isValidSide(height)) {
            throw invalid(text);
        }
        return new Resolution(width, height);
    }

    private static boolean isValidSide(int side) {
        return side >= MIN_SIDE && side <= MAX_SIDE && side % 2 == 0;
    }

    private static WorkerFailure invalid(String text) {
        return WorkerFailure.nonRetryable("input.invalid", "param resolution must be WIDTHxHEIGHT (e.g. 1280x720) "
                + "or HEIGHTp (e.g. 720p) with even sides from " + MIN_SIDE + " to " + MAX_SIDE + ", got '"
                + ParamText.quote(text) + "'");
    }
}
