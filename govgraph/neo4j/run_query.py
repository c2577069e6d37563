"""Run one Cypher query (a file of ``queries/``, a path, or text) in a read transaction, as a report.

A query file starts with ``// Question: ...`` (what it asks) and may give defaults for its parameters with
``// @param name = value`` lines; ``--param name=value`` overrides them. Values are parsed as JSON where they
parse (``1990``, ``["US","CN"]``, ``true``) and kept as text otherwise. Nodes, relationships and paths come back
as Cypher-like text in tables (``(wfeo:Organisation)-[:PARTNER_OF]->(unfccc:Agreement)``) and as structured
objects in JSON, so the output of every format is the same on every run for the same database.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.errors import UsageError
from govgraph.neo4j.connection import ConnectionSettings, connect, db_errors
from govgraph.paths import queries_dir
from govgraph.tables import Table

__all__ = ["QueryResult", "QueryText", "list_queries", "parse_params", "resolve_query", "run_query"]

_PARAM_RE = re.compile(r"\$(?:([A-Za-z_][A-Za-z0-9_]*)|`([^`]+)`)")
_DEFAULT_RE = re.compile(r"^\s*//\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+?)\s*$")
_QUESTION_RE = re.compile(r"^\s*//\s*Question:\s*(.+?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class QueryText:
    """A query with where it came from, the question it answers and its default parameters."""

    text: str
    name: str | None = None
    question: str | None = None
    defaults: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str, name: str | None = None) -> QueryText:
        question, defaults = None, {}
        for line in text.splitlines():
            if question is None and (m := _QUESTION_RE.match(line)):
                question = m.group(1)
            if m := _DEFAULT_RE.match(line):
                defaults[m.group(1)] = _value(m.group(2))
        body = text.strip()
        while body.endswith(";"):
            body = body[:-1].rstrip()
        return cls(body, name, question, defaults)

    def parameters(self) -> list[str]:
        """The ``$names`` the query uses (outside ``//`` comments), sorted."""
        code = "\n".join(line.split("//", 1)[0] if "//" in line else line for line in self.text.splitlines())
        return sorted({a or b for a, b in _PARAM_RE.findall(code)})


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """``["year=1990", "ids=[\\"a\\"]", "name=WFEO"]`` -> ``{"year": 1990, "ids": ["a"], "name": "WFEO"}``."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise UsageError(f"bad --param {pair!r}: write NAME=VALUE (VALUE as JSON, or plain text)")
        out[key] = _value(raw)
    return out


def list_queries() -> list[QueryText]:
    """The packaged query files, by name."""
    return [QueryText.parse(p.read_text(encoding="utf-8"), p.name) for p in sorted(queries_dir().glob("*.cypher"))]


def resolve_query(arg: str) -> QueryText:
    """A query file (a path, or the name of a packaged query with or without ``.cypher``), else Cypher text."""
    path = Path(arg)
    if path.is_file():
        return QueryText.parse(path.read_text(encoding="utf-8"), path.name)
    if any(ch.isspace() for ch in arg.strip()):
        return QueryText.parse(arg)
    name = path.name if path.suffix == ".cypher" else f"{path.name}.cypher"
    packaged = queries_dir() / name
    if packaged.is_file():
        return QueryText.parse(packaged.read_text(encoding="utf-8"), packaged.name)
    from govgraph.dataset import suggest

    known = [p.name for p in queries_dir().glob("*.cypher")]
    raise UsageError(f"no query file {arg!r} (nor {name} in {queries_dir()}){suggest(name, known)}")


# ------------------------------------------------------------------------------------------------ values


def _node_ref(node: Any) -> str:
    labels = sorted(node.labels)
    if len(labels) > 1 and "Actor" in labels:
        labels.remove("Actor")
    ident = node.get("id") if node.get("id") is not None else node.element_id
    return f"({ident}{''.join(':' + lab for lab in labels)})"


def _ident(node: Any) -> str:
    """A node's govgraph id, else its element id (a relationship's ends may come without properties)."""
    if node is None:
        return "?"
    return node.get("id") if node.get("id") is not None else node.element_id


def _rel_text(rel: Any) -> str:
    """``(a)-[:TYPE]->(b)`` with the ends' ids; ``()-[:TYPE {id: '...'}]->()`` when the query returned no ends."""
    ends = [n.get("id") if n is not None else None for n in (rel.start_node, rel.end_node)]
    if None in ends:
        ident = f" {{id: {json.dumps(rel.get('id'), ensure_ascii=False)}}}" if rel.get("id") is not None else ""
        return f"()-[:{rel.type}{ident}]->()"
    return f"({ends[0]})-[:{rel.type}]->({ends[1]})"


