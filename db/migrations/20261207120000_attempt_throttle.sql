-- Failed attempts at guessing a secret (a password, a current password, a tracking query code),
-- counted per key: an account and an address together, an address alone, an account alone, a
-- tracking number and an address. A key's counter sets how long that key must wait before its
-- next attempt (a growing delay, never a lock against everyone): an attacker at one address slows
-- only himself, and the owner from another address still gets in. The key is an HMAC of what it
-- names (so the table holds neither usernames nor addresses); the server's processes share it.
CREATE TABLE attempt_throttle (
  scope            text NOT NULL,
  key_hash         bytea NOT NULL,
  failures         integer NOT NULL,
  first_failure_at timestamptz NOT NULL,
  last_failure_at  timestamptz NOT NULL,
  blocked_until    timestamptz,
  PRIMARY KEY (scope, key_hash)
);
CREATE INDEX attempt_throttle_last_idx ON attempt_throttle (last_failure_at);
