-- Accounts: who can log in. Sessions and carts are not here: they live in Redis (or the JVM in memory mode).
CREATE TABLE account (
    id            uuid PRIMARY KEY,
    email         text NOT NULL,
    display_name  text NOT NULL,
    password_hash text NOT NULL,                -- DelegatingPasswordEncoder format: {bcrypt}$2a$...
    roles         text NOT NULL DEFAULT 'USER', -- comma-separated: USER, ADMIN
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- one account per address, whatever its case
CREATE UNIQUE INDEX account_email_idx ON account (lower(email));
