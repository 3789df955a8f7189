package io.concierge.workers.video;

/** Echoes a caller's value in an error message without letting it flood or break the line. */
final class ParamText {
    private static final int MAX_CHARS = 60;

    private ParamText() {
    }

    /** The value with control characters replaced and cut to a readable length. */
    static String quote(String value) {
        String oneLine = value.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= MAX_CHARS ? oneLine : oneLine.substring(0, MAX_CHARS) + "…";
    }
}
