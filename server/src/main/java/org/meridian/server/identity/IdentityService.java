package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.meridian.server.audit.Actor;
import org.meridian.server.audit.AuditEntry;
import org.meridian.server.audit.AuditLog;
import org.meridian.server.audit.Outcome;
import org.meridian.server.ops.MeridianProperties;
import org.meridian.server.system.DurableTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The identity feature's public service: accounts, organisations, roles, tokens and logins, with
 * their rules. Every change is audited in the same transaction; every refusal that is a security
 * event is audited on its own.
 */
public final class IdentityService {
    private static final Logger log = LoggerFactory.getLogger(IdentityService.class);

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Pattern ORGANISATION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_PASSWORD_LENGTH = 1024;
    private static final int MAX_EMAIL_LENGTH = 320;
    private static final int MAX_DENIED_TARGET = 256;
    private static final String TOKEN_PREFIX = "mrd_";
    private static final String SETUP_PREFIX = "mrs_";
    static final String BOOTSTRAP_DISABLED_SETTING = "identity.bootstrap-login-disabled";

    private final IdentityStore store;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final PasswordEncoder passwords = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Secrets secrets = new Secrets();
    private final MeridianProperties.Identity policy;
    private final Clock clock;
    /** Checked against when the user does not exist, so timing does not reveal which usernames do. */
    private final String decoyHash;

