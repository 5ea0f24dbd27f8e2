package org.meridian.server.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A role a user holds within one organisation. */
public enum OrgRole {
    ADMIN,
    PUBLISHER,
    REVIEWER,
    MEMBER,
    READONLY;

    /** The name used in configuration, the API and the UI. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrgRole> parse(String label) {
        return Arrays.stream(values()).filter(role -> role.label().equals(label)).findFirst();
    }

    /** The role a request names, or a 400 naming the {@code role} field and the roles there are. */
    static OrgRole parseRequested(String label) {
        return parse(label).orElseThrow(() -> IdentityProblem.invalid("role",
                "unknown role '" + label + "'; roles are admin, publisher, reviewer, member and readonly"));
    }
}
