package io.concierge.server.charts;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Reads a chart back: each curve's points turned into values through the scales the SVG
 * declares, so a test can compare what is drawn with the series in a report.
 */
public final class SvgCurves {
    private final Map<String, List<double[]>> curves = new LinkedHashMap<>();
    private final Element root;

    private SvgCurves(Element root) {
        this.root = root;
        double[] xs = numbers(root.getAttribute("data-x-scale"));
        double[] ys = numbers(root.getAttribute("data-y-scale"));
        NodeList paths = root.getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            String name = path.getAttribute("data-series");
            if (name.isEmpty()) {
                continue;
            }
            List<double[]> points = new ArrayList<>();
            String[] tokens = path.getAttribute("d").replace("M", " ").replace("L", " ").trim().split("\\s+");
            for (int k = 0; k + 1 < tokens.length; k += 2) {
                double px = Double.parseDouble(tokens[k]);
                double py = Double.parseDouble(tokens[k + 1]);
                points.add(new double[] {invert(xs, px), invert(ys, py)});
            }
            curves.put(name, points);
        }
    }

    /** Parses an SVG document (or an {@code <svg>} element inside HTML, given as its own text). */
    public static SvgCurves parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
            return new SvgCurves(doc.getDocumentElement());
        } catch (Exception e) {
            throw new IllegalArgumentException("not a well-formed SVG: " + e.getMessage(), e);
        }
    }

    /** The curve's points as {@code {seconds, value}}, in drawing order. */
    public List<double[]> curve(String series) {
        List<double[]> points = curves.get(series);
        if (points == null) {
            throw new AssertionError("no curve " + series + " in the chart; it has " + curves.keySet());
        }
        return points;
    }

    /** The names of the curves drawn. */
    public java.util.Set<String> names() {
        return curves.keySet();
    }

    /** The chart's floor and top, in the values' unit. */
    public double[] valueRange() {
        double[] ys = numbers(root.getAttribute("data-y-scale"));
        return new double[] {ys[0], ys[1]};
    }

    /**
     * How far a value read back can be from the one drawn: coordinates are written to 0.01 of a
     * unit, so up to half of that, in the scale's terms: {@code {time, value}}.
     */
    public double[] tolerance() {
        double[] xs = numbers(root.getAttribute("data-x-scale"));
        double[] ys = numbers(root.getAttribute("data-y-scale"));
        return new double[] {0.006 * Math.abs((xs[1] - xs[0]) / (xs[3] - xs[2])),
                0.006 * Math.abs((ys[1] - ys[0]) / (ys[3] - ys[2]))};
    }

    /** The limiter bars' values by point index. */
    public Map<Integer, Double> limiterBars() {
        Map<Integer, Double> bars = new LinkedHashMap<>();
        NodeList rects = root.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (!rect.getAttribute("data-index").isEmpty()) {
                bars.put(Integer.parseInt(rect.getAttribute("data-index")), Double.parseDouble(rect.getAttribute("data-value")));
            }
        }
        return bars;
    }

    /** The value a coordinate stands for, given a scale's {@code "domainFrom domainTo rangeFrom rangeTo"}. */
    private static double invert(double[] scale, double coordinate) {
        return scale[0] + (coordinate - scale[2]) / (scale[3] - scale[2]) * (scale[1] - scale[0]);
    }

    private static double[] numbers(String text) {
        String[] parts = text.trim().split("\\s+");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }
}
