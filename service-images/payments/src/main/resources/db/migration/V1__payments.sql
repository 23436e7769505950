-- A card as the processor gave it back: its reference (the processor keeps the card), brand and last four digits.
-- Never the full number, never the security code.
CREATE TABLE payment_method (
    token         VARCHAR(64) PRIMARY KEY,
    processor_ref VARCHAR(128) NOT NULL,
    brand         VARCHAR(16) NOT NULL,
    last4         CHAR(4) NOT NULL,
    exp_month     INT NOT NULL,
    exp_year      INT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One payment per order: the order id is the idempotency key of every operation on it.
CREATE TABLE payment (
    order_id      VARCHAR(64) PRIMARY KEY,
    token         VARCHAR(64) REFERENCES payment_method (token), -- null: cancelled before any authorization
    amount_minor  BIGINT CHECK (amount_minor > 0),
    currency      CHAR(3),
    status        VARCHAR(16) NOT NULL
        CHECK (status IN ('PENDING', 'AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'FAILED')),
    reason        VARCHAR(200),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
