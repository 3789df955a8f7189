package io.concierge.workers;

import io.concierge.testkit.WorkerContract;
import io.concierge.workers.audio.AudioEncodeWorker;
import io.concierge.workers.audio.LoudnessNormalizeWorker;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavWriter;
import io.concierge.workers.data.DataValidateWorker;
import io.concierge.workers.db.SqliteBackupWorker;
import io.concierge.workers.files.CompressWorker;
import io.concierge.workers.files.CopyWorker;
import io.concierge.workers.test.EchoWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in worker that needs no native tool keeps the testkit's {@link WorkerContract}:
 * descriptor, validation, writes, outputs and halts, on generated inputs. (video.transcode and the
 * ffmpeg formats are exercised against the real tool in their own tests.)
 */
class BuiltInWorkersContractTest {

    @TempDir
    Path tmp;

    @Test
    void echoWorkerKeepsTheContract() {
        WorkerContract.forWorker(new EchoWorker()).withInput("message", "hello from the contract")
                .withHaltCheckParam("delay_seconds", "60").check();
    }

    @Test
    void copyWorkerKeepsTheContract() {
        WorkerContract.forWorker(new CopyWorker()).withInputFile("source", "report.csv", "id,total\n1,9.50\n").check();
    }

    @Test
    void compressWorkerKeepsTheContract() {
        WorkerContract.forWorker(new CompressWorker()).withInputFile("source", "notes.txt", "line\n".repeat(10_000))
                .withParam("format", "zip").check();
    }

    @Test
    void dataValidateWorkerKeepsTheContract() {
        WorkerContract.forWorker(new DataValidateWorker()).withInputFile("data_file", "orders.csv", "id,total\n1,9.50\n2,3\n")
                .check();
    }

    @Test
    void sqliteBackupWorkerKeepsTheContract() throws SQLException {
        Path db = tmp.resolve("shop.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)");
            s.execute("INSERT INTO orders (total) VALUES (9.5), (3.0)");
        }
        WorkerContract.forWorker(new SqliteBackupWorker()).withInputFile("database_file", db).check();
    }

    @Test
    void loudnessNormalizeWorkerKeepsTheContract() throws IOException {
        WorkerContract.forWorker(new LoudnessNormalizeWorker()).withInputFile("audio_file", tone(tmp.resolve("tone.wav"), 3))
                .withParam("target_loudness", "-16").check();
    }

    @Test
    void audioEncodeWorkerKeepsTheContractForMp3() throws IOException {
        WorkerContract.forWorker(new AudioEncodeWorker()).withInputFile("audio_file", tone(tmp.resolve("tone.wav"), 3))
                .withParam("format", "mp3").withParam("bitrate", "128").check();
    }

    /** A stereo 440 Hz tone at -20 dBFS, 16-bit 44.1 kHz. */
    static Path tone(Path file, double seconds) throws IOException {
        int rate = 44_100;
        int frames = (int) (seconds * rate);
        double[] samples = new double[frames * 2];
        for (int i = 0; i < frames; i++) {
            double v = 0.1 * Math.sin(2 * Math.PI * 440 * i / rate);
            samples[2 * i] = v;
            samples[2 * i + 1] = v;
        }
        try (WavWriter writer = WavWriter.create(file, WavFormat.pcm(2, rate, 16))) {
            writer.write(samples, frames);
        }
        return file;
    }
}
