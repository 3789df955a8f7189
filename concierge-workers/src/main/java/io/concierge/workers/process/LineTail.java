package io.concierge.workers.process;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last few lines of a stream, bounded in count and in line length so a chatty or hostile
 * tool cannot make the worker hold its whole output in memory. Thread-safe: a reader thread
 * adds while the caller may read.
 */
final class LineTail {
    private static final int MAX_LINE_CHARS = 1000;

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    LineTail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "…" : line);
    }

    synchronized List<String> snapshot() {
        return List.copyOf(lines);
    }
}
