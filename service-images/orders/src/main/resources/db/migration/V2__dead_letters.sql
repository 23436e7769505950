-- Events the relay gave up on after its attempts: kept, with why, so nothing behind them waits and nothing is lost.
CREATE TABLE outbox_dead_letter (
    id               BIGINT PRIMARY KEY,
    event_id         UUID NOT NULL UNIQUE,
    type             VARCHAR(32) NOT NULL,
    order_id         UUID NOT NULL,
    payload          TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    attempts         INT NOT NULL,
    last_error       VARCHAR(500),
    dead_lettered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A saga step (a compensation, or the commit after a capture) retried as often as it may: the order waits here,
-- claimed by no one, until someone who has looked deletes the row and sets its retry_at (see README).
ALTER TABLE customer_order ADD COLUMN step_attempts INT NOT NULL DEFAULT 0;
CREATE TABLE saga_dead_letter (
    order_id         UUID PRIMARY KEY REFERENCES customer_order (id),
    state            VARCHAR(32) NOT NULL,
    attempts         INT NOT NULL,
    last_error       VARCHAR(500),
    dead_lettered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
