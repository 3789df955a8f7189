package io.concierge.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparklineTest {
    @Test
    void lowestIsTheShortestBlockAndHighestTheTallest() {
        assertThat(Sparkline.of(List.of(-30.0, -20.0, -14.0), 10)).isEqualTo("▁▅█");
    }

    @Test
    void missingValuesAreGapsAndALongSeriesShowsTheHighestOfEachShare() {
        List<Double> values = new ArrayList<>(Arrays.asList(null, -10.0, -20.0, null));
        for (int i = 0; i < 96; i++) {
            values.add(i % 2 == 0 ? -30.0 : -25.0);
        }
        String line = Sparkline.of(values, 50);

        assertThat(line).hasSize(50).startsWith("█").doesNotContain(" ");
        assertThat(Sparkline.of(Arrays.asList(null, -20.0, null, -10.0), 4)).isEqualTo(" ▁ █");
        assertThat(Sparkline.of(Arrays.asList((Double) null, null), 4)).isEmpty();
        assertThat(Sparkline.of(List.of(-14.0, -14.0), 4)).isEqualTo("██");
        assertThatThrownBy(() -> Sparkline.of(List.of(1.0), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMinimumSpanKeepsASteadySeriesSteady() {
        // 0.3 LU of wobble on a 10 LU scale: all in the top block or the one below
        assertThat(Sparkline.of(List.of(-14.4, -14.1, -14.3, -14.2), 4, 10)).matches("[▇█]{4}");
        assertThat(Sparkline.of(List.of(-30.0, -14.0), 2, 10)).isEqualTo("▁█");
    }
}
