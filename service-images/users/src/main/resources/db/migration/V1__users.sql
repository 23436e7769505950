CREATE TABLE app_user (
    id            UUID PRIMARY KEY,
    email         VARCHAR(254) NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    name          VARCHAR(100) NOT NULL,
    roles         VARCHAR(200) NOT NULL DEFAULT '',
    failed_logins INT NOT NULL DEFAULT 0,
    locked_until  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The key users signs tokens with: made once by whichever replica starts first, shared by all.
CREATE TABLE signing_key (
    id         VARCHAR(40) PRIMARY KEY,
    jwk        TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
