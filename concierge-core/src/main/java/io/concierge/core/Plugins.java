package io.concierge.core;

import io.concierge.api.failure.InvalidWorkspaceException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jars in a workspace's {@code plugins/} folder, loaded in a class loader of their own whose
 * parent is Concierge's, so their workers and task packages are found like built-in ones. Only
 * for workspaces on the default file system: a class loader needs real files.
 */
final class Plugins implements AutoCloseable {
    private final URLClassLoader loader;

    Plugins(Path pluginsDir, boolean enabled) {
        this.loader = enabled ? open(pluginsDir) : null;
    }

    private static URLClassLoader open(Path dir) {
        if (dir.getFileSystem() != FileSystems.getDefault() || !Files.isDirectory(dir)) {
            return null;
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new InvalidWorkspaceException("a plugin jar in " + dir + " has an unusable path: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidWorkspaceException("cannot list plugins in " + dir + ": " + e.getMessage());
        }
        return urls.isEmpty() ? null : new URLClassLoader("concierge-plugins", urls.toArray(URL[]::new),
                Plugins.class.getClassLoader());
    }

    /** Concierge's own class loader, then the plugins' if there are any. */
    List<ClassLoader> classLoaders(ClassLoader own) {
        return loader == null ? List.of(own) : List.of(own, loader);
    }

    @Override
    public void close() {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                // closing only frees file handles; nothing to recover
            }
        }
    }
}
