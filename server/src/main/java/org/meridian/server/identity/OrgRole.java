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
}
