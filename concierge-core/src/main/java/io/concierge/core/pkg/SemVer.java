package io.concierge.core.pkg;

/** Compares {@code MAJOR.MINOR.PATCH} versions numerically. */
public final class SemVer {
    private SemVer() {
    }

    /** Negative, zero or positive as {@code a} is lower than, equal to or higher than {@code b}. */
    public static int compare(String a, String b) {
        int[] x = parts(a);
        int[] y = parts(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    /** Whether {@code available} satisfies {@code needed}: same major, at least as high. Empty needs anything. */
    public static boolean satisfies(String available, String needed) {
        if (needed == null || needed.isEmpty()) {
            return true;
        }
        return parts(available)[0] == parts(needed)[0] && compare(available, needed) >= 0;
    }

    private static int[] parts(String version) {
        String[] split = version.split("\\.");
        int[] out = new int[3];
        for (int i = 0; i < 3 && i < split.length; i++) {
            try {
                out[i] = Integer.parseInt(split[i]);
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }
}
