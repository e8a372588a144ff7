-- The recent-activity trail: migrations/sqlite/0009_trail.sql says what it holds.
-- SECURITY: no token, code, link or full address is stored.
CREATE TABLE trail_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          BIGINT NOT NULL,
    account_id  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    browser     TEXT NOT NULL,
    ip          TEXT NOT NULL
);
CREATE INDEX trail_by_account ON trail_events (account_id, at);
CREATE INDEX trail_by_time ON trail_events (at);

ALTER TABLE credentials ADD COLUMN requested_ip TEXT NOT NULL DEFAULT '';

-- "Email requested" is written by the issuing statement itself (store/postgres/issue_batch.rs,
-- its CTE `t`), not by a trigger as on SQLite: a PL/pgSQL row trigger cost several times as
-- much per credential as one set-based join on accounts for the whole batch.
