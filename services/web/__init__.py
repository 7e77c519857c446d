"""``newsflow web``: a read-only web view of stored events (map, timeline, detail, live) and its JSON API."""
