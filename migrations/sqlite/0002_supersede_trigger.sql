-- A new credential replaces every earlier unused one for the same address (security.md item
-- 10). Done by trigger so issuing stays a few statements: SQLite work inside one statement
-- costs no extra round trip to the connection's thread.
CREATE TRIGGER credentials_supersede AFTER INSERT ON credentials
BEGIN
    UPDATE credentials SET used_at = NEW.requested_at, outcome = 'superseded'
    WHERE email_key = NEW.email_key AND used_at IS NULL AND id <> NEW.id;
END;
