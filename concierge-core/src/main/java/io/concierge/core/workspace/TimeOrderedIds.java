package io.concierge.core.workspace;

import io.concierge.api.IdGenerator;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * ULID-like ids: 10 characters of millisecond time and 16 of randomness, in Crockford's base 32,
 * so that ids sort by creation as text. Within one generator, ids of the same millisecond are
 * strictly increasing.
 */
public final class TimeOrderedIds implements IdGenerator {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long lastHigh;
    private long lastLow;

    @Override
    public synchronized String next(String prefix, Instant now) {
        long millis = Math.max(now.toEpochMilli(), lastMillis);
        if (millis == lastMillis) {
            lastLow = (lastLow + 1) & 0xFFFFFFFFFFL;
            if (lastLow == 0) {
                lastHigh = (lastHigh + 1) & 0xFFFFFFFFFFL;
            }
        } else {
            lastMillis = millis;
            lastHigh = random.nextLong() & 0x7FFFFFFFFFL; // top bit clear leaves room to increment
            lastLow = random.nextLong() & 0xFFFFFFFFFFL;
        }
        StringBuilder id = new StringBuilder(prefix.length() + 26).append(prefix);
        append(id, millis, 10);
        append(id, lastHigh, 8);
        append(id, lastLow, 8);
        return id.toString();
    }

    private static void append(StringBuilder out, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out.append(ALPHABET[(int) ((value >>> (5 * i)) & 31)]);
        }
    }
}
