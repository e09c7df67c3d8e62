-- Who holds a permission at an org (the people told of a citizen's online application, of a
-- clock running out, of a case passed to their office) was found by reading every grant of
-- the roles that carry the permission and testing each one's reach: 16,000 grants in a county
-- of 50,000 users, 4 ms for every online application (docs/performance.md, "Endpoints beside
-- the page"). The grants are now found from the org's ancestors (user_grants_org) and, for
-- the few that reach everything, from this index.
CREATE INDEX user_grants_scope_all ON user_grants (role_id) WHERE scope = 'all';
