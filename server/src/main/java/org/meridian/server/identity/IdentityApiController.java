package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.meridian.server.system.RequestIds;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON API for accounts, organisations, roles and tokens. Authorisation beyond "signed in"
 * or "node-admin" (which the security chain checks by path) is decided by {@link IdentityService}.
 */
@RestController
class IdentityApiController {
    private final IdentityService identity;

    IdentityApiController(IdentityService identity) {
        this.identity = requireNonNull(identity, "identity is null");
    }

    record MembershipView(String organisation, String role, String source) {
        static MembershipView of(Membership membership) {
            return new MembershipView(membership.organisationId(), membership.role().label(),
                    membership.source().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    record UserView(String id, String username, Optional<String> email, Optional<String> displayName, boolean enabled,
            boolean bootstrap, Optional<String> identityProvider, List<String> nodeRoles, List<MembershipView> memberships) {
        static UserView of(User user) {
            return new UserView(user.id(), user.username(), user.email(), user.displayName(), user.enabled(),
                    user.bootstrap(), user.idpIssuer(), user.nodeRoles().stream().map(NodeRole::label).sorted().toList(),
                    user.memberships().stream().map(MembershipView::of)
                            .sorted(Comparator.comparing(MembershipView::organisation).thenComparing(MembershipView::role))
                            .toList());
        }
    }

    record MeView(UserView user, Optional<String> tokenId, List<String> tokenScopes) {
    }

    @GetMapping(value = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    MeView me(Caller caller) {
        User user = caller.user().orElseThrow();
        return new MeView(UserView.of(user), caller.token().map(ApiToken::id),
                caller.token().map(t -> t.scopes().stream().map(TokenScope::label).sorted().toList()).orElse(List.of()));
    }

    // ---- tokens

    record TokenRequest(String name, List<String> scopes, Integer expiresInDays) {
    }

    record TokenView(String id, String name, List<String> scopes, Instant createdAt, Instant expiresAt,
            Optional<Instant> revokedAt, Optional<Instant> lastUsedAt) {
        static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.name(), token.scopes().stream().map(TokenScope::label).sorted().toList(),
                    token.createdAt(), token.expiresAt(), token.revokedAt(), token.lastUsedAt());
        }
    }

    /** The only response that ever carries a token's secret. */
    record CreatedTokenView(TokenView token, String secret) {
    }

    @PostMapping("/api/v1/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedTokenView createToken(@RequestBody TokenRequest body, Caller caller, HttpServletRequest request) {
        Set<TokenScope> scopes = TokenScope.parseRequested(Optional.ofNullable(body.scopes()).orElse(List.of()));
        int days = Optional.ofNullable(body.expiresInDays()).orElse(90);
        CreatedToken created = identity.createToken(caller, RequestIds.of(request), body.name(), scopes,
                Duration.ofDays(days));
        return new CreatedTokenView(TokenView.of(created.token()), created.secret());
    }

    @GetMapping(value = "/api/v1/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    List<TokenView> tokens(Caller caller) {
        return identity.listTokens(caller).stream().map(TokenView::of).toList();
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(@PathVariable String id, Caller caller, HttpServletRequest request) {
        identity.revokeToken(caller, RequestIds.of(request), id);
    }

    // ---- users

    record UserRequest(String username, String email, String displayName, String password, List<String> nodeRoles) {
    }

    @GetMapping(value = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
    List<UserView> users(Caller caller) {
        return identity.listUsers(caller).stream().map(UserView::of).toList();
    }

    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView createUser(@RequestBody UserRequest body, Caller caller, HttpServletRequest request) {
        Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
        for (String label : Optional.ofNullable(body.nodeRoles()).orElse(List.of())) {
            roles.add(NodeRole.parseRequested(label));
        }
        NewUser spec = new NewUser(Optional.ofNullable(body.username()).orElse(""), Optional.ofNullable(body.email()),
                Optional.ofNullable(body.displayName()), roles);
        return UserView.of(identity.createUser(caller, caller.actor(), RequestIds.of(request), spec,
                Optional.ofNullable(body.password())));
    }

    record EnabledRequest(boolean enabled) {
    }

    @PostMapping("/api/v1/users/{username}/enabled")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void setEnabled(@PathVariable String username, @RequestBody EnabledRequest body, Caller caller,
            HttpServletRequest request) {
        identity.setEnabled(caller, RequestIds.of(request), username, body.enabled());
    }

    record RoleRequest(String role) {
    }

    @PostMapping("/api/v1/users/{username}/node-roles")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void grantNodeRole(@PathVariable String username, @RequestBody RoleRequest body, Caller caller,
            HttpServletRequest request) {
        identity.grantNodeRole(caller, RequestIds.of(request), username, NodeRole.parseRequested(body.role()));
    }

    @DeleteMapping("/api/v1/users/{username}/node-roles/{role}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeNodeRole(@PathVariable String username, @PathVariable String role, Caller caller,
            HttpServletRequest request) {
        identity.revokeNodeRole(caller, RequestIds.of(request), username, NodeRole.parseRequested(role));
    }

    // ---- organisations

    record OrganisationRequest(String id, String name) {
    }

    @GetMapping(value = "/api/v1/organisations", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Organisation> organisations() {
        return identity.listOrganisations();
    }

    @PostMapping("/api/v1/organisations")
    @ResponseStatus(HttpStatus.CREATED)
    Organisation createOrganisation(@RequestBody OrganisationRequest body, Caller caller, HttpServletRequest request) {
        return identity.createOrganisation(caller, RequestIds.of(request), body.id(), body.name());
    }

    record MemberRequest(String username, String role) {
    }

    @PostMapping("/api/v1/organisations/{organisation}/members")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void grantRole(@PathVariable String organisation, @RequestBody MemberRequest body, Caller caller,
            HttpServletRequest request) {
        identity.grantRole(caller, RequestIds.of(request), Optional.ofNullable(body.username()).orElse(""),
                organisation, OrgRole.parseRequested(body.role()));
    }

    @DeleteMapping("/api/v1/organisations/{organisation}/members/{username}/{role}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeRole(@PathVariable String organisation, @PathVariable String username, @PathVariable String role,
            Caller caller, HttpServletRequest request) {
        identity.revokeRole(caller, RequestIds.of(request), username, organisation, OrgRole.parseRequested(role));
    }
}