    public IdentityService(DataSource dataSource, IdentityStore store, AuditLog audit,
            MeridianProperties.Identity policy, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.transactions = new TransactionTemplate(new DurableTransactions(dataSource));
        this.policy = requireNonNull(policy, "policy is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.decoyHash = passwords.encode(secrets.generate("decoy-"));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private void denied(Actor actor, String action, String target, String requestId, String reason) {
        // A refused request's target is whatever the caller sent (a path segment, a form field);
        // keep it within the audit log's column so the refusal is recorded rather than failing.
        String recorded = target.length() > MAX_DENIED_TARGET ? target.substring(0, MAX_DENIED_TARGET) + "..." : target;
        audit.append(AuditEntry.of(actor, action, recorded, Outcome.DENIED, requestId, Map.of("reason", reason)));
    }

    /**
     * Runs {@code change} in a transaction. A change the node refuses because it would leave the
     * node without an administrator (a conflict) is rolled back, the refusal's record included, so
     * the attempt is recorded afterwards, in a transaction of its own, as failed: the caller was
     * allowed to try, and nothing changed.
     */
    private void auditingRefusal(Actor actor, String action, String target, String requestId, Runnable change) {
        try {
            inTransaction(() -> {
                change.run();
                return null;
            });
        } catch (IdentityProblem refused) {
            if (refused.code().equals(IdentityProblem.CONFLICT)) {
                try {
                    audit.append(AuditEntry.of(actor, action, target, Outcome.FAILURE, requestId,
                            Map.of("reason", refused.getMessage())));
                } catch (RuntimeException auditFailure) {
                    // The caller is told of the refusal, not of this; the operator must hear that an
                    // attempt on the node's administrators went unrecorded.
                    log.error("Could not audit a refused {} of {}", action, target, auditFailure);
                    refused.addSuppressed(auditFailure);
                }
            }
            throw refused;
        }
    }

    // ---- accounts ---------------------------------------------------------------------------

    /** Normalises and checks a username; the error names the field. */
    public static String normaliseUsername(String username) {
        String normalised = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(normalised).matches()) {
            throw IdentityProblem.invalid("username",
                    "username must be 2-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return normalised;
    }

    private void checkPassword(String username, String password) {
        if (password == null || password.length() < policy.minPasswordLength()) {
            throw IdentityProblem.invalid("password",
                    "password must be at least " + policy.minPasswordLength() + " characters long");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw IdentityProblem.invalid("password", "password must be at most " + MAX_PASSWORD_LENGTH + " characters long");
        }
        if (password.toLowerCase(Locale.ROOT).contains(username)) {
            throw IdentityProblem.invalid("password", "password must not contain the username");
        }
        if (password.chars().distinct().count() < 5) {
            throw IdentityProblem.invalid("password", "password must use at least 5 different characters");
        }
    }

    /**
     * Creates a local account. Only node administrators may, except for the very first account,
     * which the command line creates as the bootstrap administrator.
     *
     * @param password empty to leave the account without one (a setup link or SSO follows)
     */
    public User createUser(Caller caller, Actor actor, String requestId, NewUser spec, Optional<String> password) {
        boolean commandLine = actor.kind() == Actor.Kind.SYSTEM;
        if (!commandLine && !caller.hasNodeRole(NodeRole.NODE_ADMIN)) {
            denied(actor, "user.create", spec.username(), requestId, "not a node-admin");
            throw IdentityProblem.forbidden("only node administrators may create accounts");
        }
        String username = normaliseUsername(spec.username());
        spec.email().ifPresent(email -> {
            if (!EMAIL.matcher(email).matches()) {
                throw IdentityProblem.invalid("email", "email must look like name@example.org");
            }
            if (email.length() > MAX_EMAIL_LENGTH) {
                throw IdentityProblem.invalid("email", "email must be at most " + MAX_EMAIL_LENGTH + " characters long");
            }
        });
        password.ifPresent(value -> checkPassword(username, value));
        Optional<String> hash = password.map(passwords::encode);
        return inTransaction(() -> {
            if (store.usernameExists(username)) {
                throw IdentityProblem.conflict("username", "username '" + username + "' is taken");
            }
            // The first account made at the command line is the bootstrap administrator.
            boolean bootstrap = commandLine && store.countActiveNodeAdmins(false) == 0
                    && spec.nodeRoles().contains(NodeRole.NODE_ADMIN);
            String id = UUID.randomUUID().toString();
            store.insertUser(id, username, spec.email(), spec.displayName(), hash, bootstrap, Optional.empty(),
                    Optional.empty(), clock.instant());
            spec.nodeRoles().forEach(role -> store.addNodeRole(id, role));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("node_roles", labels(spec.nodeRoles()));
            details.put("bootstrap", Boolean.toString(bootstrap));
            details.put("password_set", Boolean.toString(hash.isPresent()));
            audit.append(AuditEntry.of(actor, "user.create", username, Outcome.SUCCESS, requestId, details));
            return store.findById(id).orElseThrow();
        });
    }

    private static String labels(Set<NodeRole> roles) {
        return roles.stream().map(NodeRole::label).sorted().collect(Collectors.joining(","));
    }

    public Optional<User> findUser(String username) {
        return store.findByUsername(username.strip().toLowerCase(Locale.ROOT));
    }

    public Optional<User> findUserById(String id) {
        return store.findById(id);
    }

    public List<User> listUsers(Caller caller) {
        requireNodeAdmin(caller, "list accounts");
        return store.listUsers();
    }

    /** Accounts locked by failed sign-ins at this moment, by user id, with when each lock ends. */
    public Map<String, Instant> lockedAccounts(Caller caller) {
        requireNodeAdmin(caller, "list accounts");
        return store.lockedUntil(clock.instant());
    }

    private User existingUser(String username) {
        return findUser(username).orElseThrow(
                () -> IdentityProblem.notFound("user", "no account named '" + username + "'"));
    }

    /** A one-time link with which the user chooses a password; returns the link's secret. */
    public String createSetupLink(Actor actor, String requestId, String username) {
        User user = existingUser(username);
        String secret = secrets.generate(SETUP_PREFIX);
        Instant expires = clock.instant().plus(policy.setupLinkLifetime());
        inTransaction(() -> {
            store.insertSetupLink(Secrets.hash(secret), user.id(), expires);
            audit.append(AuditEntry.of(actor, "user.setup-link", user.username(), Outcome.SUCCESS, requestId,
                    Map.of("expires_at", expires.toString())));
            return null;
        });
        return secret;
    }

    public boolean setupLinkIsValid(String secret) {
        return secret != null && store.setupLinkIsValid(Secrets.hash(secret), clock.instant());
    }

    /** Sets the password through a setup link, which is then used up. */
    public User completeSetup(String secret, String password, String requestId) {
        Instant now = clock.instant();
        return inTransaction(() -> {
            String userId = store.consumeSetupLink(Secrets.hash(secret == null ? "" : secret), now).orElseThrow(
                    () -> IdentityProblem.notFound("setup-link", "this setup link is unknown, used or expired"));
            User user = store.findById(userId).orElseThrow();
            checkPassword(user.username(), password);
            store.setPasswordHash(userId, passwords.encode(password));
            store.resetFailedLogins(userId);
            audit.append(AuditEntry.of(Actor.user(user.username()), "user.password-set", user.username(),
                    Outcome.SUCCESS, requestId, Map.of("via", "setup-link")));
            return user;
        });
    }

    public void setEnabled(Caller caller, String requestId, String username, boolean enabled) {
        requireNodeAdmin(caller, "enable or disable accounts", requestId, username);
        User user = existingUser(username);
        auditingRefusal(caller.actor(), enabled ? "user.enable" : "user.disable", user.username(), requestId, () -> {
            store.setEnabled(user.id(), enabled);
            // As with revoking the role: the node must keep an administrator who can sign in.
            if (!enabled && store.countActiveNodeAdmins(false) == 0) {
                throw IdentityProblem.conflict("enabled", "the node would be left without an enabled node-admin");
            }
            audit.append(AuditEntry.of(caller.actor(), enabled ? "user.enable" : "user.disable", user.username(),
                    Outcome.SUCCESS, requestId, Map.of()));
        });
    }

    // ---- login ------------------------------------------------------------------------------

    /**
     * Whether {@code user} is the bootstrap account after its login was disabled: then it acts
     * neither by password, nor by a session begun before, nor by a token minted with it, as turning
     * off its password would mean little if those kept its node-wide powers.
     */
    public boolean isRetiredBootstrap(User user) {
        return user.bootstrap() && bootstrapLoginDisabled();
    }

    /** Whether a node administrator other than the bootstrap account is active. */
    public boolean anotherNodeAdminIsActive() {
        return store.countActiveNodeAdmins(true) > 0;
    }

    public boolean bootstrapLoginDisabled() {
        return !policy.bootstrapLogin() || store.setting(BOOTSTRAP_DISABLED_SETTING).map(Boolean::parseBoolean).orElse(false);
    }

    /** Checks a password, applying lockout; audits the outcome either way. */
    public LoginResult login(String username, String password, String requestId) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Optional<IdentityStore.Credentials> found = store.credentials(name);
        Optional<User> user = found.flatMap(c -> store.findById(c.userId()));
        if (found.isEmpty() || user.isEmpty()) {
            passwords.matches(password == null ? "" : password, decoyHash);
            return refuse(name, requestId, LoginResult.Reason.BAD_CREDENTIALS, "unknown user");
        }
        IdentityStore.Credentials credentials = found.get();
        if (credentials.lockedUntil().filter(now::isBefore).isPresent()) {
            return refuse(name, requestId, LoginResult.Reason.LOCKED,
                    "locked until " + credentials.lockedUntil().get());
        }
        String given = password == null ? "" : password;
        boolean matches;
        if (credentials.passwordHash().isPresent()) {
            matches = passwords.matches(given, credentials.passwordHash().get());
        } else {
            // An SSO-only account has no password; spend the same time as a real check.
            passwords.matches(given, decoyHash);
            matches = false;
        }
        if (!matches) {
            int failures = credentials.failedLogins() + 1;
            Optional<Instant> lock = failures >= policy.lockoutThreshold()
                    ? Optional.of(now.plus(policy.lockoutDuration())) : Optional.empty();
            store.recordFailedLogin(credentials.userId(), lock.isPresent() ? 0 : failures, lock);
            if (lock.isPresent()) {
                audit.append(AuditEntry.of(Actor.anonymous(name), "user.lock", name, Outcome.SUCCESS, requestId,
                        Map.of("locked_until", lock.get().toString(), "failed_logins", Integer.toString(failures))));
            }
            return refuse(name, requestId, LoginResult.Reason.BAD_CREDENTIALS, "wrong password");
        }
        if (!user.get().enabled()) {
            return refuse(name, requestId, LoginResult.Reason.DISABLED, "account disabled");
        }
        if (user.get().bootstrap() && bootstrapLoginDisabled()) {
            return refuse(name, requestId, LoginResult.Reason.BOOTSTRAP_LOGIN_DISABLED, "bootstrap login is disabled");
        }
        inTransaction(() -> {
            store.resetFailedLogins(credentials.userId());
            audit.append(AuditEntry.of(Actor.user(name), "login", name, Outcome.SUCCESS, requestId,
                    Map.of("method", "password")));
            return null;
        });
        return new LoginResult.Success(user.get());
    }

    private LoginResult refuse(String name, String requestId, LoginResult.Reason reason, String why) {
        denied(Actor.anonymous(name), "login", name.isEmpty() ? "-" : name, requestId, why);
        return new LoginResult.Refused(reason);
    }

    /** Audits a sign-out (the session itself is ended by the web layer). */
    public void loggedOut(Caller caller, String requestId) {
        audit.append(AuditEntry.of(caller.actor(), "logout", caller.name(), Outcome.SUCCESS, requestId, Map.of()));
    }

    /**
     * Switches off the bootstrap account, once another active node administrator exists to take
     * over (otherwise the node would have none): its password login, and with it its API tokens.
     */
    public void disableBootstrap(Actor actor, String requestId) {
        auditingRefusal(actor, "identity.bootstrap-disable", "bootstrap", requestId, () -> {
            if (!anotherNodeAdminIsActive()) {
                throw IdentityProblem.conflict("bootstrap",
                        "no other active node-admin exists yet; sign in through SSO or create one first");
            }
            store.putSetting(BOOTSTRAP_DISABLED_SETTING, "true");
            audit.append(AuditEntry.of(actor, "identity.bootstrap-disable", "bootstrap", Outcome.SUCCESS, requestId,
                    Map.of()));
        });
    }

    // ---- tokens -----------------------------------------------------------------------------

    public CreatedToken createToken(Caller caller, String requestId, String name, Set<TokenScope> scopes,
            Duration lifetime) {
        User user = caller.user().orElseThrow(() -> IdentityProblem.unauthenticated("sign in to create tokens"));
        if (caller.token().isPresent()) {
            denied(caller.actor(), "token.create", user.username(), requestId, "tokens cannot create tokens");
            throw IdentityProblem.forbidden("an API token cannot create further tokens; sign in to create one");
        }
        return issueToken(caller.actor(), user, requestId, name, scopes, lifetime);
    }

    /**
     * A token for a user, made by an operator at the node's machine (for scripts and service
     * accounts that never sign in); audited as done at the command line.
     */
    public CreatedToken createTokenAtCommandLine(String username, String name, Set<TokenScope> scopes,
            Duration lifetime) {
        User user = store.findByUsername(normaliseUsername(username))
                .orElseThrow(() -> IdentityProblem.notFound("user", "no user named '" + username + "'"));
        if (isRetiredBootstrap(user)) {
            throw IdentityProblem.conflict("username", "'" + user.username() + "' is the bootstrap account and its"
                    + " login is disabled, so a token for it would be refused; create one for another node-admin");
        }
        return issueToken(Actor.commandLine(), user, AuditEntry.NO_REQUEST, name, scopes, lifetime);
    }

    private CreatedToken issueToken(Actor actor, User user, String requestId, String name, Set<TokenScope> scopes,
            Duration lifetime) {
        if (name == null || name.isBlank() || name.length() > 128) {
            throw IdentityProblem.invalid("name", "name must be 1-128 characters");
        }
        if (scopes.isEmpty()) {
            throw IdentityProblem.invalid("scopes", "scopes must name at least one of read, publish, admin");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(policy.maxTokenLifetime()) > 0) {
            throw IdentityProblem.invalid("expiresInDays",
                    "lifetime must be between 1 day and " + policy.maxTokenLifetime().toDays() + " days");
        }
        Instant now = clock.instant();
        String secret = secrets.generate(TOKEN_PREFIX);
        ApiToken token = new ApiToken(UUID.randomUUID().toString(), user.id(), name.strip(), scopes, now,
                now.plus(lifetime), Optional.empty(), Optional.empty());
        inTransaction(() -> {
            store.insertToken(token, Secrets.hash(secret));
            audit.append(AuditEntry.of(actor, "token.create", token.id(), Outcome.SUCCESS, requestId,
                    Map.of("user", user.username(), "name", token.name(), "scopes", TokenScope.encode(scopes),
                            "expires_at", token.expiresAt().toString())));
            return null;
        });
        return new CreatedToken(token, secret);
    }

    public List<ApiToken> listTokens(Caller caller) {
        User user = caller.user().orElseThrow(() -> IdentityProblem.unauthenticated("sign in to list tokens"));
        return store.listTokens(user.id());
    }

    /**
     * Revokes one of the caller's tokens (node administrators may revoke anyone's). A token may
     * revoke itself, as a script does when it is done; managing others takes a signed-in session,
     * as creating them does.
     */
    public void revokeToken(Caller caller, String requestId, String tokenId) {
        User user = caller.user().orElseThrow(() -> IdentityProblem.unauthenticated("sign in to revoke tokens"));
        if (caller.token().isPresent() && !caller.token().get().id().equals(tokenId)) {
            denied(caller.actor(), "token.revoke", tokenId, requestId, "tokens cannot revoke other tokens");
            throw IdentityProblem.forbidden("an API token can revoke only itself; sign in to revoke other tokens");
        }
        ApiToken token = store.findToken(tokenId)
                .orElseThrow(() -> IdentityProblem.notFound("token", "no token with id '" + tokenId + "'"));
        if (!token.userId().equals(user.id()) && !caller.hasNodeRole(NodeRole.NODE_ADMIN)) {
            denied(caller.actor(), "token.revoke", tokenId, requestId, "not the owner");
            // Same answer as for a missing token: others' token ids are not confirmed.
            throw IdentityProblem.notFound("token", "no token with id '" + tokenId + "'");
        }
        inTransaction(() -> {
            store.revokeToken(tokenId, clock.instant());
            audit.append(AuditEntry.of(caller.actor(), "token.revoke", tokenId, Outcome.SUCCESS, requestId, Map.of()));
            return null;
        });
    }

    /** The caller a bearer secret stands for; refusals are audited. */
    public Optional<Caller> authenticateToken(String secret, String requestId) {
        if (secret == null || !secret.startsWith(TOKEN_PREFIX)) {
            denied(Actor.anonymous("bearer"), "token.reject", "-", requestId, "not a Meridian token");
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiToken> token = store.findTokenBySecretHash(Secrets.hash(secret));
        if (token.isEmpty()) {
            denied(Actor.anonymous("bearer"), "token.reject", "-", requestId, "unknown token");
            return Optional.empty();
        }
        if (!token.get().isUsableAt(now)) {
            denied(Actor.anonymous("bearer"), "token.reject", token.get().id(), requestId,
                    token.get().revokedAt().isPresent() ? "revoked" : "expired");
            return Optional.empty();
        }
        Optional<User> user = store.findById(token.get().userId()).filter(User::enabled);
        if (user.isEmpty()) {
            denied(Actor.anonymous("bearer"), "token.reject", token.get().id(), requestId, "owner disabled");
            return Optional.empty();
        }
        if (isRetiredBootstrap(user.get())) {
            denied(Actor.anonymous("bearer"), "token.reject", token.get().id(), requestId,
                    "owner is the bootstrap account, whose login is disabled");
            return Optional.empty();
        }
        return Optional.of(Caller.of(user.get(), token.get()));
    }

    /**
     * Notes that a token was used. Written at most once a minute per token, so busy scripts do
     * not turn every read into a database write.
     */
    public void tokenUsed(Caller caller) {
        Instant now = clock.instant();
        caller.token().filter(token -> token.lastUsedAt().map(last -> last.isBefore(now.minusSeconds(60))).orElse(true))
                .ifPresent(token -> store.touchToken(token.id(), now));
    }

    // ---- organisations and roles ------------------------------------------------------------

    public Organisation createOrganisation(Caller caller, String requestId, String id, String name) {
        requireNodeAdmin(caller, "create organisations", requestId, id);
        Organisation organisation = newOrganisation(id, name);
        return inTransaction(() -> {
            if (store.findOrganisation(id).isPresent()) {
                throw IdentityProblem.conflict("id", "organisation '" + id + "' exists");
            }
            insertOrganisation(caller.actor(), requestId, organisation);
            return organisation;
        });
    }

    /**
     * Creates an organisation on the node's own behalf (the demo, for the access group of its
     * sample catalog's restricted records) unless one of that id exists.
     *
     * @return whether it was created
     */
    public boolean createOrganisationIfAbsent(Actor system, String id, String name) {
        if (system.kind() != Actor.Kind.SYSTEM) {
            throw new IllegalArgumentException("only the node itself creates organisations without a caller, not " + system);
        }
        Organisation organisation = newOrganisation(id, name);
        return inTransaction(() -> {
            if (store.findOrganisation(id).isPresent()) {
                return false;
            }
            insertOrganisation(system, AuditEntry.NO_REQUEST, organisation);
            return true;
        });
    }

    private Organisation newOrganisation(String id, String name) {
        if (id == null || !ORGANISATION_ID.matcher(id).matches()) {
            throw IdentityProblem.invalid("id", "id must be 2-64 lower-case letters, digits or '-'");
        }
        if (name == null || name.isBlank() || name.length() > 256) {
            throw IdentityProblem.invalid("name", "name must be 1-256 characters");
        }
        return new Organisation(id, name.strip(), clock.instant());
    }

    private void insertOrganisation(Actor actor, String requestId, Organisation organisation) {
        store.insertOrganisation(organisation);
        audit.append(AuditEntry.of(actor, "organisation.create", organisation.id(), Outcome.SUCCESS, requestId,
                Map.of("name", organisation.name())));
    }

    public List<Organisation> listOrganisations() {
        return store.listOrganisations();
    }

    public Optional<Organisation> findOrganisation(String id) {
        return store.findOrganisation(id);
    }

    /** The organisations whose roles the caller may manage: all for node administrators, else those they are admin of. */
    public List<Organisation> organisationsAdministeredBy(Caller caller) {
        return store.listOrganisations().stream().filter(organisation -> caller.administers(organisation.id())).toList();
    }

    /**
     * Everyone holding a role in the organisation, for its admins and node administrators. A
     * refusal is audited like a refused role change; it is decided before the organisation is
     * looked up, so others cannot probe which organisations exist.
     */
    public List<User> organisationMembers(Caller caller, String requestId, String organisationId) {
        if (!caller.administers(organisationId)) {
            denied(caller.actor(), "organisation.members", organisationId, requestId, "not an admin of the organisation");
            throw IdentityProblem.forbidden("only admins of organisation '" + organisationId
                    + "' or node administrators may see its members");
        }
        store.findOrganisation(organisationId).orElseThrow(
                () -> IdentityProblem.notFound("organisation", "no organisation '" + organisationId + "'"));
        return store.listMembers(organisationId);
    }

    /** Grants an organisation role; the organisation's admins and node administrators may. */
    public void grantRole(Caller caller, String requestId, String username, String organisationId, OrgRole role) {
        changeRole(caller, requestId, username, organisationId, role, true);
    }

    public void revokeRole(Caller caller, String requestId, String username, String organisationId, OrgRole role) {
        changeRole(caller, requestId, username, organisationId, role, false);
    }

    private void changeRole(Caller caller, String requestId, String username, String organisationId, OrgRole role,
            boolean grant) {
        String action = grant ? "role.grant" : "role.revoke";
        String target = username + "@" + organisationId + ":" + role.label();
        if (!caller.administers(organisationId)) {
            denied(caller.actor(), action, target, requestId, "not an admin of the organisation");
            throw IdentityProblem.forbidden("only admins of organisation '" + organisationId
                    + "' or node administrators may change its roles");
        }
        store.findOrganisation(organisationId).orElseThrow(
                () -> IdentityProblem.notFound("organisation", "no organisation '" + organisationId + "'"));
        User user = existingUser(username);
        inTransaction(() -> {
            Membership membership = new Membership(organisationId, role, Membership.Source.LOCAL);
            boolean changed = grant ? store.addMembership(user.id(), membership)
                    : store.removeMembership(user.id(), membership);
            if (changed) {
                audit.append(AuditEntry.of(caller.actor(), action, target, Outcome.SUCCESS, requestId, Map.of()));
            }
            return null;
        });
    }

    public void grantNodeRole(Caller caller, String requestId, String username, NodeRole role) {
        requireNodeAdmin(caller, "grant node roles", requestId, username + ":" + role.label());
        User user = existingUser(username);
        inTransaction(() -> {
            if (store.addNodeRole(user.id(), role)) {
                audit.append(AuditEntry.of(caller.actor(), "role.grant", username + ":" + role.label(), Outcome.SUCCESS,
                        requestId, Map.of()));
            }
            return null;
        });
    }

    public void revokeNodeRole(Caller caller, String requestId, String username, NodeRole role) {
        requireNodeAdmin(caller, "revoke node roles", requestId, username + ":" + role.label());
        User user = existingUser(username);
        auditingRefusal(caller.actor(), "role.revoke", username + ":" + role.label(), requestId, () -> {
            if (store.removeNodeRole(user.id(), role)) {
                if (role == NodeRole.NODE_ADMIN && store.countActiveNodeAdmins(false) == 0) {
                    throw IdentityProblem.conflict("role", "the node would be left without a node-admin");
                }
                audit.append(AuditEntry.of(caller.actor(), "role.revoke", username + ":" + role.label(),
                        Outcome.SUCCESS, requestId, Map.of()));
            }
        });
    }

    private void requireNodeAdmin(Caller caller, String what) {
        if (!caller.hasNodeRole(NodeRole.NODE_ADMIN)) {
            throw IdentityProblem.forbidden("only node administrators may " + what);
        }
    }

    private void requireNodeAdmin(Caller caller, String what, String requestId, String target) {
        if (!caller.hasNodeRole(NodeRole.NODE_ADMIN)) {
            denied(caller.actor(), "admin." + what.replace(' ', '-'), target, requestId, "not a node-admin");
            throw IdentityProblem.forbidden("only node administrators may " + what);
        }
    }

    // ---- single sign-on ---------------------------------------------------------------------

    /**
     * Signs in a user vouched for by a trusted identity provider: provisions the account on first
     * sign-in and replaces its IdP-derived roles with those the groups map to now.
     */
    public User signInWithIdentityProvider(String issuer, String subject, String preferredUsername,
            Optional<String> email, Optional<String> displayName, Set<Membership> mappedRoles, String requestId) {
        return inTransaction(() -> {
            Optional<User> existing = store.findByIdentityProvider(issuer, subject);
            String id;
            String username;
            if (existing.isPresent()) {
                id = existing.get().id();
                username = existing.get().username();
                if (!existing.get().enabled()) {
                    throw IdentityProblem.forbidden("this account is disabled");
                }
            } else {
                id = UUID.randomUUID().toString();
                username = availableUsername(preferredUsername);
                store.insertUser(id, username, email, displayName, Optional.empty(), false, Optional.of(issuer),
                        Optional.of(subject), clock.instant());
                audit.append(AuditEntry.of(Actor.user(username), "user.provision", username, Outcome.SUCCESS, requestId,
                        Map.of("issuer", issuer)));
            }
            List<String> changes = new ArrayList<>();
            Set<Membership> current = store.memberships(id).stream()
                    .filter(m -> m.source() == Membership.Source.IDP).collect(Collectors.toSet());
            for (Membership membership : current) {
                if (!mappedRoles.contains(membership) && organisationExists(membership.organisationId())) {
                    store.removeMembership(id, membership);
                    changes.add("-" + membership.organisationId() + ":" + membership.role().label());
                }
            }
            for (Membership membership : mappedRoles) {
                if (organisationExists(membership.organisationId()) && store.addMembership(id, membership)) {
                    changes.add("+" + membership.organisationId() + ":" + membership.role().label());
                }
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("method", "oidc");
            details.put("issuer", issuer);
            if (!changes.isEmpty()) {
                details.put("role_changes", String.join(",", changes));
            }
            audit.append(AuditEntry.of(Actor.user(username), "login", username, Outcome.SUCCESS, requestId, details));
            return store.findById(id).orElseThrow();
        });
    }

    /**
     * Audits a single sign-on that was refused (untrusted issuer, a token that fails
     * verification, a disabled account, an unreachable provider). No account is created or changed.
     */
    public void singleSignOnRefused(String providerId, String reason, String requestId) {
        audit.append(AuditEntry.of(Actor.anonymous("sso:" + providerId), "login", providerId, Outcome.DENIED, requestId,
                Map.of("method", "oidc", "provider", providerId, "reason", reason)));
    }

    private boolean organisationExists(String id) {
        return store.findOrganisation(id).isPresent();
    }

    private String availableUsername(String preferred) {
        String base;
        try {
            base = normaliseUsername(preferred);
        } catch (IdentityProblem e) {
            base = "user";
        }
        String candidate = base;
        for (int n = 2; store.usernameExists(candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    /** For audit of actions outside this service that are refused for lack of a role. */
    public void auditDenied(Caller caller, String action, String target, String requestId, String reason) {
        denied(caller.actor(), action, target, requestId, reason);
    }
}
