-- Changing an account's address (SECURITY.md item 28). A change is asked for by a signed-in
-- session; the new address proves itself with the link or code sent to it (MACs, as for
-- sign-in credentials, under purposes of their own); only then does the account move, and the
-- old address gets a notice whose undo link (revert_hash) works until revert_until.
CREATE TABLE address_changes (
    id                TEXT PRIMARY KEY,   -- random; the code MAC is bound to it
    account_id        TEXT NOT NULL,
    old_email         TEXT NOT NULL,
    old_email_key     TEXT NOT NULL,
    new_email         TEXT NOT NULL,
    new_email_key     TEXT NOT NULL,
    token_hash        BYTEA NOT NULL UNIQUE,
    code_hash         BYTEA NOT NULL,
    revert_hash       BYTEA NOT NULL UNIQUE,
    requested_at      BIGINT NOT NULL,
    requested_by      TEXT NOT NULL,
    expires_at        BIGINT NOT NULL,   -- the link and code work until then
    attempts          BIGINT NOT NULL DEFAULT 0,
    notice            BYTEA,               -- sealed notice to the old address; NULL once queued
    notice_outbox_id  TEXT NOT NULL,
    confirmed_at      BIGINT,
    revert_until      BIGINT,            -- set when confirmed
    reverted_at       BIGINT,
    superseded        BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX address_changes_by_account ON address_changes (account_id);
CREATE INDEX address_changes_by_expiry ON address_changes (expires_at);
