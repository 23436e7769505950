CREATE TABLE category (
    slug        VARCHAR(40) PRIMARY KEY,
    name        VARCHAR(80) NOT NULL
);

CREATE TABLE product (
    id          BIGSERIAL PRIMARY KEY,
    sku         VARCHAR(32) NOT NULL UNIQUE,
    name        VARCHAR(120) NOT NULL,
    description VARCHAR(2000) NOT NULL DEFAULT '',
    category    VARCHAR(40) NOT NULL REFERENCES category (slug),
    price_minor BIGINT NOT NULL CHECK (price_minor >= 0),
    currency    CHAR(3) NOT NULL,
    image_url   VARCHAR(500),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX product_category ON product (category);
