package io.concierge.core.trust;

import java.util.Base64;

/**
 * Base64 that has one spelling per value. The JDK's decoder ignores the unused low bits of the
 * last character, so "...w==" and "...x==" decode to the same signature: an edit to a recorded
 * signature would then go unnoticed. A signature is accepted only as the encoder writes it.
 */
final class CanonicalBase64 {
    private CanonicalBase64() {
    }

    /**
     * Decodes {@code text}, refusing any spelling the encoder would not write.
     *
     * @param text base64 with padding
     * @return the bytes
     * @throws IllegalArgumentException when it is not base64 or not in its canonical spelling
     */
    static byte[] decode(String text) {
        byte[] bytes = Base64.getDecoder().decode(text);
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("not the canonical base64 spelling");
        }
        return bytes;
    }
}
