-- The global outbound budget (security.md item 16): sign-in emails accepted per UTC day, all
-- addresses together. One row per day; `purge` drops past days.
CREATE TABLE email_budget (
    day   INTEGER PRIMARY KEY,  -- unix seconds / 86400
    used  INTEGER NOT NULL
);

-- Every send counted in email_limits is counted here too. A trigger, so that issuing costs no
-- extra statement (each one is a round trip to SQLite's connection thread). Taking a send back
-- (last_sent_at set to 0) does not fire it; that path decrements the budget itself.
CREATE TRIGGER email_budget_on_first_send AFTER INSERT ON email_limits
BEGIN
    INSERT INTO email_budget (day, used) VALUES (NEW.last_sent_at / 86400, 1)
    ON CONFLICT (day) DO UPDATE SET used = used + 1;
END;

CREATE TRIGGER email_budget_on_send AFTER UPDATE OF last_sent_at ON email_limits
WHEN NEW.last_sent_at > OLD.last_sent_at
BEGIN
    INSERT INTO email_budget (day, used) VALUES (NEW.last_sent_at / 86400, 1)
    ON CONFLICT (day) DO UPDATE SET used = used + 1;
END;
