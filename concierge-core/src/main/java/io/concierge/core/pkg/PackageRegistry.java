package io.concierge.core.pkg;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.workspace.Finding;
import io.concierge.core.workspace.FileWorkspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every task package a Concierge knows: built in (listed in {@code META-INF/concierge/packages.list}
 * of each jar on the class path, no scanning), and the workspace's {@code packages/} folder, which
 * overrides a built-in package of the same id and version. Loaded on first use, so commands that
 * need no package pay nothing.
 */
public final class PackageRegistry {
    /** The index of built-in packages in each jar. */
    public static final String INDEX = "META-INF/concierge/packages.list";

    private final FileWorkspace workspace;
    private final PackageParser parser;
    private final List<ClassLoader> classLoaders;
    private final java.util.function.Function<URL, String> pluginOrigin;
    private volatile Loaded loaded;

    /** What loading found: the packages that read well, and one finding per workspace file that did not. */
    private record Loaded(List<TaskPackage> packages, List<Finding> problems) {
    }

    /**
     * Creates the registry; {@code classLoaders} are searched for built-in package indexes, and
     * {@code pluginOrigin} names the plugin jar an index came from (empty for the class path).
     */
    public PackageRegistry(FileWorkspace workspace, PackageParser parser, List<ClassLoader> classLoaders,
                           java.util.function.Function<URL, String> pluginOrigin) {
        this.workspace = workspace;
        this.parser = parser;
        this.classLoaders = List.copyOf(classLoaders);
        this.pluginOrigin = pluginOrigin;
    }

    /**
     * All packages that read well, sorted by id then version (highest last). A workspace package
     * file that is malformed, oversized, unreadable or a link out of {@code packages/} is left
     * out and reported by {@link #problems()}, so one bad file does not hide the others.
     */
    public List<TaskPackage> all() {
        return loaded().packages();
    }

    /** One finding per workspace package file that could not be loaded, naming the file; empty when all loaded. */
    public List<Finding> problems() {
        return loaded().problems();
    }