def _path_text(path: Any) -> str:
    nodes = list(path.nodes)
    text = _node_ref(nodes[0])
    for rel, nxt in zip(path.relationships, nodes[1:], strict=True):
        forward = rel.start_node is not None and rel.start_node.element_id != nxt.element_id
        text += f"-[:{rel.type}]->" if forward else f"<-[:{rel.type}]-"
        text += _node_ref(nxt)
    return text


def to_jsonable(value: Any) -> Any:
    """A driver value as plain JSON: nodes, relationships and paths as objects, times as ISO text."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"id": value.get("id"), "labels": sorted(value.labels), "properties": to_jsonable(dict(value))}
    if isinstance(value, Relationship):
        return {
            "type": value.type,
            "start": _ident(value.start_node),
            "end": _ident(value.end_node),
            "properties": to_jsonable(dict(value)),
        }
    if isinstance(value, Path):
        return {"nodes": [to_jsonable(n) for n in value.nodes], "relationships": [to_jsonable(r) for r in value]}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    native = value.to_native() if callable(getattr(value, "to_native", None)) else value
    if isinstance(native, (dt.date, dt.datetime, dt.time)):
        return native.isoformat()
    return str(native)


def to_cell(value: Any) -> Any:
    """A driver value as a table cell: entities as Cypher-like text, maps as JSON, lists item by item."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return _node_ref(value)
    if isinstance(value, Relationship):
        return _rel_text(value)
    if isinstance(value, Path):
        return _path_text(value)
    if isinstance(value, (list, tuple)):
        return [to_cell(v) for v in value]
    if isinstance(value, dict):
        return json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=True)
    return to_jsonable(value)


# ---------------------------------------------------------------------------------------------- running


@dataclass
class QueryResult:
    """The rows a query returned, with the query, its question and its parameters."""

    query: QueryText
    params: dict[str, Any]
    columns: list[str]
    records: list[list[Any]]

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query.name or self.query.text,
            "question": self.query.question,
            "params": self.params,
            "columns": self.columns,
            "rows": [{c: to_jsonable(v) for c, v in zip(self.columns, row, strict=True)} for row in self.records],
        }

    def tables(self) -> list[Table]:
        title = self.query.question or self.query.name or "Query"
        notes = [] if self.records else ["no rows"]
        return [
            Table(
                "query",
                title,
                list(self.columns),
                [[to_cell(v) for v in row] for row in self.records],
                caption=self.query.name,
                notes=notes,
            )
        ]


def run_query(
    settings: ConnectionSettings, query: QueryText | str, params: dict[str, Any] | None = None
) -> QueryResult:
    """Run ``query`` in a read transaction (writes are refused by the server) and return its rows."""
    q = query if isinstance(query, QueryText) else resolve_query(query)
    values = {**q.defaults, **(params or {})}
    missing = [p for p in q.parameters() if p not in values]
    if missing:
        raise UsageError(
            f"{q.name or 'the query'} needs parameter{'s' if len(missing) > 1 else ''} "
            + ", ".join(missing)
            + "; pass "
            + " ".join(f"--param {m}=VALUE" for m in missing)
        )

    def work(tx: Any) -> tuple[list[str], list[list[Any]]]:
        result = tx.run(q.text, values)
        return list(result.keys()), [list(r.values()) for r in result]

    with connect(settings) as driver, db_errors(settings, f"running {q.name or 'the query'}"):
        session = driver.session(database=settings.database) if settings.database else driver.session()
        with session:
            columns, records = session.execute_read(work)
    return QueryResult(q, values, columns, records)
