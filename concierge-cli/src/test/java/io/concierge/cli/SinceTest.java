package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SinceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void durationsCountBackFromNow() {
        assertThat(Since.parse("24h", NOW)).isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
        assertThat(Since.parse("7d", NOW)).isEqualTo(Instant.parse("2026-11-18T12:00:00Z"));
        assertThat(Since.parse("30m", NOW)).isEqualTo(Instant.parse("2026-11-25T11:30:00Z"));
        assertThat(Since.parse("2w", NOW)).isEqualTo(Instant.parse("2026-11-11T12:00:00Z"));
    }

    @Test
    void isoTimesAndDatesAreTakenAsTheyAre() {
        assertThat(Since.parse("2026-11-20T08:15:00Z", NOW)).isEqualTo(Instant.parse("2026-11-20T08:15:00Z"));
        assertThat(Since.parse("2026-11-20", NOW)).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(Since.parse(null, NOW)).isNull();
    }

    @Test
    void anythingElseIsRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> Since.parse("yesterday", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24h").hasMessageContaining("yesterday");
    }
}
