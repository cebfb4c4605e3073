-- Catalog: what the store sells. Read-mostly; served through a Redis cache.
CREATE TABLE category (
    id       text PRIMARY KEY,              -- slug, e.g. 'coffee'
    name     text NOT NULL,
    position int  NOT NULL
);

CREATE TABLE product (
    id          text PRIMARY KEY,           -- SKU, e.g. 'COF-001'
    name        text   NOT NULL,
    description text   NOT NULL,
    category_id text   NOT NULL REFERENCES category (id),
    price_minor bigint NOT NULL CHECK (price_minor > 0),
    currency    char(3) NOT NULL DEFAULT 'EUR',
    image       text   NOT NULL,            -- file name served under /api/catalog/images/
    search      tsvector GENERATED ALWAYS AS (to_tsvector('simple', name || ' ' || description)) STORED
);
CREATE INDEX product_category_idx ON product (category_id);
CREATE INDEX product_search_idx ON product USING gin (search);

-- Stock: one row per product. For every product, at every commit:
--   received = available + reserved + committed
-- and each column equals the sum of its movements in the ledger below.
CREATE TABLE stock (
    product_id text PRIMARY KEY REFERENCES product (id),
    received   int NOT NULL CHECK (received >= 0),     -- initial stock + restocks
    available  int NOT NULL CHECK (available >= 0),    -- can be reserved
    reserved   int NOT NULL CHECK (reserved >= 0),     -- held for orders not yet fulfilled
    committed  int NOT NULL CHECK (committed >= 0),    -- fulfilled, gone from the shelf
    CHECK (received = available + reserved + committed)
);

-- The ledger: every change of stock, append-only.
CREATE TABLE stock_movement (
    id          bigserial PRIMARY KEY,
    product_id  text NOT NULL REFERENCES product (id),
    kind        text NOT NULL CHECK (kind IN ('RECEIVED', 'RESERVED', 'RELEASED', 'COMMITTED')),
    quantity    int  NOT NULL CHECK (quantity > 0),
    order_id    uuid,
    restock_key text UNIQUE,                -- Idempotency-Key of an admin restock
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movement_product_idx ON stock_movement (product_id);

-- Reservations, one per order id: the idempotency record of reserve/release/commit.
CREATE TABLE reservation (
    order_id    uuid PRIMARY KEY,
    status      text NOT NULL CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED', 'COMMITTED')),
    fingerprint text,                       -- SHA-256 of the sorted lines; NULL when released before any reserve
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reservation_line (
    order_id         uuid   NOT NULL REFERENCES reservation (order_id),
    product_id       text   NOT NULL REFERENCES product (id),
    quantity         int    NOT NULL CHECK (quantity > 0),
    unit_price_minor bigint NOT NULL,
    currency         char(3) NOT NULL,
    available        int,                   -- for a rejected line: what was available
    PRIMARY KEY (order_id, product_id)
);
