-- The hard lockouts are gone (issue 10): failed sign-ins and tracking misses are counted in
-- attempt_throttle (20261207120000), per account, address and number. Nothing reads or
-- writes these columns any more.
ALTER TABLE users DROP COLUMN failed_attempts, DROP COLUMN locked_until;
ALTER TABLE cases DROP COLUMN track_failures, DROP COLUMN track_locked_until;
