package io.concierge.server.charts;

/**
 * A linear map from data values to SVG coordinates, e.g. seconds to x or decibels to y (where
 * larger values are higher up, so {@code to} is above {@code from}).
 *
 * @param domainFrom the data value drawn at {@code rangeFrom}
 * @param domainTo   the data value drawn at {@code rangeTo}
 * @param rangeFrom  the coordinate of {@code domainFrom}
 * @param rangeTo    the coordinate of {@code domainTo}
 */
public record Scale(double domainFrom, double domainTo, double rangeFrom, double rangeTo) {

    /**
     * Checks the domain is not empty.
     *
     * @param domainFrom the data value drawn at rangeFrom
     * @param domainTo the data value drawn at rangeTo
     * @param rangeFrom the coordinate of domainFrom
     * @param rangeTo the coordinate of domainTo
     */
    public Scale {
        if (!(domainTo != domainFrom)) {
            throw new IllegalArgumentException("a scale needs two different domain ends, got " + domainFrom);
        }
    }

    /**
     * The coordinate of {@code value}, clamped to the range: a reading below the chart's floor is
     * drawn on the floor.
     *
     * @param value a data value
     * @return its coordinate
     */
    public double at(double value) {
        double f = (value - domainFrom) / (domainTo - domainFrom);
        f = Math.max(0.0, Math.min(1.0, f));
        return rangeFrom + f * (rangeTo - rangeFrom);
    }

    /**
     * The four numbers a reader of the SVG needs to turn coordinates back into values:
     * {@code "domainFrom domainTo rangeFrom rangeTo"}.
     *
     * @return the scale as text
     */
    public String describe() {
        return Svg.number(domainFrom) + " " + Svg.number(domainTo) + " " + Svg.number(rangeFrom) + " "
                + Svg.number(rangeTo);
    }
}
