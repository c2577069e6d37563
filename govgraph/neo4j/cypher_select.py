"""``--cypher FILE``: the part of the graph that a Cypher query returns.

The query runs in a read transaction (so it cannot change the database). Every node, relationship and path
anywhere in its records (also inside lists and maps) contributes: nodes by their ``id`` property,
relationships by theirs. The selection is then those actors, the returned relations and their two ends, taken
from the graph govgraph reads from the same database, so every attribute and source comes along. Records
without a govgraph ``id`` (e.g. ``:Source`` nodes) are counted and left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph.errors import UsageError

__all__ = ["CypherHits", "collect_ids", "cypher_subgraph", "read_query", "run_query", "select_cypher"]


@dataclass
class CypherHits:
    """The govgraph ids a query returned, and how many returned entities had none."""

    node_ids: set[str] = field(default_factory=set)
    relation_ids: set[str] = field(default_factory=set)
    without_id: int = 0


def _walk(value: Any, hits: CypherHits) -> None:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Path):
        for part in (*value.nodes, *value.relationships):
            _walk(part, hits)
    elif isinstance(value, Node):
        _add(value.get("id"), hits.node_ids, hits)
    elif isinstance(value, Relationship):
        _add(value.get("id"), hits.relation_ids, hits)
    elif isinstance(value, dict):
        for v in value.values():
            _walk(v, hits)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _walk(v, hits)


def _add(ident: Any, into: set[str], hits: CypherHits) -> None:
    if isinstance(ident, str):
        into.add(ident)
    else:
        hits.without_id += 1


def collect_ids(records: Iterable[Any]) -> CypherHits:
    """The ids of every node and relationship found anywhere in ``records`` (driver records or plain values)."""
    hits = CypherHits()
    for record in records:
        _walk(list(record.values()) if hasattr(record, "values") else record, hits)
    return hits


def read_query(path: Path) -> str:
    """The query in ``path``: one statement (a trailing semicolon is dropped)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the Cypher file {path}: {exc}") from None
    query = text.strip().rstrip(";").strip()
    if not query:
        raise UsageError(f"the Cypher file {path} is empty")
    return query


def run_query(settings: Any, query: str) -> CypherHits:
    """Run ``query`` read-only in Neo4j and collect the ids it returns."""
    from govgraph.neo4j.connection import connect, db_errors

    def work(tx: Any) -> CypherHits:
        return collect_ids(tx.run(query))

    with (
        connect(settings) as driver,
        db_errors(settings, "running the --cypher query"),
        driver.session(database=settings.database) as session,  # type: ignore[attr-defined]
    ):
        return session.execute_read(work)


def cypher_subgraph(g: nx.MultiDiGraph, hits: CypherHits) -> nx.MultiDiGraph:
    """The actors and relations of ``g`` named by ``hits`` (with both ends of every relation)."""
    from govgraph.select import subgraph

    keys = {k for *_, k in g.edges(keys=True)}
    rel_keys = hits.relation_ids & keys
    nodes = (hits.node_ids & set(g.nodes)) | {n for u, v, k in g.edges(keys=True) if k in rel_keys for n in (u, v)}
    if not nodes:
        raise UsageError(
            "the --cypher query returned no govgraph actors or relations (return nodes, "
            "relationships or paths, e.g. MATCH p=(:Actor)-[]->(:Actor) RETURN p)"
        )
    return subgraph(g, nodes, rel_keys, selection={"cypher": f"{len(nodes)} actors, {len(rel_keys)} relations"})


def select_cypher(g: nx.MultiDiGraph, settings: Any, path: Path) -> nx.MultiDiGraph:
    """The subgraph of ``g`` (read from the same database) that the query in ``path`` returns."""
    return cypher_subgraph(g, run_query(settings, read_query(path)))
