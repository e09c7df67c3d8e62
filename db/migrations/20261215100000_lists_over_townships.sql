-- A county's lists (issue 11, docs/performance.md, "A county's lists"). A county viewer's 事项查询
-- read and sorted every case of the county to show the newest twenty, and counted them all under
-- row-level security: 240–330 ms on 200,000 cases, 310 ms with a status chosen, 200 ms for the
-- overdue ones. The list over several townships now reads its page newest first from an index
-- and counts up to 10,000 (platform/cases/case-queries.ts, COUNT_CAP); these give it the order.

-- Newest first, whatever the scope: the order of every plain list (created_at DESC, id).
CREATE INDEX cases_created ON cases (created_at DESC, id);
-- The same within one status (a status is chosen in 事项查询's filter and on the modules' lists).
CREATE INDEX cases_status_created ON cases (status, created_at DESC);

-- A share is readable where the org that sent the case on is in the caller's scope: the same
-- test as fazhi_org_visible(org_id), written as sets like every other scope policy
-- (20261126160000). The shares are read as a hashed set whenever a statement meets a row its
-- scope refuses (the `_read_shared` policies, 20261214100100), and the function, called for
-- each share, cost 15–18 ms a statement with 2,000 shares in the county: a township's overdue
-- list read the other townships' clocks and paid it every time.
ALTER POLICY case_shares_read ON case_shares USING (
  (SELECT fazhi_scope_all())
  OR org_id IN (SELECT c.descendant_id FROM org_closure c WHERE c.ancestor_id = ANY ((SELECT fazhi_uuids('fazhi.scope_subtree'))::uuid[]))
  OR org_id = ANY ((SELECT fazhi_uuids('fazhi.scope_org'))::uuid[]));
