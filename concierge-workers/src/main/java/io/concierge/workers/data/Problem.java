package io.concierge.workers.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One problem found in a data file: where it is (a line and column for syntax and CSV problems,
 * a JSON pointer for schema violations) and what is wrong.
 *
 * @param line    1-based line in the file, or null when the problem has no line (a schema violation of a .json file)
 * @param column  1-based column (character) in that line, or null
 * @param pointer JSON pointer to the offending value ({@code ""} is the document), or null for syntax and CSV problems
 * @param message what is wrong, in a few words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(Long line, Long column, String pointer, String message) {
}
