package io.concierge.cli.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class AssignmentTest {

    @Test
    void splitsAtTheFirstEquals() {
        assertThat(Assignment.parse("audio_file=/tmp/a=b.wav")).isEqualTo(new Assignment("audio_file", "/tmp/a=b.wav"));
    }

    @Test
    void anEmptyValueClearsTheInput() {
        assertThat(Assignment.parse("audio_file=")).isEqualTo(new Assignment("audio_file", ""));
    }

    @Test
    void keepsSpacesInTheValue() {
        assertThat(Assignment.parse("title= My Show ")).isEqualTo(new Assignment("title", " My Show "));
    }

    @Test
    void refusesAMissingName() {
        assertThatThrownBy(() -> Assignment.parse("=value"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("no input name");
        assertThatThrownBy(() -> Assignment.parse(" =value")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void refusesAnArgumentWithoutEquals() {
        assertThatThrownBy(() -> Assignment.parse("audio_file"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not NAME=VALUE");
    }
}
