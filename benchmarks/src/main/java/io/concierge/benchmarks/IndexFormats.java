package io.concierge.benchmarks;

import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobStatus;
import io.concierge.api.job.JobSummary;
import io.concierge.core.codec.Codecs;
import io.concierge.core.job.JobFiles;
import io.concierge.core.workspace.FileWorkspace;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The three job index formats considered, each answering the same two questions in a fresh JVM:
 * the 20 newest jobs ({@code newest}) and every job ({@code all}), each listed job's
 * {@code job.yaml} stamped (one {@code stat}) as any index that must notice hand edits does.
 * Run every mode under {@code hyperfine} to see the start-up cost of each format:
 *
 * <ul>
 *   <li>{@code slots}: the index Concierge uses ({@code .concierge/index/}, sorted fixed-size
 *       slots and appended summary records), through core's {@code JobIndex};</li>
 *   <li>{@code sqlite}: the same summaries in a SQLite table (sqlite-jdbc, WAL), the newest by
 *       {@code ORDER BY id DESC LIMIT 20} on the primary key;</li>
 *   <li>{@code log}: an append-only file of one tab-separated summary line per change, read
 *       whole (the last line of an id wins).</li>
 * </ul>
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.concierge.benchmarks.IndexFormats WS prepare   # writes the other two
 * hyperfine -N 'java -cp benchmarks.jar io.concierge.benchmarks.IndexFormats WS slots newest' ...
 * }</pre>
 */
public final class IndexFormats {
    private IndexFormats() {
    }

    /**
     * Prepares the other formats, or answers one question in one format.
     *
     * @param args the workspace, then {@code prepare}, or a format and {@code newest} or {@code all}
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: IndexFormats WORKSPACE prepare | (slots|sqlite|log) (newest|all)");
            System.exit(2);
        }
        Path workspace = Path.of(args[0]).toAbsolutePath();
        Path dir = workspace.resolve(".concierge").resolve("index-formats");
        if (args[1].equals("prepare")) {
            prepare(workspace, dir);
            return;
        }
        boolean all = args.length > 2 && args[2].equals("all");
        // Every format opens the workspace first, as bit does anyway: what differs is the index.
        JobFiles jobs = jobFiles(workspace);
        List<String> lines = switch (args[1]) {
            case "slots" -> slots(jobs, all);
            case "sqlite" -> sqlite(workspace, dir, all);
            case "log" -> log(workspace, dir, all);
            default -> throw new IllegalArgumentException("unknown format " + args[1]);
        };
        System.out.println(lines.size() + " jobs, newest " + (lines.isEmpty() ? "-" : lines.get(0)));
    }

    private static JobFiles jobFiles(Path workspace) {
        return new JobFiles(FileWorkspace.open(workspace, new Codecs(), false, ""));
    }

    private static List<String> slots(JobFiles jobs, boolean all) {
        JobFilter filter = JobFilter.builder().newestFirst(true).limit(all ? 0 : 20).build();
        List<String> lines = new ArrayList<>();
        for (JobSummary job : jobs.index().list(filter).jobs()) {
            lines.add(job.id() + " " + job.status() + " " + job.intentText());
        }
        return lines;
    }

    private static void prepare(Path workspace, Path dir) throws Exception {
        Files.createDirectories(dir);
        List<JobSummary> jobs = jobFiles(workspace).index().summaries();
        Files.deleteIfExists(dir.resolve("jobs.sqlite"));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.sqlite"))) {
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE jobs (id TEXT PRIMARY KEY, status INTEGER, created_at TEXT, mtime INTEGER,"
                        + " size INTEGER, file_key INTEGER, version INTEGER, intent TEXT, package_id TEXT,"
                        + " package_version TEXT, updated_at TEXT)");
            }
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO jobs VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                for (JobSummary job : jobs) {
                    BasicFileAttributes a = stamp(workspace, job.id());
                    insert.setString(1, job.id());
                    insert.setInt(2, job.status().ordinal());
                    insert.setString(3, job.createdAt().toString());
                    insert.setLong(4, a.lastModifiedTime().toMillis());
                    insert.setLong(5, a.size());
                    insert.setLong(6, a.fileKey() == null ? 0 : a.fileKey().hashCode());
                    insert.setLong(7, job.version());
                    insert.setString(8, job.intentText());
                    insert.setString(9, job.packageId());
                    insert.setString(10, job.packageVersion());
                    insert.setString(11, job.updatedAt().toString());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            db.commit();
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("jobs.log"), StandardCharsets.UTF_8)) {
            for (JobSummary job : jobs) {
                BasicFileAttributes a = stamp(workspace, job.id());
                out.write(String.join("\t", job.id(), job.status().name(), job.createdAt().toString(),
                        Long.toString(a.lastModifiedTime().toMillis()), Long.toString(a.size()),
                        Long.toString(job.version()), job.intentText().replace('\t', ' ').replace('\n', ' '),
                        job.packageId(), job.packageVersion(), job.updatedAt().toString()));
                out.newLine();
            }
        }
        System.err.println("wrote " + jobs.size() + " jobs to " + dir);
    }

    private static List<String> sqlite(Path workspace, Path dir, boolean all) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.sqlite"));
             Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("SELECT id, status, mtime, size, intent FROM jobs ORDER BY id DESC"
                     + (all ? "" : " LIMIT 20"))) {
            while (rows.next()) {
                String id = rows.getString(1);
                BasicFileAttributes a = stamp(workspace, id);
                if (a.size() != rows.getLong(4) || a.lastModifiedTime().toMillis() != rows.getLong(3)) {
                    throw new IllegalStateException(id + " changed: a real index would read it again");
                }
                lines.add(id + " " + JobStatus.values()[rows.getInt(2)] + " " + rows.getString(5));
            }
        }
        return lines;
    }

    private static List<String> log(Path workspace, Path dir, boolean all) throws Exception {
        // The last line of an id wins, so the whole log is read whatever is asked.
        Map<String, String[]> latest = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("jobs.log"), StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.split("\t", -1);
                latest.put(fields[0], fields);
            }
        }
        TreeMap<String, String[]> sorted = new TreeMap<>(latest);
        List<String> lines = new ArrayList<>();
        for (String[] fields : sorted.descendingMap().values()) {
            if (!all && lines.size() == 20) {
                break;
            }
            BasicFileAttributes a = stamp(workspace, fields[0]);
            if (a.size() != Long.parseLong(fields[4])) {
                throw new IllegalStateException(fields[0] + " changed: a real index would read it again");
            }
            Instant.parse(fields[2]);
            lines.add(fields[0] + " " + fields[1] + " " + fields[6]);
        }
        return lines;
    }

    private static BasicFileAttributes stamp(Path workspace, String id) throws java.io.IOException {
        return Files.readAttributes(workspace.resolve("jobs").resolve(id).resolve("job.yaml"), BasicFileAttributes.class);
    }
}
