-- Each event's schema version (dev.shopfleet.contract.OrderEventType) travels with it, so an event written before a
-- new version is published as what it is.
ALTER TABLE outbox ADD COLUMN version INT NOT NULL DEFAULT 1;
