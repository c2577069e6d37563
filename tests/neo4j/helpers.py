"""Helpers shared by the loader, reader, query, results and CLI tests (their fixtures are in ``conftest.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from govgraph.neo4j.connection import ConnectionSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINI = FIXTURES / "mini"
ROOT = Path(__file__).resolve().parents[2]


def settings_for(uri: str, auth: tuple[str, str] | None) -> ConnectionSettings:
    """Connection settings for the test server."""
    user, password = auth if auth else ("neo4j", None)
    return ConnectionSettings(uri=uri, user=user, password=password)


def env_for(uri: str, auth: tuple[str, str] | None) -> dict[str, str]:
    """The environment that points the ``govgraph`` command at the test server."""
    env = {"NEO4J_URI": uri, "NEO4J_USER": auth[0] if auth else "neo4j"}
    if auth:
        env["NEO4J_PASSWORD"] = auth[1]
    return env


def snapshot(driver: Any) -> dict[str, Any]:
    """Every node (labels, properties) and relationship (type, ends, properties) of the database, by content."""
    nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props").records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props"
    ).records
    node_set = sorted((tuple(sorted(r["labels"])), repr(sorted(r["props"].items()))) for r in nodes)
    rel_set = sorted((r["type"], r["a"], r["b"], repr(sorted(r["props"].items()))) for r in rels)
    return {"nodes": node_set, "relationships": rel_set}


def label_counts(driver: Any) -> dict[str, int]:
    """Nodes per label."""
    rows = driver.execute_query("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS n").records
    return {r["l"]: r["n"] for r in rows}


def type_counts(driver: Any) -> dict[str, int]:
    """Relationships per type."""
    rows = driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n").records
    return {r["t"]: r["n"] for r in rows}


def node(driver: Any, node_id: str) -> tuple[set[str], dict[str, Any]] | None:
    """Labels and properties of the node with this id, or None."""
    rows = driver.execute_query("MATCH (n {id: $id}) RETURN labels(n) AS l, properties(n) AS p", id=node_id).records
    return (set(rows[0]["l"]), dict(rows[0]["p"])) if rows else None


def mini_variant(tmp_path: Path, edit: Any) -> Path:
    """A copy of the mini fixture, changed by ``edit(data)``, written to ``tmp_path/data.yaml``."""
    data = yaml.safe_load((MINI / "data.yaml").read_text(encoding="utf-8"))
    edit(data)
    out = tmp_path / "data.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out
