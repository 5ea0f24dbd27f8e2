package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

/** The answer to a password login. Failures say why only to the log and audit, never to the caller. */
public sealed interface LoginResult {
    record Success(User user) implements LoginResult {
        public Success {
            requireNonNull(user, "user is null");
        }
    }

    record Refused(Reason reason) implements LoginResult {
        public Refused {
            requireNonNull(reason, "reason is null");
        }
    }

    enum Reason {
        BAD_CREDENTIALS,
        LOCKED,
        DISABLED,
        BOOTSTRAP_LOGIN_DISABLED
    }
}
