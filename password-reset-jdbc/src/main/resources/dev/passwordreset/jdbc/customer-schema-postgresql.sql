-- password-reset: a reference customer table for JdbcCustomerStore on PostgreSQL.
-- A host with its own table maps its columns in JdbcCustomerStore.builder() instead; what it
-- needs is the email_normalized column (CustomerStore.normalizeEmail(email), kept up to date by
-- the host whenever it writes an email) with a unique index: every lookup by email uses it.

CREATE TABLE IF NOT EXISTS customer_account (
  id                       VARCHAR(255) NOT NULL PRIMARY KEY,
  email                    VARCHAR(320) NOT NULL,             -- as the customer typed it
  email_normalized         VARCHAR(320) NOT NULL,             -- CustomerStore.normalizeEmail(email)
  display_name             VARCHAR(200),
  locale                   VARCHAR(35)  NOT NULL DEFAULT 'en', -- BCP 47 language tag
  enabled                  BOOLEAN      NOT NULL DEFAULT TRUE,
  password_hash            VARCHAR(512),                       -- PHC string; NULL until set
  password_temporary_until TIMESTAMP WITH TIME ZONE            -- NULL unless temporary
);
CREATE UNIQUE INDEX IF NOT EXISTS customer_account_email_normalized_idx ON customer_account (email_normalized);
