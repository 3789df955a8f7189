package io.concierge.core.pkg;

import io.concierge.api.pkg.TaskPackage;
import java.util.List;

/** Opens {@link VocabularyPackages} to the tests of other packages. */
public final class VocabularyPackagesAccess {
    private VocabularyPackagesAccess() {
    }

    /** The test packages. */
    public static List<TaskPackage> all() {
        return VocabularyPackages.all();
    }
}
