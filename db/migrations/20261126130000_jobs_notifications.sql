-- Notifications (each user's personal inbox) and the outbox of SMS and e-mail messages.
-- Background jobs themselves live in the `graphile_worker` schema, which graphile-worker
-- installs and migrates on the owner connection when the server starts (platform/jobs).

CREATE TABLE notifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- The township the notice is about (null for deployment-wide notices).
  township_id uuid REFERENCES orgs(id),
  kind        text NOT NULL,
  title       text NOT NULL,
  body        text NOT NULL,
  -- The template's parameters, so the text can be shown in the reader's language.
  params      jsonb NOT NULL DEFAULT '{}',
  link        text,
  case_id     uuid REFERENCES cases(id) ON DELETE CASCADE,
  read_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_created ON notifications (user_id, created_at DESC, id);
CREATE INDEX notifications_user_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_case ON notifications (case_id);
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
-- The inbox is personal: not even an administrator's scope reaches another user's notices.
CREATE POLICY notifications_own ON notifications USING (user_id = fazhi_user_id()) WITH CHECK (user_id = fazhi_user_id());
CREATE POLICY notifications_owner ON notifications TO CURRENT_USER USING (true) WITH CHECK (true);
-- The request role reads its own notices and marks them read; only the platform writes them.
GRANT SELECT ON notifications TO fazhi_app;
GRANT UPDATE (read_at) ON notifications TO fazhi_app;

-- Messages to send by SMS or e-mail, delivered by a job with retries. The recipient (a phone
-- number or an address: personal data) and secret parameters (a query code) are sealed with
-- SM4 like every other personal field; the secrets are erased once the message is sent.
CREATE TABLE outbox (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  township_id     uuid REFERENCES orgs(id),
  channel         text NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient_enc   bytea NOT NULL,
  template        text NOT NULL,
  params          jsonb NOT NULL DEFAULT '{}',
  secrets_enc     bytea,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_status ON outbox (status, created_at DESC);
-- Platform-internal like sessions: the request role has no privilege on it at all; the
-- policy only matters if a grant is ever added by mistake.
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY outbox_owner ON outbox TO CURRENT_USER USING (true) WITH CHECK (true);
