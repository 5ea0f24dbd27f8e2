package org.meridian.server.audit;

import static java.util.Objects.requireNonNull;

/** Who did something: a signed-in user, a user through an API token, the node itself, or nobody known. */
public record Actor(Kind kind, String name) {
    public enum Kind {
        USER,
        TOKEN,
        SYSTEM,
        ANONYMOUS
    }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "system");

    public Actor {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("actor name is blank");
        }
    }

    public static Actor user(String username) {
        return new Actor(Kind.USER, username);
    }

    /** A user acting through one of their tokens; the name says which token. */
    public static Actor token(String username, String tokenId) {
        return new Actor(Kind.TOKEN, username + "/token:" + tokenId);
    }

    /** Someone not (yet) authenticated, named by what they claimed to be, e.g. a login name. */
    public static Actor anonymous(String claimedName) {
        return new Actor(Kind.ANONYMOUS, claimedName == null || claimedName.isBlank() ? "anonymous" : claimedName);
    }

    /** An operator at the node's command line. */
    public static Actor commandLine() {
        return new Actor(Kind.SYSTEM, "command-line:" + System.getProperty("user.name", "unknown"));
    }
}
