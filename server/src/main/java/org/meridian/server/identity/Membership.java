package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

/** A role in an organisation, and whether an administrator or the identity provider granted it. */
public record Membership(String organisationId, OrgRole role, Source source) {
    public enum Source {
        /** Granted by an administrator; kept until revoked. */
        LOCAL,
        /** Derived from identity-provider groups; re-evaluated at every single sign-on. */
        IDP
    }

    public Membership {
        requireNonNull(organisationId, "organisationId is null");
        requireNonNull(role, "role is null");
        requireNonNull(source, "source is null");
    }
}
