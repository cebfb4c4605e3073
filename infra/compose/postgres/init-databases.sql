-- One database per service (as infra/embedded's PostgresServer.DATABASES); no service reads another's.
-- Run once, by the postgres image, when its data volume is empty.
CREATE DATABASE accounts;
CREATE DATABASE orders;
CREATE DATABASE inventory;
