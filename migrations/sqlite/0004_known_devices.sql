-- Whether the send being counted is for a browser that has signed in to this address before
-- (its known-device cookie): such sends skip the hourly budget and the failure back-off, so
-- failures and requests other browsers caused cannot lock the owner out (issue 8). A column,
-- because the conditional upsert's ON CONFLICT clause can only see the inserted row.
ALTER TABLE email_limits ADD COLUMN trusted INTEGER NOT NULL DEFAULT 0;
