package io.concierge.core.store;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an agent asks the queue for.
 *
 * @param holder    the agent's id
 * @param packages  glob patterns of package names it takes ({@code *}, {@code audio.*}); empty for all
 * @param leaseFor  how long the lease lasts unless renewed
 * @param skip      job ids not to claim (e.g. ones this agent could not run)
 */
public record ClaimRequest(String holder, List<String> packages, Duration leaseFor, Set<String> skip) {
    /** Copies the collections. */
    public ClaimRequest {
        Objects.requireNonNull(holder, "holder");
        packages = List.copyOf(packages);
        skip = Set.copyOf(skip);
        if (leaseFor.isNegative() || leaseFor.isZero()) {
            throw new IllegalArgumentException("a lease must last some time, not " + leaseFor);
        }
    }

    /**
     * Whether a package name matches one of the globs ({@code *} any run of characters, {@code ?} one).
     *
     * @param packageName the package's name, without version
     * @return true when it is taken
     */
    public boolean takes(String packageName) {
        if (packages.isEmpty()) {
            return true;
        }
        for (String glob : packages) {
            StringBuilder regex = new StringBuilder();
            for (char c : glob.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            if (packageName.matches(regex.toString())) {
                return true;
            }
        }
        return false;
    }
}
