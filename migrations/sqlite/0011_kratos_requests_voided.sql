-- When the email of a request was stopped with "I didn't ask for this" (issue 15): Iris then
-- refuses the flow on its own pages (Kratos v1.3.1 cannot void a flow or a code). NULL: not
-- stopped. Same column on PostgreSQL (0004).
ALTER TABLE kratos_requests ADD COLUMN voided_at INTEGER;
