package io.concierge.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CanonicalBase64Test {
    @Test
    void aSignatureSpelledAnotherWayIsRefused() {
        byte[] signature = new byte[64];
        signature[63] = 0x0c;
        String written = Base64.getEncoder().encodeToString(signature); // ends in "DA=="
        assertThat(CanonicalBase64.decode(written)).isEqualTo(signature);
        String respelled = written.substring(0, written.length() - 3) + "B==";
        assertThat(Base64.getDecoder().decode(respelled)).as("the JDK accepts it").isEqualTo(signature);
        assertThatThrownBy(() -> CanonicalBase64.decode(respelled)).isInstanceOf(IllegalArgumentException.class);
    }
}
