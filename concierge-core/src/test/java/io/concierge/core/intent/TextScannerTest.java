package io.concierge.core.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.intent.Quantity;
import io.concierge.core.intent.TextScanner.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Paths kept whole in any script, folders, destinations, units, frame sizes and format aliases. */
class TextScannerTest {
    private static Reading scan(String text) {
        return TextScanner.scan(IntentSynthesizer.normalize(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "validate \"sales – Q3.csv\"|sales – Q3.csv",               // a typographic dash stays
        "copy «заметки.txt»|заметки.txt",
        "normalise “interview take 2.wav” now|interview take 2.wav",
        "copy 報告書.txt|報告書.txt",
        "normalize Señora-Entrevista.wav.|Señora-Entrevista.wav",
        "back up 'app data/main.sqlite'|app data/main.sqlite",
        "validate ./exports/2025-11-30.csv|./exports/2025-11-30.csv",
        "copy my.file.v2.tar please|my.file.v2.tar",
        "zip the folder données/2025|données/2025",
    })
    void keepsFileNamesWhole(String text, String file) {
        assertThat(scan(text).files()).containsExactly(file);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "compress the reports folder|reports",
        "zip the folder 写真|写真",
        "compress the 'raw data' folder|raw data",
        "archive the directory \"Project Files\" as zip|Project Files",
        "zip notes/|notes/",
        "tar up ./build/dist|./build/dist",
    })
    void readsFolders(String text, String folder) {
        Reading r = scan(text);
        assertThat(r.files()).containsExactly(folder);
        assertThat(r.folders()).containsExactly(folder);
    }

    @Test
    void aPathAfterToIsTheDestinationNotASource() {
        Reading r = scan("copy report.csv to /mnt/backup/");
        assertThat(r.files()).containsExactly("report.csv");
        assertThat(r.destination()).isEqualTo("/mnt/backup/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "copy X.csv to /mnt/backup/|X.csv|/mnt/backup/",
        "duplicate X.csv into ~/archive|X.csv|~/archive/",           // "into" a name without extension: a folder
        "copy X.csv to backup/x.txt|X.csv|backup/x.txt",            // a file path: delivered under that name
        "copy X.csv to ~/backups|X.csv|~/backups",                  // "to": as typed; planning sees if it is a folder
        "copy X.csv into the backup folder|X.csv|backup/",
        "copy 'my notes.txt' to \"/srv/shared files/\"|my notes.txt|/srv/shared files/",
        "copy X.csv into our archive folder and overwrite|X.csv|archive/",
    })
    void readsWhereTheResultGoes(String text, String file, String destination) {
        Reading r = scan(text);
        assertThat(r.files()).containsExactly(file);
        assertThat(r.destination()).isEqualTo(destination);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "copy notes/todo.txt into the artifacts",                  // no path: the job's own place
        "zip the reports folder",                                   // the folder is the source
        "compress logs/ to a tarball",
        "normalize ep.wav to -16 LUFS",
    })
    void noDestinationWithoutAPlaceAfterAnEarlierFile(String text) {
        assertThat(scan(text).destination()).isEmpty();
    }

    @Test
    void emailAddressesAndVersionsAreNotFiles() {
        assertThat(scan("is bob@example.com valid? see v1.2 e.g. here").files()).isEmpty();
        assertThat(scan("is bob@example.com valid?").others()).containsExactly("bob@example.com");
    }

    @Test
    void readsUnitsMinusWordsAndFrameSizes() {
        Reading r = scan("normalize a.wav to minus 16 LKFS, −1.5 dBTP; 1280x720, 1080p, 4K at 128k and 2.5 Mbps");
        assertThat(r.quantities()).containsExactly(new Quantity(-16, "LUFS"), new Quantity(-1.5, "dBTP"),
                new Quantity(128, "KB"), new Quantity(2.5, "Mbps"));
        assertThat(r.resolutions()).containsExactly("1280x720", "1080p", "3840x2160");
    }

    @Test
    void canonicalFormatsFromAliases() {
        assertThat(scan("archive logs as tgz").formats()).containsExactly("tar.gz");
        assertThat(scan("compress dump.sql with zstd").formats()).containsExactly("zst");
        assertThat(scan("compress core.dump as .gz").formats()).containsExactly("gz");
        assertThat(scan("convert band.wav to an ogg vorbis file").formats()).containsExactly("ogg");
        assertThat(scan("archive photos as a .tar.gz").formats()).containsExactly("tar.gz");
    }
}
