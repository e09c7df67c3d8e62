-- Files on cases (apps/server/src/modules/attachments). The bytes live in the file store
-- (local disk under FAZHI_DATA_DIR/files, or an S3-compatible bucket); this row is what
-- the case knows of them: the name shown, the type sniffed from the bytes, two checksums
-- (SM3 for the national standard, SHA-256 because S3 verifies uploads with it), and the
-- store's key, which the server generates (never a name the client sent).
CREATE TABLE case_attachments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  township_id  uuid NOT NULL REFERENCES orgs(id),
  file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  size         bigint NOT NULL CHECK (size > 0),
  content_type text NOT NULL,
  sm3          text NOT NULL CHECK (sm3 ~ '^[0-9a-f]{64}$'),
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key  text NOT NULL UNIQUE,
  uploaded_by  uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  -- Soft delete: the file stays in the store and on the audit trail; the case no longer shows it.
  deleted_at   timestamptz,
  deleted_by   uuid REFERENCES users(id)
);
CREATE INDEX case_attachments_case ON case_attachments (case_id, created_at) WHERE deleted_at IS NULL;
ALTER TABLE case_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY case_attachments_rw ON case_attachments USING (fazhi_case_visible(case_id)) WITH CHECK (fazhi_case_visible(case_id));
CREATE POLICY case_attachments_owner ON case_attachments TO CURRENT_USER USING (true) WITH CHECK (true);
-- The app may mark a row deleted, never rewrite its name, checksums or key.
GRANT SELECT, INSERT ON case_attachments TO fazhi_app;
GRANT UPDATE (deleted_at, deleted_by) ON case_attachments TO fazhi_app;
