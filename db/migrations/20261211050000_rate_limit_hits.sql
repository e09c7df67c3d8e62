-- Requests counted against the public routes' rate limits (per address and route, one window
-- each), shared by every server process behind one address (issue 11: "rate limits correct
-- across processes"). The key is an HMAC of the route and the address, so the table names no
-- address. UNLOGGED: the counts are worth a minute; after a crash they start again at zero,
-- which only forgives what was counted. Owner only: the server counts on its owner pool.
CREATE UNLOGGED TABLE rate_limit_hits (
  key_hash    bytea PRIMARY KEY,
  hits        integer NOT NULL,
  window_ends timestamptz NOT NULL
);
CREATE INDEX rate_limit_hits_window_idx ON rate_limit_hits (window_ends);
REVOKE ALL ON rate_limit_hits FROM PUBLIC;
