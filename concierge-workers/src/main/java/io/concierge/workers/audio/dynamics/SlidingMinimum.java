package io.concierge.workers.audio.dynamics;

/**
 * Minimum of the last {@code window} values pushed, in amortized constant time: a monotonic
 * queue of candidates (each one smaller than the one before it) kept in fixed arrays, so the
 * per-sample path allocates nothing.
 */
final class SlidingMinimum {

    private final int window;
    private final double[] values;
    private final long[] positions;
    private int head;
    private int size;
    private long pushed;

    SlidingMinimum(int window) {
        this.window = window;
        this.values = new double[window];
        this.positions = new long[window];
    }

    /** Adds {@code value} and returns the minimum of the last {@code window} values. */
    double push(double value) {
        // Candidates larger than the new value can never be the minimum again.
        while (size > 0 && values[(head + size - 1) % window] >= value) {
            size--;
        }
        // The oldest candidate leaves once it is outside the window.
        if (size > 0 && positions[head] <= pushed - window) {
            head = (head + 1) % window;
            size--;
        }
        int tail = (head + size) % window;
        values[tail] = value;
        positions[tail] = pushed;
        size++;
        pushed++;
        return values[head];
    }
}
