-- The recent-activity trail: migrations/sqlite/0009_trail.sql says what it holds and why
-- "email requested" is a trigger. SECURITY: no token, code, link or full address is stored.
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

-- Per row, as on SQLite. A batch's INSERT … SELECT FROM UNNEST fires it once per issued
-- credential, after the statement: a lookup on accounts' unique email_key each.
CREATE FUNCTION credentials_trail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO trail_events (at, account_id, kind, browser, ip)
    SELECT NEW.requested_at, a.id, 'email_requested', NEW.requested_by, NEW.requested_ip
    FROM accounts a WHERE a.email_key = NEW.email_key;
    RETURN NULL;
END
$$;
CREATE TRIGGER credentials_trail AFTER INSERT ON credentials
    FOR EACH ROW WHEN (NEW.deliverable) EXECUTE FUNCTION credentials_trail();
