package io.concierge.api.pkg;

import java.util.List;

/**
 * How well one task package matches an intent or a search.
 *
 * @param taskPackage the package
 * @param confidence  0 (nothing in common) to 1 (verb, object and file all match)
 * @param reasons     what matched, for people ("verb 'normalize'", "extension .wav")
 *
 * @since 0.1.0
 */
public record PackageMatch(TaskPackage taskPackage, double confidence, List<String> reasons) {
    /**
     * Copies the reasons.
     *
     * @param taskPackage the package
     * @param confidence 0 (nothing in common) to 1 (verb, object and file all match)
     * @param reasons what matched, for people ("verb 'normalize'", "extension .wav")
     */
    public PackageMatch {
        reasons = List.copyOf(reasons);
    }
}
