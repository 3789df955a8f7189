package io.concierge.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sentences a person might write, and the package and inputs each must yield through the real
 * synthesizer, registry and matcher. Inputs are {@code name=value} pairs separated by {@code ;}.
 */
class PhrasingTest {
    @TempDir
    static Path tmp;
    static Concierge concierge;

    @BeforeAll
    static void open() {
        concierge = Concierge.builder(tmp.resolve("ws")).workingDirectory(tmp).open();
    }

    @AfterAll
    static void close() {
        concierge.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the guide's own sentences
        "Normalize podcast episode.wav to -14 LUFS|audio.normalize|audio_file=episode.wav;target_loudness=-14 LUFS",
        "Normalize audio file ep001.wav to -14 LUFS|audio.normalize|audio_file=ep001.wav;target_loudness=-14 LUFS",
        "Normalize audio.wav|audio.normalize|audio_file=audio.wav;target_loudness=-14",
        "Normalize podcast audio|audio.normalize|audio_file=",
        "Normalize /data/in/show.wav to standard loudness. File size: 12K. Must preserve audio quality.|audio.normalize|audio_file=/data/in/show.wav",
        "Compress normalized audio to MP3 format|audio.encode|format=mp3;audio_file=",
        "Transcode video clip.mov to MP4 format. File size: 12M. Target bitrate: 5 Mbps|video.transcode|video_file=clip.mov;format=mp4;bitrate=5 Mbps",
        "Backup database app.db with compression and integrity verification|db.backup|database_file=app.db",
        // paraphrases: loudness
        "Please normalise the loudness of interview.wav|audio.normalize|audio_file=interview.wav",
        "normalize episode-42.wav to -16 LUFS with a true peak of -2 dBTP|audio.normalize|target_loudness=-16 LUFS;true_peak=-2 dBTP",
        "Level the podcast track take3.wav to -23 LUFS|audio.normalize|audio_file=take3.wav;target_loudness=-23 LUFS",
        "Could you normalize \"my show.wav\"?|audio.normalize|audio_file=my show.wav",
        "Normalizing ~/audio/intro.wav for streaming|audio.normalize|audio_file=~/audio/intro.wav",
        "Normalize the voice in podcasts/ep7.wav to −18 LUFS|audio.normalize|audio_file=podcasts/ep7.wav;target_loudness=-18 LUFS",
        "I'd like to normalize the volume of mix.wav|audio.normalize|audio_file=mix.wav",
        // paraphrases: encoding
        "Encode episode.wav as MP3 at 128 kbps|audio.encode|audio_file=episode.wav;format=mp3;bitrate=128 kbps",
        "Convert song.wav to FLAC|audio.encode|audio_file=song.wav;format=flac",
        "Compress podcast.wav to ogg|audio.encode|audio_file=podcast.wav;format=ogg",
        "Encode the podcast audio to mp3 using VBR|audio.encode|format=mp3;mode=vbr",
        "Please compress normalized.wav into an MP3 at 320 kbps|audio.encode|audio_file=normalized.wav;bitrate=320 kbps",
        "Convert music.wav to an mp3 file|audio.encode|audio_file=music.wav;format=mp3",
        "encode voice.wav to flac for archiving|audio.encode|format=flac",
        // paraphrases: video
        "Transcode holiday.mkv to WebM|video.transcode|video_file=holiday.mkv;format=webm",
        "Convert video talk.avi to mp4 at 2.5 Mbps|video.transcode|video_file=talk.avi;format=mp4;bitrate=2.5 Mbps",
        "Transcode the clip intro.mov to MP4 at 720p|video.transcode|video_file=intro.mov;format=mp4",
        "Please transcode footage.mp4 to webm at 800 kbps|video.transcode|format=webm;bitrate=800 kbps",
        "Convert movie.m4v to MP4|video.transcode|video_file=movie.m4v;format=mp4",
        "Compress the video lecture.mov to mp4|video.transcode|video_file=lecture.mov",
        "Transcode screen-recording.webm to MP4 format|video.transcode|video_file=screen-recording.webm;format=mp4",
        // paraphrases: database
        "Back up the database users.sqlite|db.backup|database_file=users.sqlite",
        "Backup app.db without compression|db.backup|database_file=app.db",
        "Snapshot the sqlite database /var/lib/app/data.db|db.backup|database_file=/var/lib/app/data.db",
        "Please backup orders.sqlite3 and verify its integrity|db.backup|database_file=orders.sqlite3",
        "backup database prod.db with gzip compression|db.backup|database_file=prod.db;compression=gzip",
        // files and tests
        "Copy report.csv|file.copy|source=report.csv",
        "Copy the file notes/todo.txt into the artifacts|file.copy|source=notes/todo.txt",
        "Duplicate invoice.pdf|file.copy|source=invoice.pdf",
        "Please copy data.json|file.copy|source=data.json",
        // archives
        "Compress the folder reports into a zip|file.compress|format=zip;source=reports",
        "Archive logs.txt as tar.gz|file.compress|source=logs.txt;format=tar.gz",
        "Zip notes.txt|file.compress|format=zip",
        // data validation
        "Validate data.csv|data.validate|data_file=data.csv",
        "Check that orders.json matches schema.json|data.validate|data_file=orders.json;schema_file=schema.json",
        "Validate events.jsonl against the schema event-schema.json|data.validate|data_file=events.jsonl;schema_file=event-schema.json",
        "Echo hello world|test.echo|message=hello world",
        "Say hello from the test|test.echo|message=hello from the test",
        "Print the message ready|test.echo|message=the message ready",
        "Echo deployment finished|test.echo|message=deployment finished",
    })
    void sentenceYieldsPackageAndInputs(String text, String packageId, String inputs) {
        Job job = concierge.createJob(concierge.synthesize(text).id());
        assertThat(job.packageId()).as(text).isEqualTo(packageId);
        Map<String, String> expected = new LinkedHashMap<>();
        for (String pair : inputs.split(";")) {
            int eq = pair.indexOf('=');
            expected.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        expected.forEach((name, value) -> {
            String actual = job.inputs().get(name);
            assertThat(actual).as(text + " / " + name).isNotNull();
            if (name.endsWith("_file") || name.equals("source")) {
                assertThat(actual).as(text + " / " + name).isEqualTo(value);
            } else {
                assertThat(actual).as(text + " / " + name).isEqualToIgnoringCase(value);
            }
        });
    }
}
