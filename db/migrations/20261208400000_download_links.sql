-- One-time download links (issue 10): downloading an attachment writes an audit row, so it
-- must not be a plain GET that a link on another site could trigger with the user's cookie.
-- A CSRF-checked POST issues a link; the GET that uses it is answered once, within a minute,
-- for the user who asked. Only a hash of the token is stored.
CREATE TABLE download_links (
  token_hash    bytea PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  case_id       uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  attachment_id uuid NOT NULL REFERENCES case_attachments(id) ON DELETE CASCADE,
  expires_at    timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX download_links_expires ON download_links (expires_at);
-- Platform-internal like sessions: the request role has no privilege on it.
ALTER TABLE download_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE download_links FORCE ROW LEVEL SECURITY;
CREATE POLICY download_links_owner ON download_links TO CURRENT_USER USING (true) WITH CHECK (true);
