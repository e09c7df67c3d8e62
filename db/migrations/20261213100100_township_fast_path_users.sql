-- The township branch (20261213100000) for the users a statement names: a case page names them
-- three times (the timeline's actors, the assignees, the attachments' uploaders), each a hash
-- of the caller's whole subtree under the subtree test. A user at home is one whose org lies
-- under the user's township in org_closure, kept by trigger whatever the writer sends; county
-- staff (no township) never are. Reads only: who may write a user is unchanged.
CREATE FUNCTION fazhi_user_at_home() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  NEW.at_home := NEW.township_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM org_closure c WHERE c.descendant_id = NEW.org_id AND c.ancestor_id = NEW.township_id);
  RETURN NEW;
END $$;

ALTER TABLE users ADD COLUMN at_home boolean NOT NULL DEFAULT false;
-- Written without the users' other triggers (the principal's version): only the flag changes.
ALTER TABLE users DISABLE TRIGGER USER;
UPDATE users u SET at_home = true
 WHERE u.township_id IS NOT NULL AND EXISTS (SELECT 1 FROM org_closure c WHERE c.descendant_id = u.org_id AND c.ancestor_id = u.township_id);
ALTER TABLE users ENABLE TRIGGER USER;
CREATE TRIGGER users_at_home BEFORE INSERT OR UPDATE OF org_id, township_id, at_home ON users
  FOR EACH ROW EXECUTE FUNCTION fazhi_user_at_home();

DO $$
DECLARE
  q text := (SELECT qual FROM pg_policies WHERE schemaname = current_schema() AND tablename = 'users' AND policyname = 'users_rw');
BEGIN
  IF q IS NULL OR q NOT LIKE '%org_id IN ( SELECT c.descendant_id%' THEN
    RAISE EXCEPTION 'users_rw is not of the subtree form this migration expects';
  END IF;
  EXECUTE format('ALTER POLICY users_rw ON users USING (%s)', fazhi_at_home_branch(q));
END $$;
