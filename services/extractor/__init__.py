"""Event extractor: articles → event mentions (type, actors, place, date, counts)."""
