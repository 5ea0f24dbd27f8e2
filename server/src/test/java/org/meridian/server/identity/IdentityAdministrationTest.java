package org.meridian.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.AuditQuery;
import org.meridian.server.audit.Outcome;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.system.Databases;
import org.springframework.http.HttpStatus;

/** The service rules the administration pages rely on, over a private in-memory database. */
class IdentityAdministrationTest {
    private static final String PASSWORD = "a long and unusual passphrase";
    private static final MeridianProperties.Identity POLICY = new MeridianProperties.Identity(true, 12, 3,
            Duration.ofMinutes(15), Duration.ofDays(365), Duration.ofHours(24),
            new MeridianProperties.SingleSignOn(List.of(), List.of()));

    /** A clock the test moves by hand, so lock expiry is tested without waiting. */
    private static final class SteppedClock extends Clock {
        private final AtomicReference<Instant> now;
        private final ZoneId zone;

        SteppedClock() {
            this(new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z")), ZoneOffset.UTC);
        }

        private SteppedClock(AtomicReference<Instant> now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void advance(Duration step) {
            now.updateAndGet(instant -> instant.plus(step));
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new SteppedClock(now, other);
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private final SteppedClock clock = new SteppedClock();
    private HikariDataSource dataSource;
    private AuditLog audit;
    private IdentityService identity;
    private Caller root;

    @BeforeEach
    void openDatabase() {
        dataSource = Databases.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
        Databases.migrate(dataSource);
        audit = new AuditLog(dataSource, clock);
        identity = new IdentityService(dataSource, new IdentityStore(dataSource), audit, POLICY, clock);
        root = Caller.of(identity.createUser(Caller.ANONYMOUS, Actor.commandLine(), "t",
                new NewUser("root", Optional.empty(), Optional.empty(), Set.of(NodeRole.NODE_ADMIN)), Optional.of(PASSWORD)));
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }

    private User user(String username) {
        return identity.createUser(root, root.actor(), "t", new NewUser(username, Optional.empty(), Optional.empty(),
                Set.of()), Optional.of(PASSWORD));
    }

    @Test
    void theLastEnabledNodeAdminCannotBeDisabled() {
        assertThatThrownBy(() -> identity.setEnabled(root, "t", "root", false))
                .isInstanceOfSatisfying(IdentityProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(problem.members()).containsEntry("field", "enabled");
                });

        assertThat(identity.findUser("root").orElseThrow().enabled()).isTrue();
        // The attempt is recorded as failed (allowed, but nothing changed), with why.
        assertThat(audit.find(AuditQuery.newest(5))).filteredOn(event -> event.entry().action().equals("user.disable"))
                .singleElement().satisfies(event -> {
                    assertThat(event.entry().outcome()).isEqualTo(Outcome.FAILURE);
                    assertThat(event.entry().details()).containsEntry("reason",
                            "the node would be left without an enabled node-admin");
                });
    }

    @Test
    void theLastNodeAdminKeepsTheRoleAndTheRefusedRevocationIsAudited() {
        assertThatThrownBy(() -> identity.revokeNodeRole(root, "t", "root", NodeRole.NODE_ADMIN))
                .isInstanceOfSatisfying(IdentityProblem.class, problem ->
                        assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT));

        assertThat(identity.findUser("root").orElseThrow().nodeRoles()).contains(NodeRole.NODE_ADMIN);
        assertThat(audit.find(AuditQuery.newest(5))).filteredOn(event -> event.entry().action().equals("role.revoke"))
                .singleElement().satisfies(event -> assertThat(event.entry().outcome()).isEqualTo(Outcome.FAILURE));
    }

    @Test
    void aNodeAdminCanBeDisabledWhileAnotherRemains() {
        user("deputy");
        identity.grantNodeRole(root, "t", "deputy", NodeRole.NODE_ADMIN);

        identity.setEnabled(root, "t", "root", false);

        assertThat(identity.findUser("root").orElseThrow().enabled()).isFalse();
    }

    @Test
    void disablingTheBootstrapAccountStopsItsTokensAndSessionsToo() {
        String rootToken = identity.createToken(root, "t", "nightly", EnumSet.allOf(TokenScope.class), Duration.ofDays(7))
                .secret();
        user("deputy");
        identity.grantNodeRole(root, "t", "deputy", NodeRole.NODE_ADMIN);
        Caller deputy = Caller.of(identity.findUser("deputy").orElseThrow());
        String deputyToken = identity.createToken(deputy, "t", "laptop", EnumSet.of(TokenScope.READ), Duration.ofDays(7))
                .secret();
        assertThat(identity.authenticateToken(rootToken, "t")).isPresent();

        CallerResolver callers = new CallerResolver(identity);
        SessionAuthentication rootSession = new SessionAuthentication(root.user().orElseThrow().id(), "root");
        assertThat(callers.resolve(rootSession).name()).isEqualTo("root");

        identity.disableBootstrap(Actor.commandLine(), "t");

        assertThat(identity.authenticateToken(rootToken, "t")).isEmpty();
        assertThat(identity.authenticateToken(deputyToken, "t")).isPresent();
        assertThat(callers.resolve(rootSession)).as("a session begun before").isEqualTo(Caller.ANONYMOUS);
        assertThatThrownBy(() -> identity.createTokenAtCommandLine("root", "another", EnumSet.of(TokenScope.READ),
                Duration.ofDays(1))).hasMessageContaining("is the bootstrap account and its login is disabled");
        assertThat(audit.find(AuditQuery.newest(3))).anySatisfy(event -> {
            assertThat(event.entry().action()).isEqualTo("token.reject");
            assertThat(event.entry().outcome()).isEqualTo(Outcome.DENIED);
        });
    }

    @Test
    void listsLocksOnlyWhileTheyLast() {
        User locked = user("locked");
        user("fumbler");
        for (int attempt = 0; attempt < POLICY.lockoutThreshold(); attempt++) {
            identity.login("locked", "wrong " + attempt, "t");
        }
        identity.login("fumbler", "wrong once", "t");

        assertThat(identity.lockedAccounts(root))
                .containsExactly(Map.entry(locked.id(), clock.instant().plus(POLICY.lockoutDuration())));
        clock.advance(POLICY.lockoutDuration());
        assertThat(identity.lockedAccounts(root)).isEmpty();
    }

    @Test
    void onlyNodeAdministratorsSeeLocks() {
        Caller someone = Caller.of(user("someone"));

        assertThatThrownBy(() -> identity.lockedAccounts(someone))
                .isInstanceOfSatisfying(IdentityProblem.class, problem ->
                        assertThat(problem.status()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    @Test
    void organisationAdminsSeeTheirOrganisationsAndMembersOnly() {
        identity.createOrganisation(root, "t", "ocean", "Ocean");
        identity.createOrganisation(root, "t", "land", "Land");
        user("lead");
        user("diver");
        identity.grantRole(root, "t", "lead", "ocean", OrgRole.ADMIN);
        identity.grantRole(root, "t", "diver", "ocean", OrgRole.MEMBER);
        identity.grantRole(root, "t", "diver", "ocean", OrgRole.PUBLISHER);
        Caller lead = Caller.of(identity.findUser("lead").orElseThrow());

        assertThat(identity.organisationsAdministeredBy(lead)).extracting(Organisation::id).containsExactly("ocean");
        assertThat(identity.organisationsAdministeredBy(root)).extracting(Organisation::id).containsExactly("land", "ocean");
        assertThat(identity.organisationMembers(lead, "t", "ocean")).extracting(User::username)
                .containsExactly("diver", "lead");
        assertThatThrownBy(() -> identity.organisationMembers(lead, "t", "land"))
                .isInstanceOfSatisfying(IdentityProblem.class, problem ->
                        assertThat(problem.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(audit.find(AuditQuery.newest(1)).getFirst().entry()).satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("organisation.members");
            assertThat(entry.target()).isEqualTo("land");
            assertThat(entry.actor()).isEqualTo(Actor.user("lead"));
        });
    }

    @Test
    void anOrganisationAdminsTokenNeedsTheAdminScopeToAdministerIt() {
        identity.createOrganisation(root, "t", "ocean", "Ocean");
        User lead = user("lead");
        identity.grantRole(root, "t", "lead", "ocean", OrgRole.ADMIN);
        lead = identity.findUser("lead").orElseThrow();
        ApiToken readOnly = identity.createToken(Caller.of(lead), "t", "read", Set.of(TokenScope.READ),
                Duration.ofDays(1)).token();

        assertThat(Caller.of(lead).administersAnyOrganisation()).isTrue();
        assertThat(Caller.of(lead, readOnly).administersAnyOrganisation()).isFalse();
        assertThat(identity.organisationsAdministeredBy(Caller.of(lead, readOnly))).isEmpty();
        assertThat(Caller.of(user("bystander")).administersAnyOrganisation()).isFalse();
    }

    @Test
    void anUnknownOrganisationIsNotFoundForThoseWhoMayLook() {
        assertThatThrownBy(() -> identity.organisationMembers(root, "t", "atlantis"))
                .isInstanceOfSatisfying(IdentityProblem.class, problem ->
                        assertThat(problem.status()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    @Test
    void aRefusalForAnOverlongTargetIsAuditedShortened() {
        Caller someone = Caller.of(user("prober"));
        String longId = "x".repeat(5_000);

        assertThatThrownBy(() -> identity.organisationMembers(someone, "t", longId))
                .isInstanceOfSatisfying(IdentityProblem.class, problem ->
                        assertThat(problem.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThatThrownBy(() -> identity.grantRole(someone, "t", "prober", longId, OrgRole.ADMIN))
                .isInstanceOfSatisfying(IdentityProblem.class, problem ->
                        assertThat(problem.status()).isEqualTo(HttpStatus.FORBIDDEN));

        assertThat(audit.find(AuditQuery.newest(2))).allSatisfy(event -> {
            assertThat(event.entry().outcome()).isEqualTo(Outcome.DENIED);
            assertThat(event.entry().target()).hasSizeLessThan(300).contains("xxxx").endsWith("...");
        });
    }

    @Test
    void anOverlongEmailIsRefusedNamingTheField() {
        NewUser spec = new NewUser("verbose", Optional.of("a".repeat(400) + "@example.org"), Optional.empty(), Set.of());

        assertThatThrownBy(() -> identity.createUser(root, root.actor(), "t", spec, Optional.empty()))
                .isInstanceOfSatisfying(IdentityProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(problem.members()).containsEntry("field", "email");
                });
        assertThat(identity.findUser("verbose")).isEmpty();
    }
}
