-- When the email of a request was stopped with "I didn't ask for this" (issue 15): see
-- migrations/sqlite/0011.
ALTER TABLE kratos_requests ADD COLUMN voided_at BIGINT;
