-- When Kratos redeemed the request's link: the link's page then says "already used" instead
-- of offering a confirm button that can only fail. Iris cannot ask Kratos (that needs the
-- token), so it remembers the success it relayed.
ALTER TABLE kratos_requests ADD COLUMN used_at INTEGER;
