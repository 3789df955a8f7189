package io.concierge.postgres;

import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.core.store.StoreSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code store} section of {@code concierge.json} for {@code "kind": "postgres"}, checked.
 *
 * @param url      the JDBC URL as configured
 * @param location the URL without its query (where options, never credentials, would be), for messages
 * @param user     the database user, or null for the driver's default
 * @param password the password from {@code password_env} or {@code password_file}, or null
 * @param schema   the schema that holds the tables (several Concierge stores can share one database)
 * @param poolSize the most connections the pool opens
 */
record PostgresSettings(String url, String location, String user, String password, String schema, int poolSize) {
    static final String DEFAULT_SCHEMA = "concierge";
    static final int DEFAULT_POOL_SIZE = 8;
    private static final List<String> KEYS = List.of("url", "user", "password_env", "password_file", "schema", "pool_size");
    // Lower case so that the unquoted and the quoted spelling name the same schema; short enough
    // that "<schema>_work", the NOTIFY channel, stays within PostgreSQL's 63-byte identifiers.
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

    /** Hides the password from logs and messages. */
    @Override
    public String toString() {
        return "PostgresSettings[" + location + ", user=" + user + ", schema=" + schema + ", poolSize=" + poolSize + "]";
    }

    /**
     * Reads and checks the settings; every problem is one message that says what to change.
     *
     * @param settings the store section
     * @return the checked settings
     * @throws InvalidWorkspaceException when a key is unknown, the URL is not PostgreSQL's, the
     *         password's variable is unset or its file unreadable
     */
    static PostgresSettings from(StoreSettings settings) {
        Set<String> unknown = new TreeSet<>(settings.options().keySet());
        KEYS.forEach(unknown::remove);
        if (unknown.contains("password")) {
            throw new InvalidWorkspaceException("store.password is not read, so that no password sits in concierge.json:"
                    + " remove it and name an environment variable in store.password_env (or a file in store.password_file)");
        }
        if (!unknown.isEmpty()) {
            throw new InvalidWorkspaceException("unknown key" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " in concierge.json's store section: the postgres store reads " + String.join(", ", KEYS));
        }
        String url = settings.option("url", "");
        if (url.isEmpty()) {
            throw new InvalidWorkspaceException("store.url is missing in concierge.json: set it to the database's JDBC URL,"
                    + " e.g. jdbc:postgresql://db.example:5432/concierge");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new InvalidWorkspaceException("store.url '" + withoutQuery(url) + "' is not a PostgreSQL JDBC URL:"
                    + " write it as jdbc:postgresql://HOST:5432/DATABASE");
        }
        String location = withoutQuery(url);
        if (url.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*") || location.substring("jdbc:postgresql:".length()).contains("@")) {
            throw new InvalidWorkspaceException("store.url " + location + " carries credentials: take them out of the URL,"
                    + " put the user in store.user and name the password's environment variable in store.password_env");
        }
        String schema = settings.option("schema", DEFAULT_SCHEMA);
        if (!SCHEMA.matcher(schema).matches()) {
            throw new InvalidWorkspaceException("store.schema '" + schema + "' is not a plain schema name: use lower-case"
                    + " letters, digits and _ (at most 40), e.g. concierge");
        }
        int poolSize = poolSize(settings.option("pool_size", String.valueOf(DEFAULT_POOL_SIZE)));
        String user = settings.option("user", null);
        return new PostgresSettings(url, location, user, password(settings, location), schema, poolSize);
    }

    private static int poolSize(String text) {
        try {
            int size = Integer.parseInt(text.trim());
            if (size >= 2 && size <= 100) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below, with what to write instead
        }
        throw new InvalidWorkspaceException("store.pool_size '" + text + "' is not a number from 2 to 100:"
                + " set it to how many connections one process may open (default " + DEFAULT_POOL_SIZE + ")");
    }

    private static String password(StoreSettings settings, String location) {
        String variable = settings.option("password_env", "");
        String file = settings.option("password_file", "");
        if (!variable.isEmpty() && !file.isEmpty()) {
            throw new InvalidWorkspaceException("store.password_env and store.password_file are both set:"
                    + " keep one of them in concierge.json's store section");
        }
        if (!variable.isEmpty()) {
            String value = settings.environment().get(variable);
            if (value == null) {
                throw new InvalidWorkspaceException("the environment variable " + variable + " (store.password_env) is not set:"
                        + " export " + variable + " with the password of the database at " + location + " before starting");
            }
            return value;
        }
        if (!file.isEmpty()) {
            Path path = settings.workspace().resolve(file);
            try {
                List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
                if (lines.isEmpty() || lines.get(0).isEmpty()) {
                    throw new InvalidWorkspaceException("the password file " + path + " (store.password_file) is empty:"
                            + " write the password of the database at " + location + " on its first line");
                }
                return lines.get(0);
            } catch (NoSuchFileException e) {
                throw new InvalidWorkspaceException("the password file " + path + " (store.password_file) does not exist:"
                        + " create it with the password on its first line, or correct store.password_file", e);
            } catch (IOException e) {
                throw new InvalidWorkspaceException("cannot read the password file " + path + " (store.password_file): " + e
                        + "; make it readable by this user", e);
            }
        }
        return null;
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
