package io.concierge.server.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Checks a drawn curve against the series it was drawn from, point by point. */
public final class SeriesAssert {
    private SeriesAssert() {
    }

    /**
     * Asserts that {@code curve} (from {@link SvgCurves}) shows every non-null value of
     * {@code series}, shifted by {@code shift}, at the end of its interval; values below the
     * chart's floor are drawn on the floor. Returns how many points were compared.
     */
    public static int drawnFrom(SvgCurves chart, String name, JsonNode series, double interval, double shift) {
        List<double[]> drawn = chart.curve(name);
        double floor = chart.valueRange()[0];
        double[] tolerance = chart.tolerance();
        int k = 0;
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).isNull()) {
                continue;
            }
            assertThat(k).as(name + ": fewer points drawn than the series has").isLessThan(drawn.size());
            double[] point = drawn.get(k++);
            double expected = Math.max(floor, series.get(i).asDouble() + shift);
            assertThat(point[0]).as(name + " time of point " + i).isCloseTo((i + 1) * interval, within(tolerance[0]));
            assertThat(point[1]).as(name + " value of point " + i).isCloseTo(expected, within(tolerance[1]));
        }
        assertThat(drawn).as(name + ": more points drawn than the series has").hasSize(k);
        return k;
    }
}
