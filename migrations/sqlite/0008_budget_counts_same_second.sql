-- A send counted in the same second as the address's previous one (a cooldown under a
-- second, or a known device) leaves last_sent_at unchanged, and 0003's trigger did not count
-- it against the day's budget: the budget could be exceeded. Every write that sets
-- last_sent_at is a counted send (the counting upsert), except taking one back, which sets it
-- to 0: so every other one counts, whatever its time.
DROP TRIGGER email_budget_on_send;
CREATE TRIGGER email_budget_on_send AFTER UPDATE OF last_sent_at ON email_limits
WHEN NEW.last_sent_at <> 0
BEGIN
    INSERT INTO email_budget (day, used) VALUES (NEW.last_sent_at / 86400, 1)
    ON CONFLICT (day) DO UPDATE SET used = used + 1;
END;
