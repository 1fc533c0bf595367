-- The incident archive, version 1 (PostgreSQL). The SQLite migration of the same version creates
-- the same tables with that server's types; both are applied by Flyway (IncidentArchive.open).

-- One triage of one input. run_key is the SHA-256 of the input's SHA-256, the model config's
-- SHA-256, the what-if block and the combined rules/knowledge-base/version fingerprint: the same
-- key is stored once unless archived again on purpose (repeat_no 1, 2, ...).
CREATE TABLE incident (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_key             TEXT    NOT NULL,
    repeat_no           INTEGER NOT NULL,
    triaged_at_ms       BIGINT  NOT NULL,
    source              TEXT,
    input_name          TEXT    NOT NULL,
    input_sha256        TEXT    NOT NULL,
    input_bytes         BYTEA   NOT NULL,
    model_config_path   TEXT,
    model_config_sha256 TEXT,
    model_config_bytes  BYTEA,
    what_if             TEXT,
    title               TEXT,
    model               TEXT,
    rules_fingerprint   TEXT    NOT NULL,
    kb_fingerprint      TEXT    NOT NULL,
    fingerprint         TEXT    NOT NULL,
    version             TEXT    NOT NULL,
    report_gz           BYTEA   NOT NULL,
    trace_gz            BYTEA   NOT NULL,
    UNIQUE (run_key, repeat_no)
);
CREATE INDEX incident_time ON incident (triaged_at_ms);
CREATE INDEX incident_input ON incident (input_sha256);

-- The conclusion of each build of an incident, as the report gave it.
CREATE TABLE verdict (
    incident_id BIGINT  NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    build       TEXT    NOT NULL,
    verdict     TEXT    NOT NULL,
    hypothesis  TEXT,
    confidence  DOUBLE PRECISION,
    fix         TEXT,
    PRIMARY KEY (incident_id, build)
);
CREATE INDEX verdict_hypothesis ON verdict (hypothesis);

-- The root cause an engineer confirmed for a build (posmortem confirm).
CREATE TABLE confirmation (
    incident_id  BIGINT  NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    build        TEXT    NOT NULL,
    cause        TEXT    NOT NULL,
    also_right   TEXT    NOT NULL,
    note         TEXT,
    confirmed_at_ms BIGINT NOT NULL,
    PRIMARY KEY (incident_id, build)
);
