-- The recent-activity trail (issue 15): what happened to an account, for its page and for
-- operators, kept for audit.retention and then purged. SECURITY: no token, code, link or full
-- address is ever stored here; the browser is i18n::browser_record ("name|os") and the IP is
-- domain::masked_ip ("203.0.113.x"); both are empty for an operator's action.
-- id only orders events recorded in the same second. Same table on PostgreSQL (0002).
CREATE TABLE trail_events (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    account_id  TEXT NOT NULL,
    kind        TEXT NOT NULL,            -- domain::TrailKind::as_str
    browser     TEXT NOT NULL,
    ip          TEXT NOT NULL
);
CREATE INDEX trail_by_account ON trail_events (account_id, at);
CREATE INDEX trail_by_time ON trail_events (at);

-- The masked IP of whoever asked for a credential, for its "email requested" event.
ALTER TABLE credentials ADD COLUMN requested_ip TEXT NOT NULL DEFAULT '';

-- "Email requested" is recorded by the statement that issues the email: one lookup of the
-- address's account on accounts' unique email_key, inside the issuing transaction, and no
-- extra round trip on the hot path (issuing runs thousands of times a second). An address
-- with no account (or an email that is never sent) leaves no row. (PostgreSQL does the same
-- in its issuing statement instead: see migrations/postgres/0002_trail.sql.)
CREATE TRIGGER credentials_trail AFTER INSERT ON credentials
WHEN NEW.deliverable
BEGIN
    INSERT INTO trail_events (at, account_id, kind, browser, ip)
    SELECT NEW.requested_at, a.id, 'email_requested', NEW.requested_by, NEW.requested_ip
    FROM accounts a WHERE a.email_key = NEW.email_key;
END;
