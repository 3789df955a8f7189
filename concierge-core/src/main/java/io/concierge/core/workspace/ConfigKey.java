package io.concierge.core.workspace;

import io.concierge.api.failure.InvalidInputException;
import java.util.List;
import java.util.Optional;

/**
 * One documented key of {@code concierge.json}: its type, default, allowed range and meaning.
 * {@link #ALL} is the whole list; a key not in it is an error.
 *
 * @param name        dotted name; {@code planner.min_confidence} is {@code {"planner":{"min_confidence":..}}}
 * @param type        {@code number}, {@code integer}, {@code string}, {@code boolean}, {@code path} (an
 *                    absolute folder, or empty) or {@code list} (a JSON array of words, written as
 *                    comma-separated text on the command line)
 * @param defaultValue default, as text
 * @param min         lowest allowed number (numbers only)
 * @param max         highest allowed number (numbers only)
 * @param description what it controls
 */
public record ConfigKey(String name, String type, String defaultValue, double min, double max, String description) {

    /** Every key Concierge understands. */
    public static final List<ConfigKey> ALL = List.of(
            new ConfigKey("version", "integer", "1", 1, 1, "workspace format version"),
            new ConfigKey("planner.min_confidence", "number", "0.35", 0, 1,
                    "lowest match confidence at which an intent is given a package"),
            new ConfigKey("planner.ambiguity_margin", "number", "0.1", 0, 1,
                    "two packages whose confidences differ by less than this are ambiguous"),
            new ConfigKey("approval.default_approver", "string", "", 0, 0,
                    "approver recorded when none is named (empty: the OS user)"),
            new ConfigKey("approval.required_approvals", "integer", "1", 1, 10,
                    "distinct approvers a plan needs (a package may ask for more)"),
            new ConfigKey("approval.auto_approve", "list", "", 0, 0,
                    "package ids approved by policy at planning; '*' ends a prefix, e.g. test.*"),
            new ConfigKey("approval.auto_approve_min_confidence", "number", "0", 0, 1,
                    "auto-approve packages that allow it (approval.auto_approve: true) at this match confidence or more; 0 is off"),
            new ConfigKey("approval.timeout_hours", "number", "0", 0, 24 * 365,
                    "an approval older than this no longer lets a job run; 0 is never"),
            // true by default: the guide's scripts are one person making and approving their own
            // jobs; a team that wants four eyes sets it false (SECURITY.md).
            new ConfigKey("approval.allow_self_approval", "boolean", "true", 0, 0,
                    "whether the person who created a job may count among its approvers (false: four eyes)"),
            new ConfigKey("router.max_parallel_steps", "integer", "2", 1, 64,
                    "independent steps of one job that may run at once"),
            new ConfigKey("runner.default_timeout_seconds", "integer", "3600", 1, 7 * 24 * 3600,
                    "time limit of a step attempt when its package sets none"),
            new ConfigKey("store.kind", "string", "file", 0, 0,
                    "where jobs, plans and events are kept: file (this folder) or postgres (concierge-postgres)"),
            new ConfigKey("store.url", "string", "", 0, 0,
                    "the database, e.g. jdbc:postgresql://db.example:5432/concierge (postgres store)"),
            new ConfigKey("store.user", "string", "", 0, 0, "the database user (postgres store)"),
            new ConfigKey("store.password_env", "string", "", 0, 0,
                    "the environment variable holding the database password (never the password itself)"),
            new ConfigKey("store.password_file", "string", "", 0, 0,
                    "a file whose first line is the database password (instead of password_env)"),
            new ConfigKey("store.schema", "string", "concierge", 0, 0,
                    "the database schema that holds Concierge's tables (several stores may share a database)"),
            new ConfigKey("store.pool_size", "integer", "8", 1, 100, "database connections per process (postgres store)"),
            new ConfigKey("artifacts.root", "path", "", 0, 0,
                    "an absolute folder for artifacts and the step cache that every agent mounts at the same path"
                    + " (NFS/SMB); empty: this workspace"));

    /** The key with this name. */
    public static Optional<ConfigKey> find(String name) {
        return ALL.stream().filter(k -> k.name.equals(name)).findFirst();
    }

    /** Names of all keys, for error messages. */
    public static String names() {
        return String.join(", ", ALL.stream().map(ConfigKey::name).toList());
    }

    /** Checks a value for this key; returns it normalized or fails naming the key. */
    public String check(String value, String where) {
        switch (type) {
            case "string":
                if (value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
                    throw new InvalidInputException(where + name + " must be a short single-line text");
                }
                return value;
            case "list":
                java.util.List<String> items = new java.util.ArrayList<>();
                for (String item : value.split(",")) {
                    String trimmed = item.strip();
                    if (trimmed.isEmpty()) {
                        continue;
                    }
                    if (!trimmed.matches("[a-z0-9_.*-]{1,100}")) {
                        throw new InvalidInputException(where + name + ": '" + trimmed
                                + "' is not a package id pattern like test.* or file.copy");
                    }
                    items.add(trimmed);
                }
                return String.join(",", items);
            case "path":
                if (value.isEmpty()) {
                    return value;
                }
                if (!value.startsWith("/") || value.length() > 1000 || value.chars().anyMatch(Character::isISOControl)
                        || java.util.Arrays.asList(value.split("/")).contains("..")) {
                    throw new InvalidInputException(where + name + " must be an absolute folder path without '..', like "
                            + "/mnt/shared/concierge, or empty for the workspace; got '" + value + "'");
                }
                return value;
            case "boolean":
                String word = value.strip().toLowerCase(java.util.Locale.ROOT);
                if (!word.equals("true") && !word.equals("false")) {
                    throw new InvalidInputException(where + name + " must be true or false, got '" + value + "'");
                }
                return word;
            case "integer":
            case "number":
                double number;
                try {
                    number = Double.parseDouble(value.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(where + name + " must be a " + type + ", got '" + value + "'");
                }
                if (!Double.isFinite(number) || number < min || number > max
                        || (type.equals("integer") && number != Math.rint(number))) {
                    throw new InvalidInputException(where + name + " must be a " + type + " from " + fmt(min) + " to "
                            + fmt(max) + ", got '" + value + "'");
                }
                return type.equals("integer") ? Long.toString((long) number) : Double.toString(number);
            default:
                throw new IllegalStateException("unknown config type " + type);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
