-- The global outbound budget (security.md item 16): sign-in emails accepted per UTC day, all
-- addresses together. One row per day; `purge` drops past days.
CREATE TABLE email_budget (
    day   INTEGER PRIMARY KEY,  -- unix seconds / 86400
    used  INTEGER NOT NULL
);
