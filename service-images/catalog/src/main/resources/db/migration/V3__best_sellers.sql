-- What sold, counted from orders' OrderPlaced events: the best-sellers order. A product never sold has no row.
CREATE TABLE product_sales (
    sku        VARCHAR(32) PRIMARY KEY,
    units_sold BIGINT NOT NULL CHECK (units_sold >= 0),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The events already counted, by id: an event delivered again counts nothing.
CREATE TABLE counted_event (
    event_id   UUID PRIMARY KEY,
    order_id   VARCHAR(64) NOT NULL,
    counted_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
