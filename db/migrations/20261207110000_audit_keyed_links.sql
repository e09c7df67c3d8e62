-- Each link of the audit chain becomes HMAC-SM3 with a key derived from the master key, which
-- the database never holds (issue 10): someone who can write the tables directly (a superuser,
-- the owner role) and re-hashes rows after an edit no longer produces links that verify.
--
-- keyed_from: the first seq of a chain whose link is keyed. The rows written before this
-- migration keep their unkeyed SM3 links and still verify as such; every later row is keyed.
-- A chain created after this migration is keyed from its first row. The cut-over itself is
-- also recorded in the signed checkpoints (fazhi audit checkpoint), so moving it is detected.

ALTER TABLE audit_chain_heads ADD COLUMN keyed_from bigint NOT NULL DEFAULT 1;
UPDATE audit_chain_heads SET keyed_from = seq + 1;
