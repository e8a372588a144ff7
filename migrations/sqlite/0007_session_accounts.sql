-- Whose session it is, so one account's sessions can be listed and ended (the account page,
-- "this wasn't me", an address change) without reading every session's state. NULL: not
-- signed in, or written before this column existed. Same column and index on PostgreSQL.
ALTER TABLE sessions ADD COLUMN account_id TEXT;
CREATE INDEX sessions_by_account ON sessions (account_id);
