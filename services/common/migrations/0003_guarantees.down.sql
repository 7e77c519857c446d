-- Reverts 0003; the role itself stays (roles belong to the server, other databases may use it).

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'newsflow_service') THEN
        ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM newsflow_service;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM newsflow_service;
        REVOKE ALL ON ALL TABLES IN SCHEMA public FROM newsflow_service;
        REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM newsflow_service;
        REVOKE USAGE ON SCHEMA public FROM newsflow_service;
        EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM newsflow_service', current_database());
    END IF;
END
$$;

DROP INDEX IF EXISTS events_updated_idx;
DROP INDEX IF EXISTS dead_letters_failed_idx;
ALTER TABLE dead_letters DROP COLUMN replayed_at;
DROP TABLE raw_articles;
