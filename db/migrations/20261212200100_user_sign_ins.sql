-- A user's last sign-in moves off users (issue 11, "A province on Citus"): users is a reference
-- table there, copied to every node, and a write to it is a write on every node; a sign-in
-- must not be one. The time is kept in a table of its own on the coordinator, written at every
-- sign-in, read by the user list (as users.last_sign_in_at was), visible where the user is.
CREATE TABLE user_sign_ins (
  user_id         uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  last_sign_in_at timestamptz NOT NULL
);
INSERT INTO user_sign_ins (user_id, last_sign_in_at) SELECT id, last_sign_in_at FROM users WHERE last_sign_in_at IS NOT NULL;
ALTER TABLE users DROP COLUMN last_sign_in_at;

ALTER TABLE user_sign_ins ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_sign_ins FORCE ROW LEVEL SECURITY;
CREATE POLICY user_sign_ins_read ON user_sign_ins FOR SELECT USING (user_id IN (SELECT u.id FROM users u));
CREATE POLICY user_sign_ins_owner ON user_sign_ins TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT ON user_sign_ins TO fazhi_app;
