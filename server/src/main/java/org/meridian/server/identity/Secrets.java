package org.meridian.server.identity;

import java.security.SecureRandom;
import java.util.Base64;
import org.meridian.catalog.RecordJson;

/** High-entropy secrets handed out once (API tokens, setup links) and the hashes kept of them. */
final class Secrets {
    private static final int SECRET_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    /** A new secret: the prefix says what it is (so leaked ones are easy to spot), then 256 random bits. */
    String generate(String prefix) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored of a secret: its SHA-256 in hex, by the catalog's helper for content hashes. */
    static String hash(String secret) {
        return RecordJson.sha256Hex(secret);
    }
}
