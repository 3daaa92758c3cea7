-- The fixture of PostgresSourceIT: every kind of relation and type the source maps.
CREATE SCHEMA sales;
CREATE TYPE sales.mood AS ENUM ('sad', 'ok', 'very happy');
CREATE DOMAIN sales.positive_amount AS numeric(10, 2) CHECK (VALUE > 0);
CREATE TYPE sales.address AS (street text, zip varchar(10), geo float8[]);

CREATE TABLE sales.customers (
    id bigserial PRIMARY KEY,
    name varchar(20) NOT NULL,
    country char(2) DEFAULT 'DE',
    mood sales.mood,
    address sales.address,
    tags text[],
    created_at timestamptz NOT NULL DEFAULT now(),
    born date,
    wake_up time,
    local_ts timestamp(3),
    doc jsonb,
    meta json,
    raw bytea,
    uid uuid,
    ratio float4,
    score float8,
    n_small int2,
    n_int int4,
    amount_any numeric,
    span interval,
    active boolean,
    pos point,
    name_len int GENERATED ALWAYS AS (length(name)) STORED
);
COMMENT ON TABLE sales.customers IS 'People who buy';
COMMENT ON COLUMN sales.customers.name IS 'Full name';

CREATE TABLE sales.orders (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint REFERENCES sales.customers (id),
    amount sales.positive_amount,
    created_at timestamp
);
CREATE TABLE sales.order_items (
    order_id int,
    line int,
    qty int,
    PRIMARY KEY (order_id, line),
    CONSTRAINT items_order_fk FOREIGN KEY (order_id) REFERENCES sales.orders (id)
);

CREATE VIEW sales.v_customer_totals AS
    SELECT c.id AS customer_id, c.country, upper(c.name) AS name_upper, sum(o.amount) AS total
    FROM sales.customers c JOIN sales.orders o ON o.customer_id = c.id
    GROUP BY c.id, c.country, c.name;
CREATE VIEW sales.v_top AS
    SELECT customer_id, total AS top_total FROM sales.v_customer_totals WHERE total > 100;
CREATE MATERIALIZED VIEW sales.mv_daily AS
    SELECT date_trunc('day', created_at) AS day, sum(amount) AS amount FROM sales.orders GROUP BY 1;
COMMENT ON VIEW sales.v_top IS 'Best customers';
-- a CTE, a correlated sub-select, expressions, a literal and count(*)
CREATE VIEW sales.v_mix AS
    WITH x AS (SELECT customer_id, amount FROM sales.orders)
    SELECT c.id,
           (SELECT max(o2.amount) FROM sales.orders o2 WHERE o2.customer_id = c.id) AS mx,
           x.amount AS cte_amount,
           coalesce(x.amount, 0) + 1 AS a1,
           'lit'::text AS lit,
           count(*) AS n
    FROM sales.customers c JOIN x ON x.customer_id = c.id
    GROUP BY c.id, x.amount;
-- '?' is a jsonb operator here, not a JDBC placeholder
CREATE VIEW sales.v_vip AS SELECT id, doc FROM sales.customers WHERE doc ? 'vip' AND name <> 'it''s ?';
CREATE VIEW sales.v_union AS
    SELECT id, name FROM sales.customers UNION ALL SELECT id, 'order'::varchar FROM sales.orders;

CREATE TABLE sales.events (id int, at date NOT NULL, payload json) PARTITION BY RANGE (at);
CREATE TABLE sales.events_2024 PARTITION OF sales.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE sales.events_2025 PARTITION OF sales.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE VIEW sales.v_events_2024 AS SELECT id, at FROM sales.events_2024;

CREATE FOREIGN DATA WRAPPER lumos_dummy;
CREATE SERVER remote_shop FOREIGN DATA WRAPPER lumos_dummy;
CREATE FOREIGN TABLE sales.remote_things (id int, label text) SERVER remote_shop;

-- names that break SQL built by concatenation
CREATE SCHEMA "we""ird sch";
CREATE TABLE "we""ird sch"."tåble ""x"" 1" ("co l" int PRIMARY KEY, "ünï ""q""" text);
CREATE VIEW "we""ird sch"."v ""q""" AS SELECT "co l", "ünï ""q""" AS renamed FROM "we""ird sch"."tåble ""x"" 1";

CREATE SCHEMA scratch;
CREATE TABLE scratch.tmp_a (a int);
CREATE TABLE scratch.tmp_b (b int);
CREATE TABLE scratch.empty_one ();

INSERT INTO sales.customers (name, country) SELECT 'c' || g, 'DE' FROM generate_series(1, 500) g;
INSERT INTO sales.orders (customer_id, amount, created_at)
    SELECT 1 + g % 500, 10 + g % 90, '2024-01-01'::timestamp + g * interval '1 hour' FROM generate_series(1, 2000) g;
INSERT INTO sales.events SELECT g, '2024-01-01'::date + g % 700, '{}' FROM generate_series(1, 1000) g;
REFRESH MATERIALIZED VIEW sales.mv_daily;
ANALYZE;