    private Loaded loaded() {
        Loaded current = loaded;
        if (current == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = load();
                }
                current = loaded;
            }
        }
        return current;
    }

    /** The newest version of each package id. */
    public List<TaskPackage> newest() {
        Map<String, TaskPackage> newest = new LinkedHashMap<>();
        for (TaskPackage p : all()) {
            newest.merge(p.id(), p, (a, b) -> SemVer.compare(a.version(), b.version()) >= 0 ? a : b);
        }
        return List.copyOf(newest.values());
    }

    /**
     * A package by {@code id} (newest version) or {@code id@version}; a chain of packages
     * ({@code a.b+c.d@1.0.0+2.0.0}, see {@link PackageChain}) is composed from its parts.
     */
    public TaskPackage get(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new InvalidInputException("package id is empty; list packages with: bit package list");
        }
        if (PackageChain.isChain(ref)) {
            return PackageChain.compose(PackageChain.partRefs(ref).stream().map(this::get).toList());
        }
        String id = ref;
        String version = "";
        int at = ref.indexOf('@');
        if (at >= 0) {
            id = ref.substring(0, at);
            version = ref.substring(at + 1);
        }
        String wantedId = id;
        String wantedVersion = version;
        Optional<TaskPackage> found = all().stream()
                .filter(p -> p.id().equals(wantedId))
                .filter(p -> wantedVersion.isEmpty() || p.version().equals(wantedVersion))
                .max((a, b) -> SemVer.compare(a.version(), b.version()));
        if (found.isPresent()) {
            return found.get();
        }
        // A package whose file is broken is not "not found": say which file to fix.
        String folder = "packages/" + wantedId.replace('.', '/') + "/";
        for (Finding problem : problems()) {
            if (problem.subject().startsWith(folder) && (wantedVersion.isEmpty()
                    || problem.subject().startsWith(folder + "v" + wantedVersion + "/"))) {
                throw new InvalidWorkspaceException("task package " + ref + " cannot be loaded: " + problem.subject()
                        + ": " + problem.message());
            }
        }
        throw new NotFoundException("no task package " + ref + "; list the installed ones with: bit package list");
    }

    private Loaded load() {
        Map<String, TaskPackage> byRef = new LinkedHashMap<>();
        for (TaskPackage p : builtIn()) {
            byRef.put(p.ref(), p);
        }
        List<Finding> problems = new ArrayList<>();
        for (TaskPackage p : fromWorkspace(problems)) {
            byRef.put(p.ref(), p); // the workspace overrides a built-in package of the same version
        }
        List<TaskPackage> sorted = new ArrayList<>(byRef.values());
        sorted.sort(Comparator.comparing(TaskPackage::id).thenComparing(TaskPackage::version, SemVer::compare));
        return new Loaded(List.copyOf(sorted), List.copyOf(problems));
    }

    private List<TaskPackage> builtIn() {
        List<TaskPackage> found = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (ClassLoader loader : classLoaders) {
            Enumeration<URL> indexes;
            try {
                indexes = loader.getResources(INDEX);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            while (indexes.hasMoreElements()) {
                URL index = indexes.nextElement();
                if (seen.contains(index.toString())) {
                    continue;
                }
                seen.add(index.toString());
                for (String line : lines(index)) {
                    URL resource;
                    try {
                        resource = new URL(index, line);
                    } catch (IOException e) {
                        throw new InvalidWorkspaceException("package index " + index + " lists a bad path '" + line + "'");
                    }
                    byte[] bytes;
                    try (InputStream in = resource.openStream()) {
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new InvalidWorkspaceException("package index " + index + " lists " + line
                                + " but it cannot be read: " + e.getMessage());
                    }
                    String plugin = pluginOrigin.apply(index);
                    String origin = plugin.isEmpty() ? "builtin:" + line : plugin + "!" + line;
                    found.add(parser.parse(bytes, origin).orThrow(origin));
                }
            }
        }
        return found;
    }

    private static List<String> lines(URL index) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private List<TaskPackage> fromWorkspace(List<Finding> problems) {
        Path dir = workspace.packagesDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<TaskPackage> found = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try {
            // walkFileTree rather than walk: an unreadable folder is one finding, not the end of the listing.
            Files.walkFileTree(dir, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), 4,
                    new java.nio.file.SimpleFileVisitor<>() {
                        @Override
                        public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                            if (file.getFileName().toString().equals("package.yaml")) {
                                files.add(file);
                            }
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }

                        @Override
                        public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                            problems.add(new Finding(dir.getParent().relativize(file).toString(), "cannot be read ("
                                    + WorkspaceIoException.reason(e) + "); make it readable or remove it"));
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new WorkspaceIoException("list the packages in", dir, e);
        }
        files.sort(null);
        for (Path file : files) {
            try {
                FileWorkspace.requireInside(dir, file, "package file");
                found.add(readWorkspacePackage(dir, file));
            } catch (ConciergeException e) {
                problems.add(new Finding(dir.getParent().relativize(file).toString(), e.getMessage()));
            }
        }
        return found;
    }

    private TaskPackage readWorkspacePackage(Path dir, Path file) {
        String origin = "workspace:" + dir.getParent().relativize(file);
        byte[] bytes;
        try {
            if (Files.size(file) > io.concierge.core.codec.Codecs.MAX_DOCUMENT_BYTES) {
                throw new InvalidWorkspaceException("package " + file + " is larger than 1 MiB; it cannot be a package");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WorkspaceIoException("read package", file, e);
        }
        TaskPackage pkg = parser.parse(bytes, origin).orThrow(file.toString());
        // packages/<category>/<name>/v<version>/package.yaml must agree with what the file says.
        Path relative = dir.relativize(file);
        if (relative.getNameCount() == 4) {
            String expected = relative.getName(0) + "." + relative.getName(1) + "@" + relative.getName(2).toString().replaceFirst("^v", "");
            if (!expected.equals(pkg.ref())) {
                throw new InvalidWorkspaceException("package " + file + " says it is " + pkg.ref() + " but lies in the folder of "
                        + expected + "; move it to packages/<category>/<name>/v<version>/package.yaml");
            }
        }
        return pkg;
    }
}
