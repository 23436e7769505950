CREATE TABLE stock (
    sku      VARCHAR(32) PRIMARY KEY,
    on_hand  INT NOT NULL CHECK (on_hand >= 0),
    reserved INT NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    -- Never more reserved than there is: the database itself refuses negative availability.
    CHECK (reserved <= on_hand)
);

CREATE TABLE reservation (
    id         VARCHAR(64) PRIMARY KEY,
    status     VARCHAR(16) NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX reservation_due ON reservation (expires_at) WHERE status = 'RESERVED';

CREATE TABLE reservation_line (
    reservation_id VARCHAR(64) NOT NULL REFERENCES reservation (id),
    sku            VARCHAR(32) NOT NULL REFERENCES stock (sku),
    quantity       INT NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (reservation_id, sku)
);
