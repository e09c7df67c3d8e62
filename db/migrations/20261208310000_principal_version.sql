-- A version of each user's principal (who they are, their roles, grants and data scope), so that
-- the server may keep a signed-in user's principal between requests instead of loading it on
-- every request (issue 11: a four-round-trip owner transaction per request).
--
-- The session check reads the version with the session; a kept principal of another version is
-- loaded again. The version goes up, in the same transaction as the change, on every change
-- that alters a principal: the user's own record (name, org, password, forced password change,
-- deactivation), a grant added or removed, a role's permissions or names, an org's name. Each
-- bump is also sent on the channel `fazhi_principal` (NOTIFY, delivered at commit) so that every
-- server process drops what it keeps for that user at once; '*' drops everything. Sign-out
-- deletes the session row itself, so the next request finds no session.

ALTER TABLE users ADD COLUMN auth_version bigint NOT NULL DEFAULT 1;

-- Bumps the given users' versions and tells the other processes. More than 500 users at once
-- (a role or a township renamed): one '*' instead of a list (NOTIFY payloads stay small).
CREATE FUNCTION fazhi_principals_changed(ids uuid[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF cardinality(ids) = 0 THEN RETURN; END IF;
  UPDATE users SET auth_version = auth_version + 1 WHERE id = ANY (ids);
  PERFORM pg_notify('fazhi_principal', CASE WHEN cardinality(ids) > 500 THEN '*' ELSE array_to_string(ids, ',') END);
END $$;
REVOKE ALL ON FUNCTION fazhi_principals_changed(uuid[]) FROM PUBLIC;

-- The user's own record: any field the principal carries, the password, or the status.
CREATE FUNCTION fazhi_user_principal_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.auth_version = OLD.auth_version
     AND (OLD.username, OLD.display_name, OLD.org_id, OLD.township_id, OLD.password_hash, OLD.must_change_password, OLD.status)
         IS DISTINCT FROM (NEW.username, NEW.display_name, NEW.org_id, NEW.township_id, NEW.password_hash, NEW.must_change_password, NEW.status) THEN
    NEW.auth_version := OLD.auth_version + 1;
    PERFORM pg_notify('fazhi_principal', NEW.id::text);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_principal_version BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION fazhi_user_principal_changed();

-- Grants added, changed or removed (one statement may touch several users).
CREATE FUNCTION fazhi_grants_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM fazhi_principals_changed(ARRAY(SELECT DISTINCT user_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM fazhi_principals_changed(ARRAY(SELECT DISTINCT user_id FROM old_rows));
  ELSE
    PERFORM fazhi_principals_changed(ARRAY(SELECT user_id FROM new_rows UNION SELECT user_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER user_grants_added AFTER INSERT ON user_grants REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fazhi_grants_changed();
CREATE TRIGGER user_grants_removed AFTER DELETE ON user_grants REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fazhi_grants_changed();
CREATE TRIGGER user_grants_changed AFTER UPDATE ON user_grants REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fazhi_grants_changed();

-- A role's permissions, code or name: every holder of the role.
CREATE FUNCTION fazhi_role_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF (OLD.code, OLD.name, OLD.permissions) IS DISTINCT FROM (NEW.code, NEW.name, NEW.permissions) THEN
    PERFORM fazhi_principals_changed(ARRAY(SELECT DISTINCT user_id FROM user_grants WHERE role_id = NEW.id));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER roles_principal_version AFTER UPDATE ON roles FOR EACH ROW EXECUTE FUNCTION fazhi_role_changed();

-- An org's name: the principal shows the user's org, township and each grant's org by name.
CREATE FUNCTION fazhi_org_renamed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF OLD.name IS DISTINCT FROM NEW.name THEN
    PERFORM fazhi_principals_changed(ARRAY(
      SELECT id FROM users WHERE org_id = NEW.id OR township_id = NEW.id
      UNION SELECT user_id FROM user_grants WHERE org_id = NEW.id));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orgs_principal_version AFTER UPDATE OF name ON orgs FOR EACH ROW EXECUTE FUNCTION fazhi_org_renamed();
