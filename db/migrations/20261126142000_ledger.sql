-- Mediation ledger (人民调解案件登记台账) imports (apps/server/src/modules/mediation/ledger).
-- An uploaded Excel ledger is parsed and checked row by row before anything is written:
-- the import record keeps every row's parsed values and problems, and, once the user
-- accepts, each row's result (the case it became, or why it could not be written), so a
-- screen can show the progress and the final report row by row. The file itself is not kept.

CREATE TABLE ledger_imports (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id  uuid NOT NULL REFERENCES orgs(id),
  -- Whose ledger this is (a village or an office of the township): decides who sees the record.
  org_id       uuid NOT NULL REFERENCES orgs(id),
  file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  file_sm3     text NOT NULL CHECK (file_sm3 ~ '^[0-9a-f]{64}$'),
  status       text NOT NULL CHECK (status IN ('validated', 'queued', 'running', 'done', 'done_with_errors', 'failed')),
  total        integer NOT NULL DEFAULT 0,
  valid        integer NOT NULL DEFAULT 0,
  -- Problems of the file as a whole (a missing column), each {sheet, row, column, message}.
  file_problems jsonb NOT NULL DEFAULT '[]',
  processed    integer NOT NULL DEFAULT 0,
  written      integer NOT NULL DEFAULT 0,
  failed       integer NOT NULL DEFAULT 0,
  error        text,
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  accepted_by  uuid REFERENCES users(id),
  accepted_at  timestamptz,
  finished_at  timestamptz,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_imports_org ON ledger_imports (org_id, created_at DESC);
CREATE INDEX ledger_imports_township ON ledger_imports (township_id, created_at DESC);
ALTER TABLE ledger_imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_imports FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_imports_rw ON ledger_imports USING (fazhi_row_visible(org_id, created_by)) WITH CHECK (fazhi_org_visible(org_id));
CREATE POLICY ledger_imports_owner ON ledger_imports TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON ledger_imports TO fazhi_app;

CREATE FUNCTION fazhi_ledger_import_visible(i uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM ledger_imports WHERE id = i)
$$;

CREATE TABLE ledger_import_rows (
  import_id   uuid NOT NULL REFERENCES ledger_imports(id) ON DELETE CASCADE,
  township_id uuid NOT NULL REFERENCES orgs(id),
  -- Order in the file (sheets in order, rows in order), and where a clerk finds the row.
  seq         integer NOT NULL,
  sheet       text NOT NULL,
  row_no      integer NOT NULL,
  -- The org the row's village (or committee) resolved to.
  org_id      uuid REFERENCES orgs(id),
  -- The parsed values, without the phone numbers: those are personal data, sealed with SM4.
  fields      jsonb NOT NULL,
  phones_enc  bytea,
  problems    jsonb NOT NULL DEFAULT '[]',
  status      text NOT NULL CHECK (status IN ('invalid', 'valid', 'written', 'failed')),
  case_id     uuid REFERENCES cases(id) ON DELETE SET NULL,
  message     text,
  PRIMARY KEY (import_id, seq)
);
CREATE INDEX ledger_import_rows_pending ON ledger_import_rows (import_id, seq) WHERE status = 'valid';
ALTER TABLE ledger_import_rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger_import_rows FORCE ROW LEVEL SECURITY;
CREATE POLICY ledger_import_rows_rw ON ledger_import_rows USING (fazhi_ledger_import_visible(import_id)) WITH CHECK (fazhi_ledger_import_visible(import_id));
CREATE POLICY ledger_import_rows_owner ON ledger_import_rows TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON ledger_import_rows TO fazhi_app;
