-- Iris schema for SQLite. Times are unix seconds (UTC) from the injected clock.
-- Secrets are never stored: tokens and codes as HMACs, outbox payloads sealed, session ids hashed.

CREATE TABLE accounts (
    id          TEXT PRIMARY KEY,
    email       TEXT NOT NULL,            -- address of record: mail goes here
    email_key   TEXT NOT NULL UNIQUE,     -- canonical form: identity comparisons use this
    created_at  INTEGER NOT NULL
);

-- One emailed credential: the link and the code of one email, used up together.
CREATE TABLE credentials (
    id            TEXT PRIMARY KEY,       -- random flow id; the code MAC is bound to it
    email         TEXT NOT NULL,
    email_key     TEXT NOT NULL,
    token_hash    BLOB NOT NULL UNIQUE,
    code_hash     BLOB NOT NULL,
    return_to     TEXT NOT NULL,
    requested_at  INTEGER NOT NULL,
    requested_by  TEXT NOT NULL,          -- browser summary, shown on the confirm page
    expires_at    INTEGER NOT NULL,
    used_at       INTEGER,
    outcome       TEXT,                   -- signed_in | superseded
    attempts      INTEGER NOT NULL DEFAULT 0,
    deliverable   INTEGER NOT NULL        -- 0: unknown address with sign-up off (never redeemable)
);
CREATE INDEX credentials_by_email ON credentials (email_key, used_at);
CREATE INDEX credentials_by_expiry ON credentials (expires_at);

CREATE TABLE outbox (
    id               TEXT PRIMARY KEY,
    credential_id    TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    payload          BLOB,                -- sealed; NULL once sent or failed
    status           TEXT NOT NULL,       -- queued | sending | sent | failed | suppressed
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    lease_until      INTEGER,
    deadline         INTEGER NOT NULL,    -- the credential's expiry: no point sending after it
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    finished_at      INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_credential ON outbox (credential_id);

CREATE TABLE email_limits (
    email_key     TEXT PRIMARY KEY,
    last_sent_at  INTEGER NOT NULL,
    window_start  INTEGER NOT NULL,
    window_count  INTEGER NOT NULL
);

CREATE TABLE account_failures (
    email_key        TEXT PRIMARY KEY,
    failures         INTEGER NOT NULL,
    last_failure_at  INTEGER NOT NULL,
    locked_until     INTEGER NOT NULL
);

CREATE TABLE sessions (
    key_hash    BLOB PRIMARY KEY,         -- SHA-256 of the cookie's session key
    state       TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
