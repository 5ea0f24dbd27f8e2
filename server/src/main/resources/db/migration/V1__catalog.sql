-- The catalog: the system of record for every record version, per stage. Portable SQL only
-- (H2 2.x and PostgreSQL 15+ run the same migrations).

CREATE TABLE catalog_records (
    stage         VARCHAR(16)   NOT NULL,
    record_id     VARCHAR(1024) NOT NULL,
    record_type   VARCHAR(16)   NOT NULL,
    master_id     VARCHAR(1024) NOT NULL,
    dataset_id    VARCHAR(1024),
    content_hash  CHAR(64)      NOT NULL,
    -- VARCHAR, not CLOB: H2 keeps LOBs out of line, which is several times slower to write.
    document      VARCHAR(1000000) NOT NULL,
    cataloged_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (stage, record_id)
);

CREATE INDEX catalog_records_dataset ON catalog_records (stage, dataset_id);
CREATE INDEX catalog_records_master ON catalog_records (stage, master_id);

-- The transactional outbox: one row per change, written in the same transaction as the change.
-- Sequences are allocated under the catalog_log_head row lock, so they are gap-free and commit
-- in order; a consumer that remembers the last sequence it applied resumes exactly there.
CREATE TABLE catalog_changes (
    sequence      BIGINT        NOT NULL PRIMARY KEY,
    stage         VARCHAR(16)   NOT NULL,
    record_id     VARCHAR(1024) NOT NULL,
    change_kind   VARCHAR(16)   NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE catalog_log_head (
    id            INTEGER NOT NULL PRIMARY KEY,
    last_sequence BIGINT  NOT NULL
);

INSERT INTO catalog_log_head (id, last_sequence) VALUES (1, 0);

-- Requests to rebuild the search index, so `meridian reindex` can ask a running node to do it
-- (the node owns the index) and follow its progress.
CREATE TABLE index_rebuilds (
    id            BIGINT        NOT NULL PRIMARY KEY,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    done          BIGINT        NOT NULL,
    total         BIGINT        NOT NULL,
    message       VARCHAR(2000),
    finished_at   TIMESTAMP WITH TIME ZONE
);
