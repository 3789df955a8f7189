package io.concierge.api.intent;

/**
 * A number with a unit found in intent text, such as {@code -14 LUFS} or {@code 5 Mbps}.
 *
 * @param value the number as written
 * @param unit  the unit as it is canonically spelled ({@code LUFS}, {@code Mbps}, {@code kHz})
 *
 * @since 0.1.0
 */
public record Quantity(double value, String unit) {
    /** The quantity as a person writes it: {@code -14 LUFS}, {@code 44.1 kHz}. */
    @Override
    public String toString() {
        String number = value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value);
        return unit.isEmpty() ? number : number + " " + unit;
    }
}
