package org.meridian.server.identity;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.meridian.server.system.DatabaseTimes;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Accounts, organisations, roles, tokens and setup links in the database. Plain storage: the
 * rules (who may do what, what gets audited) live in {@link IdentityService}.
 */
public final class IdentityStore {
    private final JdbcTemplate jdbc;

    public IdentityStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(requireNonNull(dataSource, "dataSource is null"));
    }

    /** What login needs besides the {@link User}: the hash and the throttling state. */
    public record Credentials(String userId, Optional<String> passwordHash, int failedLogins,
            Optional<Instant> lockedUntil) {
    }

    public void insertUser(String id, String username, Optional<String> email, Optional<String> displayName,
            Optional<String> passwordHash, boolean bootstrap, Optional<String> idpIssuer, Optional<String> idpSubject,
            Instant now) {
        jdbc.update("""
                INSERT INTO users (id, username, email, display_name, password_hash, enabled, bootstrap,
                                   idp_issuer, idp_subject, failed_logins, created_at)
                VALUES (?, ?, ?, ?, ?, TRUE, ?, ?, ?, 0, ?)
                """, id, username, email.orElse(null), displayName.orElse(null), passwordHash.orElse(null), bootstrap,
                idpIssuer.orElse(null), idpSubject.orElse(null), DatabaseTimes.bind(now));
    }

    public boolean usernameExists(String username) {
        return count("SELECT COUNT(*) FROM users WHERE username = ?", username) > 0;
    }

    public Optional<User> findByUsername(String username) {
        return findUser("username = ?", username);
    }

    public Optional<User> findById(String id) {
        return findUser("id = ?", id);
    }

    public Optional<User> findByIdentityProvider(String issuer, String subject) {
        return findUser("idp_issuer = ? AND idp_subject = ?", issuer, subject);
    }

    public List<User> listUsers() {
        return jdbc.query("SELECT * FROM users ORDER BY username", (rs, row) -> readUser(rs));
    }

    private Optional<User> findUser(String condition, Object... arguments) {
        return jdbc.query("SELECT * FROM users WHERE " + condition, (rs, row) -> readUser(rs), arguments)
                .stream().findFirst();
    }

    private User readUser(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new User(id, rs.getString("username"), Optional.ofNullable(rs.getString("email")),
                Optional.ofNullable(rs.getString("display_name")), rs.getBoolean("enabled"), rs.getBoolean("bootstrap"),
                Optional.ofNullable(rs.getString("idp_issuer")), nodeRoles(id), memberships(id));
    }

    public Optional<Credentials> credentials(String username) {
        return jdbc.query("SELECT id, password_hash, failed_logins, locked_until FROM users WHERE username = ?",
                (rs, row) -> new Credentials(rs.getString(1), Optional.ofNullable(rs.getString(2)), rs.getInt(3),
                        DatabaseTimes.read(rs, 4)), username).stream().findFirst();
    }

    /** Locks still in force at {@code now}, by user id. */
    public Map<String, Instant> lockedUntil(Instant now) {
        Map<String, Instant> locks = new HashMap<>();
        jdbc.query("SELECT id, locked_until FROM users WHERE locked_until > ?", rs -> {
            locks.put(rs.getString(1), DatabaseTimes.read(rs, 2).orElseThrow());
        }, DatabaseTimes.bind(now));
        return Map.copyOf(locks);
    }

    public void setPasswordHash(String userId, String hash) {
        jdbc.update("UPDATE users SET password_hash = ? WHERE id = ?", hash, userId);
    }

    public void setEnabled(String userId, boolean enabled) {
        jdbc.update("UPDATE users SET enabled = ? WHERE id = ?", enabled, userId);
    }

    public void recordFailedLogin(String userId, int failedLogins, Optional<Instant> lockedUntil) {
        jdbc.update("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?", failedLogins,
                lockedUntil.map(DatabaseTimes::bind).orElse(null), userId);
    }

    public void resetFailedLogins(String userId) {
        jdbc.update("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", userId);
    }

    public Set<NodeRole> nodeRoles(String userId) {
        Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
        jdbc.query("SELECT node_role FROM user_node_roles WHERE user_id = ?",
                rs -> {
                    roles.add(NodeRole.valueOf(rs.getString(1)));
                }, userId);
        return roles;
    }

    public boolean addNodeRole(String userId, NodeRole role) {
        if (nodeRoles(userId).contains(role)) {
            return false;
        }
        jdbc.update("INSERT INTO user_node_roles (user_id, node_role) VALUES (?, ?)", userId, role.name());
        return true;
    }

    public boolean removeNodeRole(String userId, NodeRole role) {
        return jdbc.update("DELETE FROM user_node_roles WHERE user_id = ? AND node_role = ?", userId, role.name()) > 0;
    }

    public long countActiveNodeAdmins(boolean excludingBootstrap) {
        return count("""
                SELECT COUNT(*) FROM users u JOIN user_node_roles r ON r.user_id = u.id
                 WHERE r.node_role = 'NODE_ADMIN' AND u.enabled AND (u.bootstrap = FALSE OR ? = FALSE)
                """, excludingBootstrap);
    }

    public Set<Membership> memberships(String userId) {
        Set<Membership> memberships = new HashSet<>();
        jdbc.query("SELECT organisation_id, org_role, source FROM memberships WHERE user_id = ?",
                rs -> {
                    memberships.add(new Membership(rs.getString(1), OrgRole.valueOf(rs.getString(2)),
                            Membership.Source.valueOf(rs.getString(3))));
                }, userId);
        return memberships;
    }

    public boolean addMembership(String userId, Membership membership) {
        if (memberships(userId).contains(membership)) {
            return false;
        }
        jdbc.update("INSERT INTO memberships (user_id, organisation_id, org_role, source) VALUES (?, ?, ?, ?)", userId,
                membership.organisationId(), membership.role().name(), membership.source().name());
        return true;
    }

    public boolean removeMembership(String userId, Membership membership) {
        return jdbc.update("DELETE FROM memberships WHERE user_id = ? AND organisation_id = ? AND org_role = ? AND source = ?",
                userId, membership.organisationId(), membership.role().name(), membership.source().name()) > 0;
    }

    public void insertOrganisation(Organisation organisation) {
        jdbc.update("INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)", organisation.id(),
                organisation.name(), DatabaseTimes.bind(organisation.createdAt()));
    }

    public Optional<Organisation> findOrganisation(String id) {
        return jdbc.query("SELECT * FROM organisations WHERE id = ?", (rs, row) -> readOrganisation(rs), id)
                .stream().findFirst();
    }

    public List<Organisation> listOrganisations() {
        return jdbc.query("SELECT * FROM organisations ORDER BY id", (rs, row) -> readOrganisation(rs));
    }

    private static Organisation readOrganisation(ResultSet rs) throws SQLException {
        return new Organisation(rs.getString("id"), rs.getString("name"),
                DatabaseTimes.read(rs, "created_at").orElseThrow());
    }

    /** Users holding any role in the organisation, by username. */
    public List<User> listMembers(String organisationId) {
        return jdbc.query("""
                SELECT * FROM users
                 WHERE id IN (SELECT user_id FROM memberships WHERE organisation_id = ?)
                 ORDER BY username
                """, (rs, row) -> readUser(rs), organisationId);
    }

    public void insertToken(ApiToken token, String secretHash) {
        jdbc.update("""
                INSERT INTO api_tokens (id, user_id, name, secret_hash, scopes, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, token.id(), token.userId(), token.name(), secretHash, TokenScope.encode(token.scopes()),
                DatabaseTimes.bind(token.createdAt()), DatabaseTimes.bind(token.expiresAt()));
    }

    public Optional<ApiToken> findTokenBySecretHash(String secretHash) {
        return jdbc.query("SELECT * FROM api_tokens WHERE secret_hash = ?", (rs, row) -> readToken(rs), secretHash)
                .stream().findFirst();
    }

    public Optional<ApiToken> findToken(String id) {
        return jdbc.query("SELECT * FROM api_tokens WHERE id = ?", (rs, row) -> readToken(rs), id).stream().findFirst();
    }

    public List<ApiToken> listTokens(String userId) {
        return jdbc.query("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at", (rs, row) -> readToken(rs),
                userId);
    }

    public boolean revokeToken(String id, Instant now) {
        return jdbc.update("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                DatabaseTimes.bind(now), id) > 0;
    }

    public void touchToken(String id, Instant now) {
        jdbc.update("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", DatabaseTimes.bind(now), id);
    }

    private static ApiToken readToken(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString("id"), rs.getString("user_id"), rs.getString("name"),
                TokenScope.decode(rs.getString("scopes")), DatabaseTimes.read(rs, "created_at").orElseThrow(),
                DatabaseTimes.read(rs, "expires_at").orElseThrow(), DatabaseTimes.read(rs, "revoked_at"), DatabaseTimes.read(rs, "last_used_at"));
    }

    public void insertSetupLink(String secretHash, String userId, Instant expiresAt) {
        jdbc.update("INSERT INTO setup_links (secret_hash, user_id, expires_at) VALUES (?, ?, ?)", secretHash, userId,
                DatabaseTimes.bind(expiresAt));
    }

    /** Marks an unused, unexpired link used and returns its user, atomically. */
    public Optional<String> consumeSetupLink(String secretHash, Instant now) {
        List<String> users = jdbc.query(
                "SELECT user_id FROM setup_links WHERE secret_hash = ? AND used_at IS NULL AND expires_at > ? FOR UPDATE",
                (rs, row) -> rs.getString(1), secretHash, DatabaseTimes.bind(now));
        if (users.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("UPDATE setup_links SET used_at = ? WHERE secret_hash = ?", DatabaseTimes.bind(now), secretHash);
        return Optional.of(users.getFirst());
    }

    public boolean setupLinkIsValid(String secretHash, Instant now) {
        return count("SELECT COUNT(*) FROM setup_links WHERE secret_hash = ? AND used_at IS NULL AND expires_at > ?",
                secretHash, DatabaseTimes.bind(now)) > 0;
    }

    public Optional<String> setting(String name) {
        return jdbc.query("SELECT setting_value FROM node_settings WHERE name = ?", (rs, row) -> rs.getString(1), name)
                .stream().findFirst();
    }

    public void putSetting(String name, String value) {
        if (jdbc.update("UPDATE node_settings SET setting_value = ? WHERE name = ?", value, name) == 0) {
            jdbc.update("INSERT INTO node_settings (name, setting_value) VALUES (?, ?)", name, value);
        }
    }

    private long count(String sql, Object... arguments) {
        Long count = jdbc.queryForObject(sql, Long.class, arguments);
        return count == null ? 0 : count;
    }
}
