"""A Cypher script that recreates the exported graph in any Neo4j 5 (cypher-shell, Neo4j Browser).

One statement per line: a uniqueness constraint on ``id`` for each label used, a ``MERGE`` per actor
(``:Actor:<Kind>`` on ``id``, then ``SET n += {...}``) and a ``MERGE`` per relation (its vocabulary type in
UPPER_SNAKE_CASE, on ``id``). Running it twice changes nothing. Values are literals, not parameters, so the
script runs anywhere; every string is escaped (quotes, backslashes, control characters), property names are
back-quoted when they are not plain identifiers, and labels and types come only from the closed vocabulary.
Properties are written as ``govgraph load`` writes them (:func:`govgraph.neo4j.properties.node_properties`:
citations as JSON text), with the bibliography as ``:Source`` nodes, the figures as ``:Figure`` nodes and the
terms the data added to the vocabulary (the active one) as ``:Term`` nodes, so a database built from the script
reads back (``--from-neo4j``) as one built by ``load``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph.errors import UsageError
from govgraph.export.base import register
from govgraph.export.sources import cited_bibliography
from govgraph.fileio import atomic_write_text
from govgraph.neo4j.properties import (
    edge_properties,
    figure_properties,
    node_properties,
    source_properties,
    user_term_rows,
)
from govgraph.vocab import label_for_kind, rel_type_for, vocabulary

__all__ = ["CypherExporter", "cypher_script", "literal", "name"]

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def literal(value: Any) -> str:
    """A Cypher literal for a property value (string, integer, float, boolean, or a list of those)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise UsageError(f"cannot write {value} as a Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise UsageError(f"cannot write a {type(value).__name__} as a Cypher property value")


def name(text: str) -> str:
    """A property name, back-quoted (with back-quotes doubled) unless it is a plain identifier."""
    return text if _PLAIN.match(text) else "`" + text.replace("`", "``") + "`"


def _props(data: dict[str, Any]) -> str:
    items = []
    for key, value in sorted(data.items()):
        if value is None or value == []:
            continue
        if isinstance(value, (list, tuple)):
            value = [str(v) if isinstance(v, dict) else v for v in value]
        elif isinstance(value, dict):
            continue
        items.append(f"{name(key)}: {literal(value)}")
    return "{" + ", ".join(items) + "}"


def _node(node_id: str, data: dict[str, Any]) -> str:
    kind = data.get("kind", "")
    if kind not in vocabulary().kinds:
        raise UsageError(f"actor {node_id!r} has no known kind ({kind!r}); cannot give it a Neo4j label")
    props = _props(node_properties(node_id, data))  # as `govgraph load` writes them
    return f"MERGE (n:Actor {{id: {literal(node_id)}}}) SET n:{label_for_kind(kind)} SET n += {props};"


def _edge(u: str, v: str, key: str, data: dict[str, Any]) -> str:
    rtype = data.get("type", "")
    if rtype not in vocabulary().relation_types:
        raise UsageError(f"relation {key!r} has no known type ({rtype!r}); cannot give it a Neo4j type")
    props = {k: x for k, x in edge_properties(data).items() if k != "id"}
    return (
        f"MATCH (a:Actor {{id: {literal(u)}}}) MATCH (b:Actor {{id: {literal(v)}}}) "
        f"MERGE (a)-[r:{rel_type_for(rtype)} {{id: {literal(key)}}}]->(b) SET r += {_props(props)};"
    )


def cypher_script(g: nx.MultiDiGraph) -> str:
    """The script: header comments, constraints, actors, then relations, all sorted."""
    kinds = sorted({d.get("kind", "") for _, d in g.nodes(data=True)} & set(vocabulary().kinds))
    when = f" as of {g.graph['as_of']}" if g.graph.get("as_of") is not None else ""
    lines = [
        f"// govgraph export{when}: {g.number_of_nodes()} actors, {g.number_of_edges()} relations.",
        "// Run with: cypher-shell -f FILE (or paste into Neo4j Browser). MERGE on id: running it twice changes "
        "nothing.",
        "// Sources cited: "
        + ("; ".join(cited_bibliography(g)) or "none")
        + " (BibTeX: govgraph export --format bibtex).",
        "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;",
    ]
    lines += [
        f"CREATE CONSTRAINT {k}_id IF NOT EXISTS FOR (n:{label_for_kind(k)}) REQUIRE n.id IS UNIQUE;" for k in kinds
    ]
    bibliography = g.graph.get("bibliography") or {}
    figures = {k: f for k, f in (g.graph.get("figures") or {}).items() if f.get("subject") is None or f["subject"] in g}
    lines += [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;"
        for label, held in (("Source", bibliography), ("Figure", figures))
        if held
    ]
    lines += [
        f"MERGE (s:Source {{id: {literal(k)}}}) SET s += {_props(source_properties(e))};"
        for k, e in sorted(bibliography.items())
    ]
    lines += [  # the terms the data added to the vocabulary, so that the database reads back (none for the seeds)
        f"MERGE (t:Term {{id: {literal(row['id'])}}}) SET t += {_props(row['props'])};"
        for row in user_term_rows(vocabulary())
    ]
    lines += [_node(n, d) for n, d in sorted(g.nodes(data=True))]
    lines += [_edge(u, v, k, d) for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[2])]
    lines += [
        f"MERGE (f:Figure {{id: {literal(k)}}}) SET f += {_props(figure_properties(e))};"
        for k, e in sorted(figures.items())
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class CypherExporter:
    name: str = "cypher"
    suffix: str = ".cypher"
    description: str = "a Cypher script of MERGE statements that recreates the graph in any Neo4j"

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        text = cypher_script(g)
        with atomic_write_text(path) as fh:
            fh.write(text)
        return [path]


register(CypherExporter())
