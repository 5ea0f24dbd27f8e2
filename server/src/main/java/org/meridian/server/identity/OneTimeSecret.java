package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

/**
 * A secret a page shows once, right after the form that made it (a token, a setup link). It
 * travels to that page as a flash attribute, so it is gone after one view; its {@code toString}
 * is redacted because flash maps are printed when Spring's tracing is switched on.
 *
 * @param label what the secret is for, safe to show and log (a token's name, a username)
 */
record OneTimeSecret(String label, String value) {
    OneTimeSecret {
        requireNonNull(label, "label is null");
        requireNonNull(value, "value is null");
    }

    @Override
    public String toString() {
        return "OneTimeSecret[label=" + label + ", value=<redacted>]";
    }
}
