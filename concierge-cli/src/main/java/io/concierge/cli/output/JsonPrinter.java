package io.concierge.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Prints the trees of {@link io.concierge.server.json.JsonViews} (and the few maps around them) as JSON: pretty for documents, compact for event lines.
 * Keys keep their insertion order, so the output is stable from run to run.
 */
public final class JsonPrinter {
    private final ObjectMapper mapper = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** Creates a printer with its own mapper. */
    public JsonPrinter() {
    }

    /** Prints {@code value} as an indented JSON document followed by a newline. */
    public void print(PrintWriter out, Object value) {
        out.println(write(value, true));
    }

    /** Prints {@code value} as one line of JSON (JSON Lines). */
    public void printLine(PrintWriter out, Object value) {
        out.println(write(value, false));
    }

    private String write(Object value, boolean pretty) {
        try {
            return pretty ? mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value)
                    : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // The views hold only strings, numbers, lists and maps: this is a bug, reported as one.
            throw new UncheckedIOException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

}
