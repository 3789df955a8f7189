package io.concierge.api.run;

/**
 * What the workspace's step cache holds.
 *
 * @param entries cached step results
 * @param bytes   their total size
 *
 * @since 0.1.0
 */
public record CacheStats(long entries, long bytes) {
}
