package io.concierge.workers.audio.loudness;

/**
 * A second-order IIR section {@code y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2]}
 * with {@code a0} normalized to 1.
 *
 * @param b0 feed-forward coefficient of x[n]
 * @param b1 feed-forward coefficient of x[n-1]
 * @param b2 feed-forward coefficient of x[n-2]
 * @param a1 feedback coefficient of y[n-1]
 * @param a2 feedback coefficient of y[n-2]
 */
public record BiquadCoefficients(double b0, double b1, double b2, double a1, double a2) {
}
