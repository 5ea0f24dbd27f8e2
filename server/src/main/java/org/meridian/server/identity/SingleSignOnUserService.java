package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.system.RequestIds;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Turns a verified OpenID Connect sign-in into one of our accounts. Spring's
 * {@link OidcUserService} has already checked the ID token (signature, {@code iss} against the
 * provider's discovered issuer, audience, expiry, nonce) and fetches the user-info claims; this
 * then refuses issuers outside {@code trusted-issuers} (a second, independent check), maps the
 * provider's groups to organisation roles, and provisions or updates the account.
 */
final class SingleSignOnUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {
    private final OAuth2UserService<OidcUserRequest, OidcUser> protocol;
    private final IdentityService identity;
    private final MeridianProperties.SingleSignOn sso;
    private final Map<String, MeridianProperties.IdentityProvider> providers;

    SingleSignOnUserService(OAuth2UserService<OidcUserRequest, OidcUser> protocol, IdentityService identity,
            MeridianProperties.SingleSignOn sso) {
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.identity = requireNonNull(identity, "identity is null");
        this.sso = requireNonNull(sso, "sso is null");
        this.providers = sso.providers().stream()
                .collect(Collectors.toUnmodifiableMap(MeridianProperties.IdentityProvider::id, Function.identity()));
    }

    SingleSignOnUserService(IdentityService identity, MeridianProperties.SingleSignOn sso) {
        this(new OidcUserService(), identity, sso);
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        String issuer = String.valueOf(request.getIdToken().getIssuer());
        if (!sso.trusts(issuer)) {
            throw refusal(SingleSignOnFailure.UNTRUSTED_ISSUER_CODE, "issuer " + issuer + " is not trusted");
        }
        MeridianProperties.IdentityProvider provider = providers.get(request.getClientRegistration().getRegistrationId());
        if (provider == null) {
            throw new IllegalStateException("no configured provider for registration "
                    + request.getClientRegistration().getRegistrationId());
        }
        OidcUser oidcUser = protocol.loadUser(request);
        Set<Membership> memberships = memberships(provider, oidcUser.getClaimAsStringList(provider.groupClaim()));
        String subject = oidcUser.getSubject();
        String preferredUsername = Optional.ofNullable(oidcUser.getPreferredUsername())
                .or(() -> Optional.ofNullable(oidcUser.getEmail()).map(email -> email.substring(0, Math.max(email.indexOf('@'), 0))))
                .orElse(subject);
        User user;
        try {
            user = identity.signInWithIdentityProvider(issuer, subject, preferredUsername,
                    Optional.ofNullable(oidcUser.getEmail()), Optional.ofNullable(oidcUser.getFullName()), memberships,
                    requestId());
        } catch (IdentityProblem problem) {
            // Translated at the boundary: Spring hands an OAuth2AuthenticationException to the
            // failure handler, which audits it. A disabled account is the only refusal there.
            if (problem.status() != HttpStatus.FORBIDDEN) {
                throw problem;
            }
            throw refusal(SingleSignOnFailure.ACCOUNT_DISABLED_CODE, problem.getMessage());
        }
        return new SingleSignOnUser(oidcUser.getAuthorities(), oidcUser.getIdToken(), oidcUser.getUserInfo(),
                user.id(), user.username());
    }

    /** The organisation roles the provider's groups map to; unmapped groups are ignored. */
    static Set<Membership> memberships(MeridianProperties.IdentityProvider provider, Collection<String> groups) {
        Set<String> held = groups == null ? Set.of() : Set.copyOf(groups);
        return provider.groupMappings().stream()
                .filter(mapping -> held.contains(mapping.group()))
                .map(mapping -> new Membership(mapping.organisation(), mapping.role(), Membership.Source.IDP))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static OAuth2AuthenticationException refusal(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null), description);
    }

    private static String requestId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return RequestIds.of(attributes.getRequest());
        }
        return "-";
    }
}
