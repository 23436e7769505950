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
