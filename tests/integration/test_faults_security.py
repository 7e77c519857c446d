"""Security: SQL only through parameters, a least-privilege service role, no secret in output or errors."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import uuid
from urllib.parse import urlsplit

import asyncpg
import pytest

from services.common.db import create_pool
from services.common.settings import Settings
from services.sink.writer import Batch, write_batch
from tests.integration.pipeline import REPO
from tests.unit.factories import article

pytestmark = pytest.mark.integration

SQL = re.compile(r"\b(SELECT\b.*\bFROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (TABLE|DATABASE|ROLE|INDEX)|"
                 r"DROP (TABLE|DATABASE|ROLE)|ALTER TABLE|GRANT \w+|TRUNCATE)\b", re.DOTALL)
SECRET = "s3cr3t-Pa55word"


def _safe_value(node: ast.expr) -> bool:
    """Only module constants (UPPER_CASE names) and quote_ident(...) may be formatted into SQL."""
    if isinstance(node, ast.Name):
        return node.id.isupper()
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "quote_ident"


def _unsafe_sql(tree: ast.AST) -> list[int]:
    """Line numbers where SQL text is built from values (f-string, .format, %, +)."""
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            values = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
            if SQL.search(text) and not all(_safe_value(v) for v in values):
                bad.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            target = node.func.value
            if isinstance(target, ast.Constant) and isinstance(target.value, str) and SQL.search(target.value):
                bad.append(node.lineno)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
            side, other = node.left, node.right
            sql = isinstance(side, ast.Constant) and isinstance(side.value, str) and SQL.search(side.value)
            if sql and not _safe_value(other) and not isinstance(other, ast.Constant):
                bad.append(node.lineno)
    return bad


def test_sql_is_built_only_from_constants_and_parameters() -> None:
    found = {str(path.relative_to(REPO)): lines for path in sorted((REPO / "services").rglob("*.py"))
             if (lines := _unsafe_sql(ast.parse(path.read_text(encoding="utf-8"))))}
    assert found == {}, f"SQL built from values (use $1 parameters): {found}"


def test_the_check_catches_values_in_sql() -> None:
    code = ('conn.execute(f"SELECT * FROM t WHERE id = {value}")\n'
            'conn.execute("DELETE FROM t WHERE id = %s" % value)\n'
            'conn.execute("SELECT {} FROM t".format(value))\nconn.execute(f"SELECT {COLUMNS} FROM t")\n')
    assert _unsafe_sql(ast.parse(code)) == [1, 2, 3]


async def test_service_role_reads_and_writes_rows_but_changes_no_schema(database_url: str) -> None:
    login = f"newsflow_test_login_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(database_url)
    await admin.execute(f"CREATE ROLE {login} LOGIN PASSWORD '{SECRET}' IN ROLE newsflow_service")
    try:
        parts = urlsplit(database_url)
        pool = await create_pool(parts._replace(netloc=f"{login}:{SECRET}@{parts.hostname}:{parts.port}").geturl())
        try:
            async with pool.acquire() as conn:
                await write_batch(conn, Batch(articles=[article(str(uuid.uuid4()))]))
                assert await conn.fetchval("SELECT count(*) FROM articles") >= 1
                for statement in ("CREATE TABLE intruder (x int)", "DROP TABLE articles", "TRUNCATE articles",
                                  "ALTER TABLE events ADD COLUMN x int", "DELETE FROM schema_migrations"):
                    with pytest.raises(asyncpg.InsufficientPrivilegeError):
                        await conn.execute(statement)
        finally:
            await pool.close()
    finally:
        await admin.execute(f"DROP ROLE {login}")
        await admin.close()


@pytest.mark.parametrize("url", [
    f"postgresql://nosuchuser:{SECRET}@127.0.0.1:5432/newsflow",
    f"postgresql://newsflow:{SECRET}@127.0.0.1:1/newsflow",
    f"postgresql://newsflow:{SECRET}@127.0.0.1:notaport/newsflow",
], ids=["wrong-user", "refused", "malformed"])
def test_database_password_never_printed(url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "NEWSFLOW_LOG_LEVEL": "DEBUG"}
    for args in (["articles", "--limit", "1"], ["dlq", "list"], ["migrate"]):
        done = subprocess.run([sys.executable, "-m", "services.cli.main", *args], env=env, cwd=REPO,
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode != 0
        assert SECRET not in done.stdout + done.stderr


def test_settings_hide_the_database_url() -> None:
    settings = Settings(DATABASE_URL=f"postgresql://u:{SECRET}@db/newsflow")  # type: ignore[call-arg]
    assert SECRET not in repr(settings) and SECRET not in str(settings.model_dump())
