package io.concierge.examples.hosttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.NotFoundException;
import io.concierge.testkit.ConciergeTest;
import io.concierge.testkit.TestConcierge;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With {@code @ConciergeTest}: an empty in-memory workspace per test, no setup at all. */
@ConciergeTest
class UnknownJobTest {

    @Test
    void reviewingAJobThatDoesNotExistFailsAndRecordsNothing(TestConcierge concierge) {
        ApprovalPolicy policy = new ApprovalPolicy("policy-bot", Set.of("audio.normalize"), concierge.file("inbox"),
                concierge.clock());

        assertThatThrownBy(() -> policy.review(concierge, "j_nope")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("j_nope");
        assertThat(concierge.jobs()).isEmpty();
        assertThat(concierge.intents()).isEmpty();
    }
}
