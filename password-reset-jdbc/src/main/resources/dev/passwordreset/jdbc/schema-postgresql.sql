-- password-reset: the library's own tables on PostgreSQL (12 or later).
-- Idempotent: safe to run at every start. Times are UTC epoch milliseconds (BIGINT).

CREATE TABLE IF NOT EXISTS password_reset_ticket (
  token_hash            VARCHAR(64)  NOT NULL PRIMARY KEY, -- SHA-256 of the token, hex; never the token
  customer_id           VARCHAR(255) NOT NULL,
  purpose               VARCHAR(32)  NOT NULL,
  issued_at             BIGINT       NOT NULL,
  expires_at            BIGINT       NOT NULL,
  consumed_at           BIGINT,                            -- NULL while the link is outstanding
  storefront            VARCHAR(255),
  issued_by             VARCHAR(255),
  pending_password_hash VARCHAR(512),                      -- only for PENDING_PASSWORD links
  revoked               BOOLEAN      NOT NULL DEFAULT FALSE, -- consumed_at is a revocation, not a use
  failed_attempts       INT          NOT NULL DEFAULT 0      -- wrong tries of a reset code
);
CREATE INDEX IF NOT EXISTS password_reset_ticket_customer_idx ON password_reset_ticket (customer_id);
CREATE INDEX IF NOT EXISTS password_reset_ticket_expires_idx ON password_reset_ticket (expires_at);
-- Upgrades a ticket table created before reset codes (a no-op on a new one).
ALTER TABLE password_reset_ticket ADD COLUMN IF NOT EXISTS failed_attempts INT NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS password_reset_throttle (
  throttle_key VARCHAR(128) NOT NULL PRIMARY KEY,
  hits         BIGINT       NOT NULL,
  expires_at   BIGINT       NOT NULL
);
CREATE INDEX IF NOT EXISTS password_reset_throttle_expires_idx ON password_reset_throttle (expires_at);

CREATE TABLE IF NOT EXISTS password_reset_settings (
  setting_key   VARCHAR(64)  NOT NULL PRIMARY KEY,
  setting_value VARCHAR(255) NOT NULL
);

CREATE TABLE IF NOT EXISTS password_reset_secrets (
  secret_name  VARCHAR(64)     NOT NULL PRIMARY KEY,
  secret_value BYTEA           NOT NULL  -- e.g. the reset codes' HMAC key; first writer wins
);
