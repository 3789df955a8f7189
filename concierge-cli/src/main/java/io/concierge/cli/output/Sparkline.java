package io.concierge.cli.output;

import java.util.List;

/**
 * A series drawn as one line of block characters ({@code ▁▂▃▄▅▆▇█}), as a terminal can show a
 * curve: {@code bit status} draws the short-term loudness of a normalized file with it. Each
 * character covers an equal share of the series and shows its highest value; a share without any
 * value is a space.
 *
 * <pre>{@code
 * Sparkline.of(List.of(-30.0, -20.0, -14.0), 3) // "▁▅█"
 * }</pre>
 */
public final class Sparkline {
    private static final char[] BLOCKS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {
    }

    /**
     * The line for {@code values} ({@code null} for no value), at most {@code width} characters
     * (fewer when there are fewer values), scaled from the lowest value to the highest.
     *
     * @param values the series
     * @param width  the most characters
     * @return the line; empty when there is no value at all
     */
    public static String of(List<Double> values, int width) {
        return of(values, width, 0.0);
    }

    /**
     * The line for {@code values}, scaled over at least {@code minimumSpan} below the highest
     * value: a steady series then draws as a steady line instead of its noise magnified (10 LU
     * for a loudness curve).
     *
     * @param values      the series ({@code null} for no value)
     * @param width       the most characters
     * @param minimumSpan the least range the blocks cover, in the values' unit
     * @return the line; empty when there is no value at all
     */
    public static String of(List<Double> values, int width, double minimumSpan) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive, got " + width);
        }
        int n = values.size();
        int cells = Math.min(width, n);
        double[] highest = new double[cells];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < cells; c++) {
            highest[c] = Double.NaN;
            for (int i = (int) ((long) c * n / cells); i < (int) ((long) (c + 1) * n / cells); i++) {
                Double v = values.get(i);
                if (v != null && Double.isFinite(v) && !(v <= highest[c])) {
                    highest[c] = v;
                }
            }
            if (!Double.isNaN(highest[c])) {
                low = Math.min(low, highest[c]);
                high = Math.max(high, highest[c]);
            }
        }
        if (low > high) {
            return "";
        }
        low = Math.min(low, high - minimumSpan);
        StringBuilder line = new StringBuilder(cells);
        for (double v : highest) {
            if (Double.isNaN(v)) {
                line.append(' ');
            } else {
                int level = high == low ? BLOCKS.length - 1
                        : (int) Math.round((v - low) / (high - low) * (BLOCKS.length - 1));
                line.append(BLOCKS[level]);
            }
        }
        return line.toString();
    }
}
