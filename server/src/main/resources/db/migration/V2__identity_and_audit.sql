-- Identity (accounts, organisations, roles, API tokens) and the audit log. Portable SQL only.

CREATE TABLE users (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    -- Lower-cased, so "Alice" and "alice" cannot be two accounts.
    username        VARCHAR(64)   NOT NULL UNIQUE,
    email           VARCHAR(320),
    display_name    VARCHAR(256),
    -- Argon2id in PHC string form; NULL for accounts that only sign in through an identity provider.
    password_hash   VARCHAR(256),
    enabled         BOOLEAN       NOT NULL,
    -- Created from the command line before any identity provider is connected; local login for
    -- it can be switched off once an SSO administrator exists.
    bootstrap       BOOLEAN       NOT NULL,
    idp_issuer      VARCHAR(512),
    idp_subject     VARCHAR(512),
    failed_logins   INTEGER       NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (idp_issuer, idp_subject)
);

-- Node-wide roles: node-admin and auditor.
CREATE TABLE user_node_roles (
    user_id         VARCHAR(36)   NOT NULL REFERENCES users (id),
    node_role       VARCHAR(32)   NOT NULL,
    PRIMARY KEY (user_id, node_role)
);

CREATE TABLE organisations (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    name            VARCHAR(256)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A role a user holds in an organisation. `source` is LOCAL for grants made by an administrator
-- and IDP for grants derived from identity-provider groups; only IDP grants are re-evaluated
-- (and removed) at each single sign-on.
CREATE TABLE memberships (
    user_id         VARCHAR(36)   NOT NULL REFERENCES users (id),
    organisation_id VARCHAR(64)   NOT NULL REFERENCES organisations (id),
    org_role        VARCHAR(32)   NOT NULL,
    source          VARCHAR(16)   NOT NULL,
    PRIMARY KEY (user_id, organisation_id, org_role, source)
);

-- Personal API tokens. Only the SHA-256 of the secret is stored: the secret has 256 bits of
-- entropy, so a slow password hash would add nothing but latency to every request.
CREATE TABLE api_tokens (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    user_id         VARCHAR(36)   NOT NULL REFERENCES users (id),
    name            VARCHAR(128)  NOT NULL,
    secret_hash     CHAR(64)      NOT NULL UNIQUE,
    scopes          VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    last_used_at    TIMESTAMP WITH TIME ZONE
);

-- One-time links that let a user created from the command line choose a password.
CREATE TABLE setup_links (
    secret_hash     CHAR(64)      NOT NULL PRIMARY KEY,
    user_id         VARCHAR(36)   NOT NULL REFERENCES users (id),
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at         TIMESTAMP WITH TIME ZONE
);

-- Node-wide switches changed at run time (and audited), e.g. whether bootstrap login is off.
CREATE TABLE node_settings (
    name            VARCHAR(128)  NOT NULL PRIMARY KEY,
    setting_value   VARCHAR(1000) NOT NULL
);

-- Which organisation owns a record (by master id), so only its publishers may change it.
CREATE TABLE record_owners (
    master_id       VARCHAR(1024) NOT NULL PRIMARY KEY,
    organisation_id VARCHAR(64)   NOT NULL REFERENCES organisations (id)
);

-- The audit log: append-only and hash-chained. Each event's hash is SHA-256 over the previous
-- event's hash and the event's canonical encoding, so changing, deleting, inserting or
-- reordering any event breaks the chain from that event on. The application never updates or
-- deletes rows here.
CREATE TABLE audit_events (
    sequence        BIGINT        NOT NULL PRIMARY KEY,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_kind      VARCHAR(16)   NOT NULL,
    actor           VARCHAR(256)  NOT NULL,
    action          VARCHAR(64)   NOT NULL,
    target          VARCHAR(1024) NOT NULL,
    outcome         VARCHAR(16)   NOT NULL,
    request_id      VARCHAR(64)   NOT NULL,
    details         VARCHAR(20000) NOT NULL,
    previous_hash   CHAR(64)      NOT NULL,
    event_hash      CHAR(64)      NOT NULL
);

CREATE INDEX audit_events_action ON audit_events (action, sequence);
CREATE INDEX audit_events_actor ON audit_events (actor, sequence);

-- The chain head, locked by every append so sequences are gap-free and hashes chain in order.
-- It also lets verification notice events cut off the end of the log.
CREATE TABLE audit_head (
    id              INTEGER       NOT NULL PRIMARY KEY,
    last_sequence   BIGINT        NOT NULL,
    last_hash       CHAR(64)      NOT NULL
);

INSERT INTO audit_head (id, last_sequence, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
