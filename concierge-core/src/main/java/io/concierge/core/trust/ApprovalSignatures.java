package io.concierge.core.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.concierge.api.approval.Approval;
import io.concierge.api.trust.KeyRing;
import io.concierge.core.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * What an approver signs: the job, the decision, who, when, until when, the plan (id and hash),
 * the spec and package hashes the plan came from, the note and the hash of the log entry before
 * it. A JSON array, so no field can run into the next. A decision made by policy is signed with
 * the {@link KeyRing#RUNNER} key of the host that made it.
 */
public final class ApprovalSignatures {
    /** The {@code by} of decisions made by policy rather than by a person. */
    public static final String POLICY = "policy:auto-approve";
    private static final String VERSION = "concierge-approval/1";

    private final KeyRing keys;
    private final Codecs codecs;

    /** Signs with and verifies against {@code keys}. */
    public ApprovalSignatures(KeyRing keys, Codecs codecs) {
        this.keys = keys;
        this.codecs = codecs;
    }

    /** The key ring. */
    public KeyRing keys() {
        return keys;
    }

    /** The bytes signed for {@code a} of job {@code jobId}. */
    public byte[] payload(String jobId, Approval a) {
        List<String> fields = List.of(VERSION, jobId, a.action().word(), a.by(), a.at().toString(),
                a.expiresAt().map(Object::toString).orElse(""), a.planId(), a.planHash(), a.specHash(), a.packageHash(),
                a.note(), a.prevHash());
        try {
            return codecs.json().writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who signs {@code a}: the approver, or the runner key for a decision by policy. */
    public static String signer(Approval a) {
        return a.by().equals(POLICY) ? KeyRing.RUNNER : a.by();
    }

    /** {@code a} with its signature (it must be linked into the log already: the link is signed). */
    public Approval sign(String jobId, Approval a) {
        String signature = Base64.getEncoder().encodeToString(keys.sign(signer(a), payload(jobId, a)));
        return new Approval(a.action(), a.by(), a.at(), a.planId(), a.planHash(), a.note(), a.prevHash(), a.specHash(),
                a.packageHash(), a.expiresAt(), signature);
    }

    /** Whether {@code a} carries a valid signature by a key this key ring trusts for its signer. */
    public boolean verify(String jobId, Approval a) {
        if (a.signature().isEmpty()) {
            return false;
        }
        byte[] signature;
        try {
            signature = CanonicalBase64.decode(a.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        String signer = signer(a);
        if (!signer.equals(KeyRing.RUNNER) && !Identities.isNormalized(signer)) {
            return false;
        }
        return keys.verify(signer, payload(jobId, a), signature);
    }
}
