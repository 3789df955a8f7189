package io.concierge.core.workspace;

import io.concierge.api.failure.AmbiguousIdException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.NotFoundException;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Resolves an id or unique id prefix among known ids, refusing anything that is not id-shaped. */
public final class IdPrefixes {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_]{1,80}");

    private IdPrefixes() {
    }

    /** Checks that {@code id} is id-shaped (letters, digits, underscore), so it is safe as a file name. */
    public static String requireSafe(String id, String kind) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException(kind + " id is empty; list them with: bit " + kind + " list");
        }
        if (!SAFE.matcher(id).matches()) {
            throw new InvalidInputException(kind + " id '" + printable(id) + "' is not valid: ids are letters, digits and '_'");
        }
        return id;
    }

    /** Whether {@code id} is id-shaped (letters, digits, underscore). */
    public static boolean isSafe(String id) {
        return id != null && SAFE.matcher(id).matches();
    }

    /** The one id among {@code ids} that equals or starts with {@code prefix}. */
    public static String resolve(Collection<String> ids, String prefix, String kind, String listHint) {
        requireSafe(prefix, kind);
        if (ids.contains(prefix)) {
            return prefix;
        }
        List<String> matches = ids.stream().filter(id -> id.startsWith(prefix)).sorted().toList();
        if (matches.isEmpty()) {
            throw new NotFoundException("no " + kind + " with id " + prefix + "; list them with: " + listHint);
        }
        if (matches.size() > 1) {
            String shown = String.join(", ", matches.subList(0, Math.min(5, matches.size())))
                    + (matches.size() > 5 ? ", ..." : "");
            throw new AmbiguousIdException(kind + " id prefix " + prefix + " matches " + matches.size() + " " + kind
                    + "s (" + shown + "); give more characters");
        }
        return matches.get(0);
    }

    private static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
