-- A signed-in request's session, checked inside the request's own transaction (issue 11).
--
-- The server keeps, per process, the sessions it has checked in the last 50 seconds with the
-- principal version they were checked at (platform/auth/session-cache.ts). For the routes that
-- do all their work in one scoped transaction, it sends this check with BEGIN and the scope,
-- ahead of the route's first statement, instead of a statement of its own on the owner pool.
-- The check raises when the session is gone, has expired or its user's principal changed: the
-- transaction is then aborted before any of the route's statements runs, and the server
-- answers 401, or loads the principal again and runs the route's transaction anew. So a
-- sign-out, a deactivation or a revoked grant still counts from the next request, in every
-- server process.
--
-- The request role cannot read `sessions`; this function reads it as the owner and says only
-- whether the given session (by the hash of its id: a leaked hash opens nothing) is still
-- that user's, unexpired and at that version.
CREATE FUNCTION fazhi_session_assert(h bytea, uid uuid, ver bigint, idle_seconds integer)
RETURNS void LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  r record;
BEGIN
  SELECT s.user_id, u.auth_version,
         s.last_seen_at < now() - make_interval(secs => idle_seconds) OR s.expires_at < now() AS over
    INTO r
    FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.id_hash = h;
  IF NOT FOUND OR r.user_id <> uid THEN
    RAISE EXCEPTION 'the session is gone' USING ERRCODE = 'FZS01';
  END IF;
  IF r.over THEN
    RAISE EXCEPTION 'the session has expired' USING ERRCODE = 'FZS02';
  END IF;
  IF r.auth_version <> ver THEN
    RAISE EXCEPTION 'the user''s principal changed' USING ERRCODE = 'FZS03';
  END IF;
END $$;

REVOKE ALL ON FUNCTION fazhi_session_assert(bytea, uuid, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fazhi_session_assert(bytea, uuid, bigint, integer) TO fazhi_app;
