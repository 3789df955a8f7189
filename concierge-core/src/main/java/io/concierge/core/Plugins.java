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
    private final Path dir;

    Plugins(Path pluginsDir, boolean enabled) {
        this.dir = pluginsDir;
        this.loader = enabled ? open(pluginsDir) : null;
    }

    private URLClassLoader open(Path pluginsDir) {
        if (pluginsDir.getFileSystem() != FileSystems.getDefault() || !Files.isDirectory(pluginsDir)) {
            return null;
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(pluginsDir)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                try (JarFile check = new JarFile(jar.toFile())) {
                    check.getManifest(); // reads the central directory: a truncated or foreign file fails here
                    urls.add(jar.toUri().toURL());
                } catch (IOException | SecurityException e) {
                    problems.add(new Finding("plugins/" + jar.getFileName(), "cannot be loaded (" + e.getMessage()
                            + "); replace or remove it"));
                }
            }
        } catch (IOException e) {
            throw new InvalidWorkspaceException("cannot list plugins in " + pluginsDir + ": " + e.getMessage());
        }
        return urls.isEmpty() ? null : new URLClassLoader("concierge-plugins", urls.toArray(URL[]::new),
                Plugins.class.getClassLoader());
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
        String marker = dir.toAbsolutePath().toUri().toString();
        if (text.startsWith("jar:" + marker)) {
            String rest = text.substring(("jar:" + marker).length());
            int bang = rest.indexOf("!/");
            return "plugin:" + (bang < 0 ? rest : rest.substring(0, bang));
        }
        return "";
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
