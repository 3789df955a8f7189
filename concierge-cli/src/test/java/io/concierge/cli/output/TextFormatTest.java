package io.concierge.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFormatTest {

    @Test
    void timesAreUtcToTheSecond() {
        assertThat(TextFormat.time(Instant.parse("2026-11-25T13:00:00.999Z"))).isEqualTo("2026-11-25T13:00:00Z");
        assertThat(TextFormat.time(null)).isEqualTo("-");
    }

    @Test
    void appendedTimesAreTheSameText() {
        for (String text : List.of("2026-11-25T13:00:00.999Z", "1970-01-01T00:00:00Z", "0001-02-03T04:05:06Z",
                "9999-12-31T23:59:59.5Z", "+10000-01-01T00:00:00Z", "-0001-06-30T12:00:00Z", "2000-02-29T23:59:59Z")) {
            StringBuilder out = new StringBuilder("x ");
            TextFormat.appendTime(out, Instant.parse(text));
            assertThat(out.toString()).as(text).isEqualTo("x " + TextFormat.time(Instant.parse(text)));
        }
        StringBuilder none = new StringBuilder();
        TextFormat.appendTime(none, null);
        assertThat(none.toString()).isEqualTo("-");
    }

    @Test
    void secondsIgnoreTheLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(TextFormat.seconds(1.844)).isEqualTo("1.84");
        } finally {
            Locale.setDefault(before);
        }
        assertThat(TextFormat.seconds(-1)).isEqualTo("-");
        assertThat(TextFormat.seconds(Instant.EPOCH, Instant.EPOCH.plusMillis(1500))).isEqualTo("1.50");
        assertThat(TextFormat.seconds(Instant.EPOCH, null)).isEqualTo("-");
    }

    @Test
    void sizesUseBinaryUnits() {
        assertThat(TextFormat.size(0)).isEqualTo("0 B");
        assertThat(TextFormat.size(1023)).isEqualTo("1023 B");
        assertThat(TextFormat.size(1536)).isEqualTo("1.5 KiB");
        assertThat(TextFormat.size(1_920_044)).isEqualTo("1.8 MiB");
    }

    @Test
    void pairsQuoteValuesWithSpacesAndFlattenMaps() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("error", "file not found");
        values.put("attempt", 2);
        values.put("metrics", Map.of("lufs", -14.0));
        values.put("empty", "");
        assertThat(TextFormat.pairs(values))
                .isEqualTo("error=\"file not found\" attempt=2 metrics.lufs=-14.0 empty=\"\"");
    }

    @Test
    void joinedShowsADashForNothing() {
        assertThat(TextFormat.joined(List.of())).isEqualTo("-");
        assertThat(TextFormat.joined(List.of("a", "b"))).isEqualTo("a, b");
    }
}
