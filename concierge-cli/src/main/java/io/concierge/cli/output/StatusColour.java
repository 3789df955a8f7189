package io.concierge.cli.output;

import java.util.function.UnaryOperator;

/**
 * Colours a job status for a terminal (green done, red failed, yellow at work), or leaves it
 * plain when colour is off ({@code NO_COLOR}, not a terminal).
 */
public final class StatusColour {
    private StatusColour() {
    }

    /**
     * The style for status cells.
     *
     * @param enabled whether colour is allowed
     * @return a function that wraps a (padded) status cell in ANSI colour codes, or returns it as is
     */
    public static UnaryOperator<String> of(boolean enabled) {
        if (!enabled) {
            return UnaryOperator.identity();
        }
        return cell -> {
            String code = switch (cell.strip()) {
                case "COMPLETED" -> "32";
                case "FAILED", "HALTED" -> "31";
                case "RUNNING", "APPROVED" -> "33";
                default -> null;
            };
            return code == null ? cell : "\u001b[" + code + "m" + cell + "\u001b[0m";
        };
    }
}
