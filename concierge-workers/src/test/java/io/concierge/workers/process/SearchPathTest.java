package io.concierge.workers.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchPathTest {

    @TempDir
    Path dir;

    @Test
    void findsTheFirstExecutableInPathOrder() throws IOException {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        executable(second.resolve("tool"));
        Path winner = executable(first.resolve("tool"));

        SearchPath path = SearchPath.parse(first + File.pathSeparator + second);

        assertThat(path.find("tool")).contains(winner);
    }

    @Test
    void skipsFilesThatAreNotExecutableAndFolders() throws IOException {
        Files.writeString(dir.resolve("plain"), "not runnable");
        Files.createDirectories(dir.resolve("folder"));

        SearchPath path = SearchPath.parse(dir.toString());

        assertThat(path.find("plain")).isEmpty();
        assertThat(path.find("folder")).isEmpty();
    }

    @Test
    void dropsEmptyAndRelativeEntriesSoTheWorkingDirectoryIsNeverSearched() {
        SearchPath path = SearchPath.parse("" + File.pathSeparator + "bin" + File.pathSeparator + "./x"
                + File.pathSeparator + dir);

        assertThat(path.directories()).containsExactly(dir);
    }

    @Test
    void nullPathFindsNothing() {
        assertThat(SearchPath.parse(null).find("sh")).isEmpty();
    }

    @Test
    void rejectsNamesWithAFolder() {
        SearchPath path = SearchPath.parse(dir.toString());

        assertThatThrownBy(() -> path.find("../sh")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Path executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
