package org.meridian.server.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A role over the whole node rather than one organisation. */
public enum NodeRole {
    /** Manages accounts, organisations, configuration and peers. */
    NODE_ADMIN,
    /** Reads and verifies the audit log; changes nothing. */
    AUDITOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<NodeRole> parse(String label) {
        return Arrays.stream(values()).filter(role -> role.label().equals(label)).findFirst();
    }

    /** The role a request names, or a 400 naming the {@code role} field and the roles there are. */
    static NodeRole parseRequested(String label) {
        return parse(label).orElseThrow(() -> IdentityProblem.invalid("role",
                "unknown node role '" + label + "'; node roles are node-admin and auditor"));
    }
}
