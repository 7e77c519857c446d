"""Migration files: every version once, each with its up and down."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from services.common import db


def test_shipped_migrations_are_numbered_without_gaps() -> None:
    versions = [m.version for m in db.load_migrations()]
    assert versions == list(range(1, len(versions) + 1))
    assert all(m.up.strip() and m.down.strip() for m in db.load_migrations())


def test_two_migrations_with_one_number_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    for name in ("0001_a.up.sql", "0001_a.down.sql", "0002_b.up.sql", "0002_b.down.sql", "0002_c.up.sql"):
        (folder / name).write_text("SELECT 1;")
    monkeypatch.setattr(db, "resources", types.SimpleNamespace(files=lambda _package: tmp_path))
    with pytest.raises(RuntimeError, match="two migrations numbered 0002"):
        db.load_migrations()
