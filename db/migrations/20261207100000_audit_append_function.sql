-- The audit trail is written only through two functions owned by the owner role (issue 10).
-- The request role keeps SELECT (its scoped reads and the API's verification) but can no
-- longer INSERT into audit_log or INSERT/UPDATE audit_chain_heads: before, acting as it, one
-- could move a chain head and append a forged row with a correctly computed link.
--
-- The server still computes every link (platform/audit/audit.ts). The functions lock the heads,
-- check that the rows continue their chains (seq without gaps, each prev_hash the hash before
-- it, the chain the row's township), store them and move the heads.

REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_heads FROM fazhi_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log FROM fazhi_app;
REVOKE USAGE ON SEQUENCE audit_log_id_seq FROM fazhi_app;
DROP POLICY audit_log_append ON audit_log;

-- Creates the chains that do not exist yet and locks every named head, in name order.
CREATE FUNCTION fazhi_audit_heads(chains text[])
RETURNS TABLE (chain text, seq bigint, hash bytea)
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO audit_chain_heads (chain, seq, hash)
    SELECT DISTINCT c, 0, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea FROM unnest(chains) c
  ON CONFLICT (chain) DO NOTHING;
  SELECT h.chain, h.seq, h.hash FROM audit_chain_heads h WHERE h.chain = ANY(chains) ORDER BY h.chain FOR UPDATE;
$$;

CREATE FUNCTION fazhi_audit_append(
  p_chain text[], p_seq bigint[], p_at timestamptz[], p_actor uuid[], p_org uuid[], p_township uuid[],
  p_action text[], p_entity text[], p_entity_id text[], p_before jsonb[], p_after jsonb[],
  p_ip text[], p_request text[], p_prev bytea[], p_hash bytea[])
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n int := coalesce(cardinality(p_chain), 0);
  c text;
  last_seq bigint;
  last_hash bytea;
BEGIN
  IF n = 0 THEN RETURN; END IF;
  IF coalesce(cardinality(p_seq), -1) <> n OR coalesce(cardinality(p_at), -1) <> n OR coalesce(cardinality(p_actor), -1) <> n
     OR coalesce(cardinality(p_org), -1) <> n OR coalesce(cardinality(p_township), -1) <> n OR coalesce(cardinality(p_action), -1) <> n
     OR coalesce(cardinality(p_entity), -1) <> n OR coalesce(cardinality(p_entity_id), -1) <> n OR coalesce(cardinality(p_before), -1) <> n
     OR coalesce(cardinality(p_after), -1) <> n OR coalesce(cardinality(p_ip), -1) <> n OR coalesce(cardinality(p_request), -1) <> n
     OR coalesce(cardinality(p_prev), -1) <> n OR coalesce(cardinality(p_hash), -1) <> n THEN
    RAISE EXCEPTION 'audit append: the column arrays differ in length';
  END IF;
  FOR c IN SELECT DISTINCT x FROM unnest(p_chain) x ORDER BY x LOOP
    SELECT h.seq, h.hash INTO last_seq, last_hash FROM audit_chain_heads h WHERE h.chain = c FOR UPDATE;
    IF NOT FOUND THEN RAISE EXCEPTION 'audit append: chain % has no head', c; END IF;
    FOR i IN 1..n LOOP
      CONTINUE WHEN p_chain[i] <> c;
      IF p_chain[i] <> coalesce(p_township[i]::text, 'deployment') THEN
        RAISE EXCEPTION 'audit append: row % is on chain % but belongs to %', i, c, coalesce(p_township[i]::text, 'deployment');
      END IF;
      IF p_seq[i] IS DISTINCT FROM last_seq + 1 OR p_prev[i] IS DISTINCT FROM last_hash THEN
        RAISE EXCEPTION 'audit append: row % does not continue chain % (head at %)', i, c, last_seq;
      END IF;
      IF p_hash[i] IS NULL OR length(p_hash[i]) <> 32 THEN
        RAISE EXCEPTION 'audit append: row % has no 32-byte hash', i;
      END IF;
      last_seq := p_seq[i];
      last_hash := p_hash[i];
    END LOOP;
    UPDATE audit_chain_heads h SET seq = last_seq, hash = last_hash WHERE h.chain = c;
  END LOOP;
  INSERT INTO audit_log (chain, seq, at, actor_id, org_id, township_id, action, entity, entity_id, before, after, ip, request_id, prev_hash, hash)
    SELECT * FROM unnest(p_chain, p_seq, p_at, p_actor, p_org, p_township, p_action, p_entity, p_entity_id, p_before, p_after, p_ip, p_request, p_prev, p_hash);
END $$;

REVOKE ALL ON FUNCTION fazhi_audit_heads(text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION fazhi_audit_append(text[], bigint[], timestamptz[], uuid[], uuid[], uuid[], text[], text[], text[], jsonb[], jsonb[], text[], text[], bytea[], bytea[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fazhi_audit_heads(text[]) TO fazhi_app;
GRANT EXECUTE ON FUNCTION fazhi_audit_append(text[], bigint[], timestamptz[], uuid[], uuid[], uuid[], text[], text[], text[], jsonb[], jsonb[], text[], text[], bytea[], bytea[]) TO fazhi_app;
