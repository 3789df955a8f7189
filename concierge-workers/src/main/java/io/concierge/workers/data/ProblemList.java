package io.concierge.workers.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems of one validation: every one is counted, the first {@link #MAX_LISTED} are kept,
 * so a file broken on every line cannot exhaust memory or produce a report nobody can read.
 */
final class ProblemList {
    /** How many problems a report lists; later ones are only counted. */
    static final int MAX_LISTED = 1000;

    private final List<Problem> listed = new ArrayList<>();
    private long total;

    void add(Problem problem) {
        total++;
        if (listed.size() < MAX_LISTED) {
            listed.add(problem);
        }
    }

    List<Problem> listed() {
        return List.copyOf(listed);
    }

    long total() {
        return total;
    }
}
