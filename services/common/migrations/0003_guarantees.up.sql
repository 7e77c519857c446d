-- Sink guarantees: raw articles kept for replay, dead-letter listing, and the least-privilege service role.

-- Every raw article the poller published, as its original bytes: `newsflow replay` re-publishes them.
CREATE TABLE raw_articles (
    article_id  uuid PRIMARY KEY,
    url         text NOT NULL,
    feed_url    text NOT NULL,
    fetched_at  timestamptz NOT NULL,
    payload     bytea NOT NULL,
    stored_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX raw_articles_fetched_idx ON raw_articles (fetched_at);

ALTER TABLE dead_letters ADD COLUMN replayed_at timestamptz;  -- set by `newsflow dlq replay`
CREATE INDEX dead_letters_failed_idx ON dead_letters (failed_at DESC);
CREATE INDEX events_updated_idx ON events (updated_at DESC);

-- newsflow_service: what the running services need (read and write rows), nothing more: no DDL, no TRUNCATE,
-- no ownership. A group role without login: grant it to the login user the services connect as. Roles are
-- shared by every database of the server, so it is created only when missing (and left in place by the down
-- migration); a migrating user without CREATEROLE skips it with a notice.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'newsflow_service') THEN
        BEGIN
            CREATE ROLE newsflow_service NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;  -- created meanwhile by another migration
            WHEN insufficient_privilege THEN RAISE NOTICE 'no CREATEROLE: role newsflow_service not created';
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'newsflow_service') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO newsflow_service', current_database());
        GRANT USAGE ON SCHEMA public TO newsflow_service;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO newsflow_service;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO newsflow_service;
        REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM newsflow_service;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO newsflow_service;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO newsflow_service;
    END IF;
END
$$;
