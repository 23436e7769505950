-- Every notification the shop sends, keyed by the event that caused it: a redelivered event finds its row and
-- sends nothing more.
CREATE TABLE notification (
    event_id        UUID PRIMARY KEY,
    type            VARCHAR(32) NOT NULL,
    order_id        VARCHAR(64) NOT NULL,
    recipient       VARCHAR(254) NOT NULL,
    subject         VARCHAR(200) NOT NULL,
    body            TEXT NOT NULL,
    status          VARCHAR(16) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      VARCHAR(500),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_order ON notification (order_id);
