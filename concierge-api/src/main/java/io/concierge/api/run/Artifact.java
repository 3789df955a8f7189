package io.concierge.api.run;

import java.nio.file.Path;

/**
 * A file in a job's {@code artifacts/} folder.
 *
 * @param name   its file name
 * @param path   where it is
 * @param size   its size in bytes
 * @param sha256 hex SHA-256 of its content
 *
 * @since 0.1.0
 */
public record Artifact(String name, Path path, long size, String sha256) {
}
