package io.concierge.workers.audio.dynamics;

/**
 * Mean of the last {@code length} values pushed (a box filter). The running sum is recomputed
 * from scratch once per {@code length} values so rounding errors cannot build up over hours of
 * audio: the limiter relies on the mean never exceeding the largest value in the window.
 */
final class MovingAverage {

    private final double[] ring;
    private int position;
    private double sum;

    MovingAverage(int length, double initial) {
        this.ring = new double[length];
        java.util.Arrays.fill(ring, initial);
        this.sum = initial * length;
    }

    double push(double value) {
        sum += value - ring[position];
        ring[position] = value;
        position++;
        if (position == ring.length) {
            position = 0;
            double exact = 0.0;
            for (double v : ring) {
                exact += v;
            }
            sum = exact;
        }
        return sum / ring.length;
    }
}
