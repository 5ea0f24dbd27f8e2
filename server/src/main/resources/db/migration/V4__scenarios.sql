-- Technology models and scenario runs. Scenario data is private to the node: nothing here is
-- written to the change log, indexed, replicated or exported. Portable SQL only.

CREATE TABLE scenario_models (
    id           VARCHAR(64)     NOT NULL PRIMARY KEY,
    name         VARCHAR(128)    NOT NULL UNIQUE,
    technology   VARCHAR(256)    NOT NULL,
    source       VARCHAR(1000000) NOT NULL,
    added_by     VARCHAR(64)     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A run belongs to its owner; shared_with names one organisation of the owner's whose members
-- may read it too. results holds the statistics as JSON once the run has succeeded.
CREATE TABLE scenario_runs (
    id           VARCHAR(64)     NOT NULL PRIMARY KEY,
    model_id     VARCHAR(64)     NOT NULL REFERENCES scenario_models (id),
    owner_id     VARCHAR(64)     NOT NULL REFERENCES users (id),
    shared_with  VARCHAR(64)     REFERENCES organisations (id),
    samples      INTEGER         NOT NULL,
    seed         BIGINT          NOT NULL,
    status       VARCHAR(16)     NOT NULL,
    error        VARCHAR(2000),
    elapsed_ms   BIGINT,
    results      VARCHAR(1000000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE
);

CREATE INDEX scenario_runs_owner ON scenario_runs (owner_id);
CREATE INDEX scenario_runs_shared ON scenario_runs (shared_with);
