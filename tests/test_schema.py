"""The generated views are up to date, and the JSON Schema accepts what the validator accepts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jsonschema
import pytest
import yaml

from govgraph import schema_gen
from govgraph.paths import schema_dir, seeds_dir
from govgraph.vocab import vocabulary
from tests.conftest import run_govgraph


def test_committed_schema_files_are_current() -> None:
    for name, text in schema_gen.generate().items():
        committed = (schema_dir() / name).read_text(encoding="utf-8")
        assert committed == text, f"schema/{name} is stale: run `govgraph schema`"


def test_schema_check_command_detects_staleness(tmp_path: Path) -> None:
    assert run_govgraph("schema", "--out", str(tmp_path)).returncode == 0
    assert run_govgraph("schema", "--check", "--out", str(tmp_path)).returncode == 0
    (tmp_path / schema_gen.SCHEMA_FILE).write_text("{}", encoding="utf-8")
    proc = run_govgraph("schema", "--check", "--out", str(tmp_path))
    assert proc.returncode == 1 and "stale" in proc.stderr


def _jsonable(value):
    """YAML as an editor's schema validator sees it (dates are strings there)."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _files() -> list[Path]:
    return [*sorted(seeds_dir().glob("*.yaml")), Path(__file__).parent / "fixtures" / "mini" / "data.yaml"]


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_json_schema_accepts_valid_files(path: Path) -> None:
    schema = yaml.safe_load(schema_gen.json_schema_text())
    data = _jsonable(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, schema)


def test_json_schema_rejects_unknown_terms() -> None:
    schema = yaml.safe_load(schema_gen.json_schema_text())
    bad = {"relations": [{"type": "member_ofx", "source": "a", "target": "b", "sources": ["s"]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_schema_lists_every_vocabulary_term() -> None:
    text = schema_gen.json_schema_text()
    for name in ("organisation_types", "functions", "issue_areas", "relation_types"):
        for term in vocabulary().terms(name):
            assert f'"{term}"' in text


def test_seed_files_point_editors_at_the_schema() -> None:
    for path in sorted(seeds_dir().glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/govgraph.schema.json", path.name


def test_neo4j_statements_only_use_vocabulary_names() -> None:
    stmts = schema_gen.neo4j_schema_statements()
    for rel in vocabulary().relation_types.values():
        assert any(f"[r:{rel.neo4j_type}]" in s for s in stmts)
    assert all(s.startswith(("CREATE CONSTRAINT", "CREATE INDEX")) and "IF NOT EXISTS" in s for s in stmts)
