package io.concierge.server.charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small SVG element tree that prints itself as text, escaping every attribute value and text.
 * Only presentation attributes are used (never {@code style}), so that the dashboard's
 * Content-Security-Policy, which allows no inline styles, draws the chart as the report does.
 *
 * <pre>{@code
 * Svg line = Svg.of("line").attr("x1", 0).attr("y1", 5).attr("x2", 100).attr("y2", 5).attr("stroke", "#c62828");
 * String text = Svg.of("svg").attr("viewBox", "0 0 100 10").add(line).toString();
 * }</pre>
 */
public final class Svg {
    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Svg> children = new ArrayList<>();
    private String text;

    private Svg(String name) {
        this.name = name;
    }

    /**
     * A new element.
     *
     * @param name the element name, e.g. {@code path}
     * @return the element
     */
    public static Svg of(String name) {
        return new Svg(name);
    }

    /**
     * Sets an attribute.
     *
     * @param key   the attribute name
     * @param value its value, escaped when printed
     * @return this element
     */
    public Svg attr(String key, String value) {
        attributes.put(key, value);
        return this;
    }

    /**
     * Sets a numeric attribute, printed with at most two decimals.
     *
     * @param key   the attribute name
     * @param value its value
     * @return this element
     */
    public Svg attr(String key, double value) {
        return attr(key, number(value));
    }

    /**
     * Adds a child element.
     *
     * @param child the child
     * @return this element
     */
    public Svg add(Svg child) {
        children.add(child);
        return this;
    }

    /**
     * Sets the element's text (escaped when printed).
     *
     * @param value the text
     * @return this element
     */
    public Svg text(String value) {
        this.text = value;
        return this;
    }

    /** The element as SVG text; the root gets the SVG namespace. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        print(out, true);
        return out.toString();
    }

    private void print(StringBuilder out, boolean root) {
        out.append('<').append(name);
        if (root && name.equals("svg") && !attributes.containsKey("xmlns")) {
            out.append(" xmlns=\"http://www.w3.org/2000/svg\"");
        }
        attributes.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
        if (children.isEmpty() && text == null) {
            out.append("/>");
            return;
        }
        out.append('>');
        if (text != null) {
            out.append(escape(text));
        }
        for (Svg child : children) {
            child.print(out, false);
        }
        out.append("</").append(name).append('>');
    }

    /**
     * A number as SVG and scripts read it: at most two decimals, no exponent, no {@code -0}.
     *
     * @param value a finite number
     * @return its text
     */
    public static String number(double value) {
        double rounded = Math.round(value * 100.0) / 100.0;
        if (rounded == 0.0) {
            return "0";
        }
        if (rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15) {
            return Long.toString((long) rounded);
        }
        return String.format(Locale.ROOT, "%.2f", rounded).replaceAll("0+$", "");
    }

    /**
     * Text escaped for XML content and attribute values.
     *
     * @param value raw text
     * @return escaped text
     */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // XML 1.0 has no way to write most control characters; a file name may hold them
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
