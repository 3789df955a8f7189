package io.concierge.cli.job;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code NAME=VALUE} argument of {@code bit job set}. The value may be empty
 * ({@code name=} clears the input); the name may not ({@code =value} is refused).
 *
 * @param name  the input's name
 * @param value its new value, possibly empty
 */
public record Assignment(String name, String value) {

    /** Parses {@code NAME=VALUE}; the value is everything after the first {@code =}. */
    public static Assignment parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new TypeConversionException("'" + text + "' is not NAME=VALUE (use name= to clear an input)");
        }
        String name = text.substring(0, equals).strip();
        if (name.isEmpty()) {
            throw new TypeConversionException("'" + text + "' has no input name before '='");
        }
        return new Assignment(name, text.substring(equals + 1));
    }

    /** Lets picocli parse {@code NAME=VALUE} arguments, reporting bad ones as usage errors. */
    public static final class Converter implements ITypeConverter<Assignment> {
        /** Creates the converter; picocli calls it. */
        public Converter() {
        }

        @Override
        public Assignment convert(String text) {
            return parse(text);
        }
    }
}
