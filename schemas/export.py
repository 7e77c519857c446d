"""Export a JSON Schema file for every topic record (for consumers in other languages)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from schemas.records import Article, DeadLetter, Duplicate, Event, EventMention, RawArticle

RECORDS = (RawArticle, Article, Duplicate, EventMention, Event, DeadLetter)


def export_json_schemas(out_dir: Path) -> list[Path]:
    """Write ``<Record>.v<version>.json`` for each record; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for model in RECORDS:
        schema = model.model_json_schema(mode="serialization")
        version = model.model_fields["schema_version"].default
        schema["$id"] = f"newsflow:schemas/{model.__name__}.v{version}.json"
        path = out_dir / f"{model.__name__}.v{version}.json"
        path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in export_json_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas/json")):
        print(written_path)
