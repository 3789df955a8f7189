package io.concierge.workers.audio.spectrum;

/**
 * An in-place radix-2 fast Fourier transform of one fixed size, its twiddle factors computed
 * once. Not thread-safe (it owns no buffers, but callers share instances only by choice).
 */
final class Fft {
    private final int size;
    private final double[] cos;
    private final double[] sin;

    /** @param size a power of two, at least 2 */
    Fft(int size) {
        if (size < 2 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two, got " + size);
        }
        this.size = size;
        this.cos = new double[size / 2];
        this.sin = new double[size / 2];
        for (int i = 0; i < size / 2; i++) {
            cos[i] = Math.cos(-2 * Math.PI * i / size);
            sin[i] = Math.sin(-2 * Math.PI * i / size);
        }
    }

    /** Transforms {@code re} + i {@code im} in place. */
    void transform(double[] re, double[] im) {
        for (int i = 1, j = 0; i < size; i++) {
            int bit = size >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int length = 2; length <= size; length <<= 1) {
            int half = length / 2;
            int step = size / length;
            for (int start = 0; start < size; start += length) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
