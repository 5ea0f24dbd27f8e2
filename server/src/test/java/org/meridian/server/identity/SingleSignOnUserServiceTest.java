package org.meridian.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.system.Databases;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * The node's own checks after Spring has verified an ID token: the trusted-issuer list, checked
 * before anything else happens, and the group mapping applied to the account it provisions.
 */
class SingleSignOnUserServiceTest {
    private static final URI TRUSTED = URI.create("https://login.uni.example/realms/research");

    @TempDir
    Path dataDir;
    private HikariDataSource dataSource;
    private IdentityService identity;
    private final AtomicInteger protocolCalls = new AtomicInteger();

    @BeforeEach
    void openDatabase() {
        dataSource = Databases.open(Databases.embeddedUrl(dataDir), "sa", "", 2);
        Databases.migrate(dataSource);
        MeridianProperties.Identity policy = new MeridianProperties.Identity(true, 12, 5, Duration.ofMinutes(15),
                Duration.ofDays(365), Duration.ofHours(24), sso());
        identity = new IdentityService(dataSource, new IdentityStore(dataSource), new AuditLog(dataSource,
                Clock.systemUTC()), policy, Clock.systemUTC());
        User root = identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "t",
                new NewUser("root", Optional.empty(), Optional.empty(),
                        Set.of(NodeRole.NODE_ADMIN)), Optional.empty());
        identity.createOrganisation(Caller.of(root), "t", "ipsl", "IPSL");
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }

    private static MeridianProperties.SingleSignOn sso() {
        return new MeridianProperties.SingleSignOn(List.of(TRUSTED), List.of(new MeridianProperties.IdentityProvider(
                "uni", "University", TRUSTED, "meridian", "MERIDIAN_SSO_UNI_SECRET", "groups",
                List.of(new MeridianProperties.GroupMapping("climate-publishers", "ipsl", OrgRole.PUBLISHER)))));
    }

    /** Stands in for Spring's protocol step (user-info fetch), counting calls. */
    private SingleSignOnUserService service() {
        return new SingleSignOnUserService(request -> {
            protocolCalls.incrementAndGet();
            return new DefaultOidcUser(List.of(), request.getIdToken());
        }, identity, sso());
    }

    private static OidcUserRequest signIn(String issuer, List<String> groups) {
        ClientRegistration registration = ClientRegistration.withRegistrationId("uni")
                .clientId("meridian").clientSecret("not-used")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://localhost/login/oauth2/code/uni")
                .authorizationUri(TRUSTED + "/auth").tokenUri(TRUSTED + "/token")
                .build();
        Instant now = Instant.now();
        OidcIdToken idToken = new OidcIdToken("id-token", now, now.plusSeconds(300), Map.of(
                "iss", issuer, "sub", "subject-42", "preferred_username", "ada", "groups", groups));
        return new OidcUserRequest(registration,
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", now, now.plusSeconds(300)), idToken);
    }

    @Test
    void anUntrustedIssuerIsRefusedBeforeTheProviderIsAskedAndNoAccountIsMade() {
        assertThatThrownBy(() -> service().loadUser(signIn("https://login.elsewhere.example", List.of())))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class, refused ->
                        assertThat(refused.getError().getErrorCode()).isEqualTo(SingleSignOnFailure.UNTRUSTED_ISSUER_CODE));

        assertThat(protocolCalls).hasValue(0);
        assertThat(identity.findUser("ada")).isEmpty();
    }

    @Test
    void aTrustedSignInProvisionsTheAccountWithItsMappedGroupsOnly() {
        service().loadUser(signIn(TRUSTED.toString(), List.of("climate-publishers", "coffee-club")));

        assertThat(protocolCalls).hasValue(1);
        assertThat(identity.findUser("ada").orElseThrow().memberships())
                .containsExactly(new Membership("ipsl", OrgRole.PUBLISHER, Membership.Source.IDP));
    }
}
