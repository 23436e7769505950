-- The trace an event belongs to (its W3C traceparent, from the checkout that confirmed the order): the relay delivers
-- it within that trace, however much later and from whichever replica.
ALTER TABLE outbox ADD COLUMN trace_parent VARCHAR(55);
ALTER TABLE outbox_dead_letter ADD COLUMN trace_parent VARCHAR(55);
