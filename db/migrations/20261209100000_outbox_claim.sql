-- The delivery that holds an outbox row in 'sending' (platform/outbox/outbox.ts): a delivery
-- whose claim reached the database but whose answer was lost (PostgreSQL restarting) claims
-- the row again with the same token instead of finding it taken by an unknown worker.
ALTER TABLE outbox ADD COLUMN claim uuid;
