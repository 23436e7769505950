-- An order and its saga's position: the state says which step comes next, the lease says which orders process
-- runs it, so a process that dies mid-saga leaves an order another process picks up when the lease runs out.
CREATE TABLE customer_order (
    id              UUID PRIMARY KEY,
    user_id         VARCHAR(64) NOT NULL,
    idempotency_key VARCHAR(64) NOT NULL,
    email           VARCHAR(254) NOT NULL,
    name            VARCHAR(100),
    state           VARCHAR(32) NOT NULL,
    outcome         VARCHAR(32),           -- while COMPENSATING: the terminal state it ends in
    reason          VARCHAR(300),
    cancel_payment  BOOLEAN NOT NULL DEFAULT false,
    total_minor     BIGINT NOT NULL CHECK (total_minor > 0),
    currency        CHAR(3) NOT NULL,
    payment_method  VARCHAR(64) NOT NULL,  -- payments' token for the card, never the card
    card_brand      VARCHAR(16),
    card_last4      CHAR(4),
    lease_owner     VARCHAR(64),
    lease_until     TIMESTAMPTZ NOT NULL DEFAULT now(),
    retry_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- One order per shopper and key, however many requests race with it.
    UNIQUE (user_id, idempotency_key)
);
CREATE INDEX customer_order_by_user ON customer_order (user_id, created_at DESC);
CREATE INDEX customer_order_unfinished ON customer_order (lease_until)
    WHERE state NOT IN ('CONFIRMED', 'REJECTED_OUT_OF_STOCK', 'PAYMENT_DECLINED', 'FAILED');

CREATE TABLE order_line (
    id               BIGSERIAL PRIMARY KEY,
    order_id         UUID NOT NULL REFERENCES customer_order (id),
    sku              VARCHAR(32) NOT NULL,
    name             VARCHAR(200) NOT NULL,
    quantity         INT NOT NULL CHECK (quantity > 0),
    unit_price_minor BIGINT NOT NULL CHECK (unit_price_minor >= 0),
    UNIQUE (order_id, sku)
);

CREATE TABLE order_history (
    id       BIGSERIAL PRIMARY KEY,
    order_id UUID NOT NULL REFERENCES customer_order (id),
    state    VARCHAR(32) NOT NULL,
    note     VARCHAR(300),
    at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX order_history_by_order ON order_history (order_id, id);

-- The transactional outbox: written in the transaction that confirms the order, delivered at least once.
CREATE TABLE outbox (
    id              BIGSERIAL PRIMARY KEY,
    event_id        UUID NOT NULL UNIQUE,
    type            VARCHAR(32) NOT NULL,
    order_id        UUID NOT NULL,
    payload         TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at    TIMESTAMPTZ,
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      VARCHAR(500)
);
CREATE INDEX outbox_unpublished ON outbox (next_attempt_at) WHERE published_at IS NULL;
