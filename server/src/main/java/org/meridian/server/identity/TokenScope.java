package org.meridian.server.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API token may be used for. Scopes only narrow: a token never grants more than its
 * owner's roles allow.
 */
public enum TokenScope {
    /** Searches and reads, including the owner's restricted records. */
    READ,
    /** Writes records where the owner is a publisher. */
    PUBLISH,
    /** Manages accounts, organisations and the audit log where the owner may. */
    ADMIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TokenScope> parse(String label) {
        return Arrays.stream(values()).filter(scope -> scope.label().equals(label)).findFirst();
    }

    /** The scopes a request names, or a 400 naming the {@code scopes} field and the scopes there are. */
    static Set<TokenScope> parseRequested(List<String> labels) {
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (String label : labels) {
            scopes.add(parse(label).orElseThrow(() -> IdentityProblem.invalid("scopes",
                    "unknown scope '" + label + "'; scopes are read, publish and admin")));
        }
        return scopes;
    }

    static String encode(Set<TokenScope> scopes) {
        return scopes.stream().sorted().map(TokenScope::label).collect(Collectors.joining(","));
    }

    static Set<TokenScope> decode(String text) {
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (String label : text.split(",")) {
            parse(label.trim()).ifPresent(scopes::add);
        }
        return scopes;
    }
}
