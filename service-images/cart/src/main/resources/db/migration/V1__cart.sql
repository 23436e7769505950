CREATE TABLE cart (
    id         UUID PRIMARY KEY,
    -- 'user:<id>' for a logged-in shopper, 'anon:<id>' for a visitor's cart before login.
    owner      VARCHAR(80) NOT NULL UNIQUE,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE cart_line (
    cart_id          UUID NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
    sku              VARCHAR(32) NOT NULL,
    name             VARCHAR(120) NOT NULL,
    quantity         INT NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    unit_price_minor BIGINT NOT NULL CHECK (unit_price_minor >= 0),
    currency         CHAR(3) NOT NULL,
    added_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (cart_id, sku)
);
