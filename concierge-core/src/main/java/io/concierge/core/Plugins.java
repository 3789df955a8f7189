package io.concierge.core;

import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.workspace.Finding;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The jars in a workspace's {@code plugins/} folder, loaded in a class loader of their own whose
 * parent is Concierge's, so their workers and task packages are found like built-in ones. A jar
 * that cannot be read is left out and reported by name; the others still load. Only for
 * workspaces on the default file system: a class loader needs real files.
 */
final class Plugins implements AutoCloseable {
    private final URLClassLoader loader;
    private final List<Finding> problems = new ArrayList<>();
    private final List<Path> dirs;

    Plugins(List<Path> pluginDirs, boolean enabled) {
        this.dirs = pluginDirs.stream().filter(d -> d.getFileSystem() == FileSystems.getDefault())
                .map(d -> d.toAbsolutePath().normalize()).toList();
        this.loader = enabled ? open() : null;
    }

    private URLClassLoader open() {
        List<URL> urls = new ArrayList<>();
        for (Path pluginsDir : dirs) {
            if (Files.isDirectory(pluginsDir)) {
                addJars(pluginsDir, urls);
            }
        }
        return urls.isEmpty() ? null : new URLClassLoader("concierge-plugins", urls.toArray(URL[]::new),
                Plugins.class.getClassLoader());
    }

    private void addJars(Path pluginsDir, List<URL> urls) {
        try (Stream<Path> files = Files.list(pluginsDir)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                try (JarFile check = new JarFile(jar.toFile())) {
                    check.getManifest(); // reads the central directory: a truncated or foreign file fails here
                    urls.add(jar.toUri().toURL());
                } catch (IOException | SecurityException e) {
                    problems.add(new Finding(jar.toString(), "cannot be loaded as a plugin (" + e.getMessage()
                            + "); replace or remove it"));
                }
            }
        } catch (IOException e) {
            throw new InvalidWorkspaceException("cannot list plugins in " + pluginsDir + ": " + e.getMessage());
        }
    }

    /** Concierge's own class loader, then the plugins' if there are any. */
    List<ClassLoader> classLoaders(ClassLoader own) {
        return loader == null ? List.of(own) : List.of(own, loader);
    }

    /** Jars that could not be loaded. */
    List<Finding> problems() {
        return List.copyOf(problems);
    }

    /** {@code plugin:<jar>} when {@code resource} comes from a plugin jar, else empty. */
    String originOf(URL resource) {
        String text = resource.toString();
        int bang = text.indexOf("!/");
        if (!text.startsWith("jar:file:") || bang < 0) {
            return "";
        }
        try {
            // Class loaders only read jars on the default file system, so this is where the jar is.
            Path jar = Path.of(new java.net.URI(text.substring(4, bang))).toAbsolutePath().normalize();
            return dirs.contains(jar.getParent()) ? "plugin:" + jar.getFileName() : "";
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return "";
        }
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
