package io.concierge.workers.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * {@code file.compress}: archives a file or a whole folder into the job's artifacts as
 * {@code zip}, {@code tar.gz}, {@code gz} or {@code zst} (the last two hold a single file).
 *
 * <p>Input {@code source}: a path to a file or a folder. The package declares it as a string,
 * because the planner's {@code file} type refuses folders, so this worker checks it itself; a
 * relative path resolves against the process's working directory. Params {@code format}
 * (default {@code zip}) and {@code level} (optional; 0-9 for zip, 1-9 for gzip, 1-22 for zstd).
 * Output {@code archive}: {@code <source name>.<extension>}; output {@code contents}:
 * {@code <source name>-contents.json}, the entries (name, type, size, and for zip the compressed
 * size; the first {@value #MAX_LISTED_ENTRIES}) with the totals and the ratio, for a person to
 * look through before opening the archive.
 *
 * <p>Entries are named relative to the source's parent ({@code reports/a/b.txt}), never absolute
 * and never with {@code ..}. Symbolic links inside a folder are not followed: tar stores them as
 * links, zip skips them with a progress note (counted, with sockets and pipes, in metric
 * {@code skipped}). Modification times are kept, and a
 * {@code gz}/{@code zst} file takes its source's time, as {@code gzip} does.
 */
public final class CompressWorker implements Worker {
    /**
     * 1.1 adds the {@code contents} output, the archive's entries with their sizes; a new minor
     * version also keeps the step cache from serving 1.0's outputs, which lack it.
     */
    private static final WorkerDescriptor DESCRIPTOR = new WorkerDescriptor("file.compress", "1.1.0",
            "Archives a file or a folder as zip, tar.gz, gz or zst", List.of("source"),
            List.of("format", "level"), List.of("archive", "contents"));
    /** Entries a contents listing names one by one; the rest are counted. */
    static final int MAX_LISTED_ENTRIES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int CHUNK = 1 << 16;

    /** Creates the worker; it keeps no state between steps. */
    public CompressWorker() {
    }

    @Override
    public WorkerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Whether zstd-jni's native library loads on this machine; {@code zst} is refused when not.
     *
     * @return true when {@code zst} can be written
     */
    public static boolean zstdAvailable() {
        return ZstdProbe.AVAILABLE;
    }

    @Override
    public void validate(WorkerContext ctx) {
        Request.of(ctx);
    }

    @Override
    public WorkerResult execute(WorkerContext ctx) throws IOException {
        Request request = Request.of(ctx);
        ctx.checkHalted();
        List<Entry> entries = new ArrayList<>();
        Map<String, Long> compressed = new HashMap<>();
        int skipped = collect(request.source(), ctx.scratchDir(), entries);
        long total = entries.stream().filter(e -> e.kind() == Kind.FILE).mapToLong(Entry::size).sum();
        String archiveName = archiveName(request.source(), request.format());
        Path partial = ctx.scratchDir().resolve("partial-" + archiveName);
        Progress progress = new Progress(ctx, total);
        ctx.progress(0, "compressing " + entries.size() + " entries as " + request.format().id());
        switch (request.format()) {
            case ZIP -> skipped += writeZip(entries, partial, request.level(), progress, compressed);
            case TAR_GZ -> writeTarGz(entries, partial, request.level(), progress);
            case GZ -> writeGz(entries.get(0), partial, request.level(), progress);
            case ZST -> writeZst(entries.get(0), partial, request.level(), progress);
        }
        ctx.checkHalted();
        if (!request.format().holdsFolders()) {
            Files.setLastModifiedTime(partial, Files.getLastModifiedTime(request.source()));
        }
        // Written in scratch and moved when complete, so a halted or failed step never leaves a
        // truncated archive that looks finished.
        Path archive = ctx.outputFile(archiveName);
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
        long bytesOut = Files.size(archive);
        long files = entries.stream().filter(e -> e.kind() == Kind.FILE).count();
        Path contents = ctx.outputFile(archiveName.substring(0, archiveName.length() - request.format().extension().length() - 1)
                + "-contents.json");
        writeContents(contents, archiveName, request.format(), entries, compressed, total, bytesOut);
        ctx.progress(1, "wrote " + archiveName + (skipped > 0 ? " (" + skipped + " links or special files skipped)" : ""));
        return WorkerResult.builder()
                .output("archive", archive)
                .output("contents", contents)
                .metric("files", files)
                .metric("bytes_in", total)
                .metric("bytes_out", bytesOut)
                .metric("ratio", total == 0 ? 0.0 : Math.round(1000.0 * bytesOut / total) / 1000.0)
                .metric("format", request.format().id())
                .metric("skipped", skipped)
                .build();
    }

    /** Writes the contents listing: every entry's name, type and size (first ones), the totals and the ratio. */
    private static void writeContents(Path file, String archiveName, ArchiveFormat format, List<Entry> entries,
                                      Map<String, Long> compressed, long bytesIn, long bytesOut) throws IOException {
        Map<String, Object> contents = new LinkedHashMap<>();
        contents.put("kind", "archive-contents");
        contents.put("archive", archiveName);
        contents.put("format", format.id());
        contents.put("entries_total", entries.size());
        contents.put("files", entries.stream().filter(e -> e.kind() == Kind.FILE).count());
        contents.put("bytes_in", bytesIn);
        contents.put("bytes_out", bytesOut);
        contents.put("ratio", bytesIn == 0 ? 0.0 : Math.round(1000.0 * bytesOut / bytesIn) / 1000.0);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Entry e : entries.subList(0, Math.min(entries.size(), MAX_LISTED_ENTRIES))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", e.name());
            // zip cannot hold a link: it was left out of the archive, and the listing says so
            entry.put("type", e.kind() == Kind.SYMLINK && format == ArchiveFormat.ZIP ? "skipped link"
                    : e.kind().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("size", e.size());
            if (compressed.containsKey(e.name())) {
                entry.put("compressed_size", compressed.get(e.name()));
            }
            listed.add(entry);
        }
        contents.put("entries", listed);
        JSON.writeValue(file.toFile(), contents);
    }

    /** The archive's name: the source's name plus the format's extension, without leading dots. */
    static String archiveName(Path source, ArchiveFormat format) {
        Path name = source.getFileName();
        String base = name == null ? "archive" : name.toString().replaceFirst("^\\.+", "");
        return (base.isEmpty() ? "archive" : base) + "." + format.extension();
    }

    /**
     * Lists the entries to archive: the file itself, or the folder and everything under it,
     * without following links. Returns how many entries zip would not be able to hold.
     */
    private static int collect(Path source, Path scratch, List<Entry> entries) throws IOException {
        Path root = source.getFileName() == null ? null : source.getFileName();
        String base = root == null ? "archive" : root.toString();
        if (!Files.isDirectory(source)) {
            entries.add(new Entry(source, safeName(base), Kind.FILE, Files.size(source)));
            return 0;
        }
        int[] skipped = {0};
        Path scratchReal = scratch.toAbsolutePath().normalize();
        Files.walkFileTree(source, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        // A folder that holds the workspace would otherwise archive its own partial output.
                        if (dir.toAbsolutePath().normalize().equals(scratchReal)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        entries.add(new Entry(dir, name(dir) + "/", Kind.DIRECTORY, 0));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isSymbolicLink()) {
                            entries.add(new Entry(file, name(file), Kind.SYMLINK, 0));
                        } else if (attrs.isRegularFile()) {
                            entries.add(new Entry(file, name(file), Kind.FILE, attrs.size()));
                        } else {
                            skipped[0]++; // sockets, pipes and devices have no bytes to archive
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        throw WorkerFailure.nonRetryable("input.invalid", "input source: cannot read " + file + ": " + e.getMessage());
                    }

                    private String name(Path path) {
                        Path relative = source.relativize(path);
                        StringBuilder name = new StringBuilder(base);
                        for (Path part : relative) {
                            if (!part.toString().isEmpty()) {
                                name.append('/').append(part);
                            }
                        }
                        return safeName(name.toString());
                    }
                });
        return skipped[0];
    }

    /** Refuses a name an extractor could place outside its target folder. */
    private static String safeName(String name) {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (trimmed.isEmpty() || trimmed.startsWith("/") || trimmed.contains("\\")
                || List.of(trimmed.split("/", -1)).stream().anyMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."))) {
            throw WorkerFailure.nonRetryable("input.invalid", "input source: entry name '" + name + "' is not a safe relative path");
        }
        return name;
    }

    private static int writeZip(List<Entry> entries, Path target, OptionalInt level, Progress progress,
                                Map<String, Long> compressed) throws IOException {
        int skippedLinks = 0;
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(target)) {
            zip.setLevel(level.orElse(Deflater.DEFAULT_COMPRESSION));
            for (Entry e : entries) {
                progress.halt();
                if (e.kind() == Kind.SYMLINK) {
                    // zip has no portable link entry; storing the target's bytes would follow the
                    // link out of the folder, so the link is left out.
                    skippedLinks++;
                    progress.note("skipped symbolic link " + e.name() + " (zip cannot store links; use tar.gz)");
                    continue;
                }
                ZipArchiveEntry entry = new ZipArchiveEntry(e.path(), e.name(), LinkOption.NOFOLLOW_LINKS);
                zip.putArchiveEntry(entry);
                if (e.kind() == Kind.FILE) {
                    copy(e, zip, progress);
                }
                zip.closeArchiveEntry();
                if (e.kind() == Kind.FILE) {
                    compressed.put(e.name(), entry.getCompressedSize());
                }
            }
        }
        return skippedLinks;
    }

    private static void writeTarGz(List<Entry> entries, Path target, OptionalInt level, Progress progress) throws IOException {
        GzipParameters parameters = new GzipParameters();
        parameters.setCompressionLevel(level.orElse(Deflater.DEFAULT_COMPRESSION));
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), CHUNK);
             GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file, parameters);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, "UTF-8")) {
            // POSIX (pax) headers: names over 100 bytes and files over 8 GiB are stored whole.
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Entry e : entries) {
                progress.halt();
                TarArchiveEntry entry;
                if (e.kind() == Kind.SYMLINK) {
                    entry = new TarArchiveEntry(e.name(), TarConstants.LF_SYMLINK);
                    entry.setLinkName(Files.readSymbolicLink(e.path()).toString());
                    entry.setModTime(Files.getLastModifiedTime(e.path(), LinkOption.NOFOLLOW_LINKS));
                } else {
                    entry = new TarArchiveEntry(e.path(), e.name(), LinkOption.NOFOLLOW_LINKS);
                }
                tar.putArchiveEntry(entry);
                if (e.kind() == Kind.FILE) {
                    copy(e, tar, progress);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    private static void writeGz(Entry e, Path target, OptionalInt level, Progress progress) throws IOException {
        GzipParameters parameters = new GzipParameters();
        parameters.setCompressionLevel(level.orElse(Deflater.DEFAULT_COMPRESSION));
        parameters.setFileName(e.name());
        parameters.setModificationInstant(Files.getLastModifiedTime(e.path()).toInstant());
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), CHUNK);
             GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file, parameters)) {
            copy(e, gzip, progress);
        }
    }

    private static void writeZst(Entry e, Path target, OptionalInt level, Progress progress) throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), CHUNK);
             // 3 is zstd's own default level.
             ZstdCompressorOutputStream zstd = new ZstdCompressorOutputStream(file, level.orElse(3))) {
            copy(e, zstd, progress);
        }
    }

    private static void copy(Entry e, OutputStream out, Progress progress) throws IOException {
        try (InputStream in = Files.newInputStream(e.path(), LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.read(buffer)) > 0) {
                progress.halt();
                out.write(buffer, 0, n);
                progress.advance(n, e.name());
            }
        }
    }

    /** Progress by bytes read, and the halt check, for one step. */
    private static final class Progress {
        private final WorkerContext ctx;
        private final long total;
        private long done;

        Progress(WorkerContext ctx, long total) {
            this.ctx = ctx;
            this.total = total;
        }

        void halt() {
            ctx.checkHalted();
        }

        void advance(long bytes, String entry) {
            done += bytes;
            ctx.progress(total == 0 ? 1 : Math.min(1.0, (double) done / total), "compressing " + entry);
        }

        void note(String message) {
            ctx.progress(total == 0 ? 0 : Math.min(1.0, (double) done / total), message);
        }
    }

    private enum Kind { FILE, DIRECTORY, SYMLINK }

    /** One archive entry: where it is read from and the relative name it is stored under. */
    private record Entry(Path path, String name, Kind kind, long size) {
    }

    /** The checked input and params of one step. */
    private record Request(Path source, ArchiveFormat format, OptionalInt level) {
        static Request of(WorkerContext ctx) {
            String value = ctx.inputs().require("source");
            Path source;
            try {
                source = ctx.artifactsDir().getFileSystem().getPath(value);
            } catch (InvalidPathException e) {
                throw new InvalidInputException("input source: '" + value + "' is not a valid path", e);
            }
            // The package binds source as plain text, so a relative path is resolved here the way
            // core resolves file inputs it binds: against the working directory.
            source = source.toAbsolutePath().normalize();
            if (!Files.exists(source)) {
                throw new NotFoundException("input source: " + source + " does not exist");
            }
            boolean folder = Files.isDirectory(source);
            if (!folder && !Files.isRegularFile(source)) {
                throw new InvalidInputException("input source: " + source + " is neither a regular file nor a folder");
            }
            if (!Files.isReadable(source)) {
                throw new InvalidInputException("input source: " + source + " is not readable");
            }
            ArchiveFormat format = ArchiveFormat.parse(ctx.params().get("format", "zip"), zstdAvailable());
            if (folder && !format.holdsFolders()) {
                throw new InvalidInputException("input source: " + source + " is a folder, and " + format.id()
                        + " holds a single file; use format tar.gz or zip");
            }
            OptionalInt level = ctx.params().find("level").isEmpty() ? OptionalInt.empty()
                    : OptionalInt.of(format.checkLevel(ctx.params().integer("level", 0)));
            return new Request(source, format, level);
        }
    }

    /** Loads zstd-jni's native library once, on first use; the answer never changes afterwards. */
    private static final class ZstdProbe {
        static final boolean AVAILABLE = probe();

        private static boolean probe() {
            try {
                com.github.luben.zstd.util.Native.load();
                return com.github.luben.zstd.util.Native.isLoaded();
            } catch (LinkageError | RuntimeException e) {
                return false;
            }
        }
    }
}
