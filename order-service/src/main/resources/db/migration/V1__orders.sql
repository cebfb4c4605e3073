-- Orders: one row per checkout, unique per (user, Idempotency-Key).
CREATE TABLE orders (
    id                  uuid PRIMARY KEY,
    user_id             text    NOT NULL,
    idempotency_key     text    NOT NULL,
    request_fingerprint text    NOT NULL,            -- SHA-256 of the sorted lines: same key, other body = 422
    status              text    NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
    reason              text,                        -- why it was rejected or cancelled
    total_minor         bigint  CHECK (total_minor >= 0),   -- known once inventory priced the lines
    currency            char(3),
    attempts            int     NOT NULL DEFAULT 0,  -- reservation attempts that found inventory unavailable
    next_attempt_at     timestamptz NOT NULL,        -- when the reconciler may look at it next
    release_pending     boolean NOT NULL DEFAULT false, -- rejected/cancelled, release not yet acknowledged
    response_status     int,                         -- the first checkout answer, replayed for the same key
    response_body       text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, idempotency_key)
);
CREATE INDEX orders_user_newest_idx ON orders (user_id, created_at DESC, id DESC);
-- the reconciler's backlog: small, so a partial index keeps its claim query cheap
CREATE INDEX orders_backlog_idx ON orders (next_attempt_at) WHERE status = 'PENDING' OR release_pending;

-- Lines with the price snapshot inventory answered at reservation time.
CREATE TABLE order_line (
    order_id         uuid NOT NULL REFERENCES orders (id),
    product_id       text NOT NULL,
    quantity         int  NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    unit_price_minor bigint CHECK (unit_price_minor >= 0),
    currency         char(3),
    available        int,                            -- for a short line of a rejected order
    PRIMARY KEY (order_id, product_id)
);

-- Every status an order went through, append-only.
CREATE TABLE order_status_history (
    id       bigserial PRIMARY KEY,
    order_id uuid NOT NULL REFERENCES orders (id),
    status   text NOT NULL,
    reason   text,
    at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, id);
