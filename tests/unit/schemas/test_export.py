import json
from pathlib import Path

from schemas.export import RECORDS, export_json_schemas
from schemas.topics import TOPICS


def test_every_record_exports_a_json_schema(tmp_path):
    paths = export_json_schemas(tmp_path)
    assert len(paths) == len(RECORDS)
    for path in paths:
        schema = json.loads(path.read_text())
        assert "schema_version" in schema["properties"]
        assert schema["$id"].endswith(path.name)


def test_topic_names_are_unique_and_public_topic_is_compacted():
    names = [t.name for t in TOPICS]
    assert len(names) == len(set(names))
    assert next(t for t in TOPICS if t.name == "news.events").compacted


def test_committed_schema_files_match_the_models(tmp_path):
    """schemas/json is what consumers read: `make schemas` must have been run after every model change."""
    committed = Path(__file__).resolve().parents[3] / "schemas" / "json"
    for path in export_json_schemas(tmp_path):
        assert (committed / path.name).read_text() == path.read_text(), f"run `make schemas` ({path.name})"
