-- Iris schema for PostgreSQL: the SQLite schema after its migrations 0001..0007, in one file.
-- The columns mean what they mean there (see migrations/sqlite/); this file says only where
-- PostgreSQL differs. Times stay unix seconds (UTC) from the injected clock, as BIGINT: the
-- decisions in store/rules.rs are shared by both backends and compute with the same numbers.
-- Every integer is BIGINT because the Rust side reads them as i64 and sqlx decodes a
-- PostgreSQL integer only into the Rust type of its exact width.
-- Secrets are never stored: tokens and codes as HMACs, outbox payloads sealed, session ids hashed.

CREATE TABLE accounts (
    id          TEXT PRIMARY KEY,
    email       TEXT NOT NULL,            -- address of record: mail goes here
    email_key   TEXT NOT NULL UNIQUE,     -- canonical form: identity comparisons use this
    created_at  BIGINT NOT NULL
);

-- One emailed credential: the link and the code of one email, used up together.
CREATE TABLE credentials (
    id            TEXT PRIMARY KEY,       -- random flow id; the code MAC is bound to it
    email         TEXT NOT NULL,
    email_key     TEXT NOT NULL,
    token_hash    BYTEA NOT NULL UNIQUE,
    code_hash     BYTEA NOT NULL,
    return_to     TEXT NOT NULL,
    requested_at  BIGINT NOT NULL,
    requested_by  TEXT NOT NULL,          -- browser summary, shown on the confirm page
    expires_at    BIGINT NOT NULL,
    used_at       BIGINT,
    outcome       TEXT,                   -- signed_in | superseded
    attempts      BIGINT NOT NULL DEFAULT 0,
    deliverable   BOOLEAN NOT NULL        -- false: unknown address with sign-up off (never redeemable)
);
CREATE INDEX credentials_by_email ON credentials (email_key, used_at);
CREATE INDEX credentials_by_expiry ON credentials (expires_at);

-- A new credential replaces every earlier unused one for the same address (security.md item
-- 10), by trigger as on SQLite, so both backends issue with the same statements' shape and no
-- caller can forget it. Unlike SQLite's, a PostgreSQL AFTER ROW trigger runs once the whole
-- INSERT is done and sees all of its rows: a multi-row INSERT holding one address twice would
-- void both. Insert an address at most once per statement (the SQLite batch does the same).
CREATE FUNCTION credentials_supersede() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE credentials SET used_at = NEW.requested_at, outcome = 'superseded'
    WHERE email_key = NEW.email_key AND used_at IS NULL AND id <> NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER credentials_supersede AFTER INSERT ON credentials
    FOR EACH ROW EXECUTE FUNCTION credentials_supersede();

CREATE TABLE outbox (
    id               TEXT PRIMARY KEY,
    credential_id    TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    payload          BYTEA,               -- sealed; NULL once sent or failed
    status           TEXT NOT NULL,       -- queued | sending | sent | failed | suppressed
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    lease_until      BIGINT,
    deadline         BIGINT NOT NULL,     -- the credential's expiry: no point sending after it
    last_error       TEXT,
    created_at       BIGINT NOT NULL,
    finished_at      BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
-- What a claim reads, in its order: small, because sent rows leave them (see postgres/outbox.rs).
CREATE INDEX outbox_queued ON outbox (next_attempt_at) WHERE status = 'queued';
CREATE INDEX outbox_leased ON outbox (lease_until) WHERE status = 'sending';
CREATE INDEX outbox_by_credential ON outbox (credential_id);

CREATE TABLE email_limits (
    email_key     TEXT PRIMARY KEY,
    last_sent_at  BIGINT NOT NULL,
    window_start  BIGINT NOT NULL,
    window_count  BIGINT NOT NULL,
    -- The send being counted is for a known device of this address (issue 8); a column because
    -- the conditional upsert's ON CONFLICT clause can only see the inserted row.
    trusted       BOOLEAN NOT NULL DEFAULT FALSE
);

-- The global outbound budget (security.md item 16): sign-in emails accepted per UTC day, all
-- addresses together. One row per day; `purge` drops past days.
CREATE TABLE email_budget (
    day   BIGINT PRIMARY KEY,   -- unix seconds / 86400
    used  BIGINT NOT NULL
);

-- Every send counted in email_limits is counted here too, by trigger as on SQLite, so that the
-- conditional upsert that decides a send also counts it, in the same statement. Taking a send
-- back (last_sent_at set to 0) does not fire it; that path decrements the budget itself.
-- Concurrent first sends of a day meet on email_budget's primary key: the upsert makes the
-- loser add to the winner's row rather than fail.
CREATE FUNCTION email_budget_count_send() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO email_budget (day, used) VALUES (NEW.last_sent_at / 86400, 1)
    ON CONFLICT (day) DO UPDATE SET used = email_budget.used + 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER email_budget_on_first_send AFTER INSERT ON email_limits
    FOR EACH ROW EXECUTE FUNCTION email_budget_count_send();
CREATE TRIGGER email_budget_on_send AFTER UPDATE OF last_sent_at ON email_limits
    FOR EACH ROW WHEN (NEW.last_sent_at <> 0)
    EXECUTE FUNCTION email_budget_count_send();

CREATE TABLE account_failures (
    email_key        TEXT PRIMARY KEY,
    failures         BIGINT NOT NULL,
    last_failure_at  BIGINT NOT NULL,
    locked_until     BIGINT NOT NULL
);

CREATE TABLE sessions (
    key_hash    BYTEA PRIMARY KEY,        -- SHA-256 of the cookie's session key
    state       TEXT NOT NULL,
    expires_at  BIGINT NOT NULL,
    -- Whose session it is, so one account's sessions can be listed and ended without reading
    -- every session's state. NULL: not signed in.
    account_id  TEXT
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- Sign-in requests Iris made to Kratos on a browser's behalf (the Kratos approaches); see
-- migrations/sqlite/0005 and 0006. No secret is kept here: Kratos holds the token and the code.
CREATE TABLE kratos_requests (
    flow_id       TEXT PRIMARY KEY,
    email_key     TEXT NOT NULL,
    email         TEXT NOT NULL,
    locale        TEXT NOT NULL,
    requested_by  TEXT NOT NULL,
    requested_at  BIGINT NOT NULL,
    return_to     TEXT NOT NULL,
    expires_at    BIGINT NOT NULL,
    used_at       BIGINT                  -- when Kratos redeemed the link Iris relayed
);
CREATE INDEX kratos_requests_by_email ON kratos_requests (email_key, requested_at);
