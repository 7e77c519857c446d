DROP VIEW IF EXISTS event_reports;
