package io.concierge.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepReferenceTest {
    @Test
    void parsesExactlyOneReference() {
        assertThat(StepReference.parse("${steps.normalize.audio}")).contains(new StepReference("normalize", "audio"));
        assertThat(StepReference.parse("${inputs.audio_file}")).isEmpty();
        assertThat(StepReference.parse("x ${steps.a.b}")).isEmpty();
        assertThat(StepReference.parse("${steps.a}")).isEmpty();
        assertThat(StepReference.parse("${steps..b}")).isEmpty();
        assertThat(StepReference.parse("${steps.a.b.c}")).isEmpty();
    }

    @Test
    void findsEveryStepReferenceInATemplate() {
        assertThat(StepReference.findIn("--in ${steps.a.out} --ref ${inputs.x} --also ${steps.b.report}"))
                .containsExactly(new StepReference("a", "out"), new StepReference("b", "report"));
    }

    @Test
    void replacesStepReferencesAndDropsWhatItCannotBind() {
        Map<StepReference, String> files = Map.of(new StepReference("a", "out"), "/w/artifacts/a.wav");

        String bound = StepReference.replaceIn("${steps.a.out}|${steps.b.out}|${other}|$1",
                reference -> Optional.ofNullable(files.get(reference)).orElse(null));

        assertThat(bound).isEqualTo("/w/artifacts/a.wav|||$1");
    }

    @Test
    void printsAsAPackageWritesIt() {
        assertThat(new StepReference("normalize", "audio")).hasToString("${steps.normalize.audio}");
    }
}
