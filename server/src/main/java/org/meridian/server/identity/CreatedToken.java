package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

/** A new token and its secret, which exists only here: it is shown once and stored hashed. */
public record CreatedToken(ApiToken token, String secret) {
    public CreatedToken {
        requireNonNull(token, "token is null");
        requireNonNull(secret, "secret is null");
    }

    @Override
    public String toString() {
        return "CreatedToken[token=" + token + ", secret=<redacted>]";
    }
}
