-- Sign-in requests Iris made to Kratos on a browser's behalf (the Kratos approaches): who
-- asked, when, from which browser and in which language, by Kratos flow. The page behind an
-- emailed recovery link reads it (it must not ask Kratos: that would need the token), and so
-- does the courier hook, to write Kratos's email in the asker's language. No secret is kept
-- here: Kratos holds the token and the code. Purged with the other spent rows.
CREATE TABLE kratos_requests (
    flow_id       TEXT PRIMARY KEY,
    email_key     TEXT NOT NULL,
    email         TEXT NOT NULL,
    locale        TEXT NOT NULL,
    requested_by  TEXT NOT NULL,
    requested_at  INTEGER NOT NULL,
    return_to     TEXT NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX kratos_requests_by_email ON kratos_requests (email_key, requested_at);
