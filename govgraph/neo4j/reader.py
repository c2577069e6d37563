"""Read what is in Neo4j back into a validated Dataset, so every report can analyse the database.

Actors are the ``:Actor`` nodes, relations every relationship of a vocabulary type between two actors,
sources the ``:Source`` nodes and figures the ``:Figure`` nodes. The records pass the same validation as YAML
(models, vocabulary, references, dates) and the text and number rules of :mod:`govgraph.limits` (a Browser
user can store control characters, NaN or 50,000-character names); a node a Browser user broke raises
:class:`DataError` naming its id and the property.
``build_graph(read_dataset(s))`` equals ``build_graph(load_dataset(...))`` after a load.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from typing import Any

from pydantic import ValidationError

from govgraph.dataset import SECTIONS, Entry, check_actor, check_citations, check_relation, error_message, index_records
from govgraph.errors import DataError, Problem
from govgraph.limits import MAX_LONG_TEXT, MAX_TEXT, number_problem, text_problem
from govgraph.model import Dataset
from govgraph.neo4j import properties as P
from govgraph.neo4j import queries as Q
from govgraph.neo4j.connection import ConnectionSettings, connect, db_errors
from govgraph.user_terms import terms_from_specs
from govgraph.vocab import using, vocabulary

__all__ = ["dataset_from_rows", "read_dataset"]


def _native(value: Any) -> Any:
    """Driver values as plain Python: temporal values to ``datetime`` ones, lists item by item."""
    if isinstance(value, list):
        return [_native(v) for v in value]
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value


def _read_all(tx: Any) -> dict[str, list[dict[str, Any]]]:
    """Everything in one read transaction, so the parts agree with each other: the terms the data added first,
    then records, and the relationships of every type of the vocabulary they make."""
    out = {"Term": [r.data() for r in tx.run(Q.read_nodes("Term"))]}
    with using(_vocabulary(out["Term"], "neo4j")[0]):
        types = [Q.relation_rel_type(n) for n in sorted(vocabulary().relation_types)]
    out |= {label: [r.data() for r in tx.run(Q.read_nodes(label))] for label in ("Source", "Actor", "Figure")}
    out["relations"] = [r.data() for r in tx.run(Q.read_relations(), types=types)]
    return out


def _vocabulary(rows: list[dict[str, Any]], origin: str) -> tuple[Any, list[Problem]]:
    """The vocabulary the ``:Term`` rows extend the shipped one to, and what is wrong with them."""
    specs = [P.user_term_spec({k: _native(v) for k, v in r["props"].items()}) for r in rows]
    return terms_from_specs(specs, origin)


def read_dataset(settings: ConnectionSettings) -> Dataset:
    """The dataset held in the Neo4j that ``settings`` point at (validated; DataError when broken)."""
    with connect(settings) as driver, db_errors(settings, "reading the graph"):
        session = driver.session(database=settings.database) if settings.database else driver.session()
        with session:
            rows = session.execute_read(_read_all)
    return dataset_from_rows(rows, origin=f"neo4j {settings.uri}")


#: properties held to the short-text cap (ids, names: what is indexed or shown as a label)
SHORT_TEXT = frozenset({"id", "name", "name_zh", "aliases", "kind", "type", "source", "target", "key"})


def value_problems(props: dict[str, Any]) -> list[tuple[str, str]]:
    """(property, why) for each value that breaks the rules of :mod:`govgraph.limits`, citations included."""
    out: list[tuple[str, str]] = []

    def check(name: str, value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                check(name, item)
        elif isinstance(value, dict):
            for key, item in sorted(value.items()):
                check(f"{name}.{key}", item)
        elif isinstance(value, str):
            why = text_problem(value, limit=MAX_TEXT if name.rsplit(".", 1)[-1] in SHORT_TEXT else MAX_LONG_TEXT)
            if why:
                out.append((name, why))
        elif isinstance(value, int | float):
            why = number_problem(value)
            if why:
                out.append((name, why))

    for name, value in sorted(props.items()):
        check(name, value)
        if name == "citations" and isinstance(value, str) and not out:
            # JSON escapes hide control characters: check what the text decodes to (bad JSON is reported later)
            with contextlib.suppress(ValueError):
                check(name, json.loads(value))
    return out


class _Reader:
    """Validates rows into records, collecting every problem located by id and property."""

    def __init__(self, origin: str):
        self.origin = origin
        self.problems: list[Problem] = []
        self.broken: set[str] = set()

    def problem(self, rid: str, field: str, message: str) -> None:
        self.problems.append(Problem(self.origin, 0, 0, rid, field, message))

    def record(self, section: str, rid: str, build: Any, props: dict[str, Any]) -> Entry | None:
        """Validate ``build()`` (record fields from ``props``) as one record of ``section``."""
        bad = value_problems(props)
        for name, why in bad:
            self.problem(rid, name, why)
        if bad:
            self.broken.add(rid)
            return None
        try:
            raw = build()
        except P.PropertyError as exc:
            self.problem(rid, exc.field, str(exc))
            self.broken.add(rid)
            return None
        try:
            rec = SECTIONS[section].validate_python(raw)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                if section == "actors" and loc and loc[0] in vocabulary().kinds:
                    loc = loc[1:]
                loc = tuple(p for p in loc if not str(p).startswith("function-before"))
                field = ".".join(str(p) for p in loc) or section
                self.problem(rid, _property_name(field), error_message(section, raw, err, loc))
            self.broken.add(rid)
            return None
        return Entry(rec, raw, self.origin)


def _property_name(field: str) -> str:
    """The node property a record field is kept in (``headquarters.country`` lives in ``hq_country``)."""
    if field.startswith("headquarters."):
        return "hq_" + field.split(".", 1)[1]
    if field.startswith("sources."):
        return "citations"
    return field


def _kinds(labels: list[str]) -> list[str]:
    return sorted(k for k in vocabulary().kinds if k.capitalize() in labels)


def dataset_from_rows(rows: dict[str, list[dict[str, Any]]], origin: str = "neo4j") -> Dataset:
    """A validated Dataset from the rows :func:`read_dataset` fetches (``Term``, ``Source``, ``Actor``,
    ``Figure``, ``relations``); raises DataError with every problem, each naming the node's or relationship's id.
    The records are checked against the vocabulary the ``Term`` rows make (the shipped one without them)."""
    vocab, problems = _vocabulary(rows.get("Term", []), origin)
    with using(vocab):
        return _dataset(rows, origin, problems)


def _dataset(rows: dict[str, list[dict[str, Any]]], origin: str, vocab_problems: list[Problem]) -> Dataset:
    rd = _Reader(origin)
    rd.problems.extend(vocab_problems)

    def rid_of(row: dict[str, Any]) -> str:
        return str(row.get("id") or row["props"].get("id") or f"<element {row['eid']}>")

    def props(row: dict[str, Any]) -> dict[str, Any]:
        return {k: _native(v) for k, v in row["props"].items()}

    src = [rd.record("sources", rid_of(r), lambda r=r: props(r), r["props"]) for r in rows["Source"]]
    act = [
        rd.record("actors", rid_of(r), lambda r=r: P.actor_fields(props(r), _kinds(r["labels"])), r["props"])
        for r in rows["Actor"]
    ]
    fig = [rd.record("figures", rid_of(r), lambda r=r: P.figure_fields(props(r)), r["props"]) for r in rows["Figure"]]
    rel = []
    for r in rows["relations"]:
        rtype = r["type"].lower()
        rid = str(r["props"].get("id") or f"{r['source']}:{rtype}:{r['target']}")
        build = lambda r=r, t=rtype: P.relation_fields(t, r["source"], r["target"], props(r))  # noqa: E731
        rel.append(rd.record("relations", rid, build, r["props"]))
    problems = rd.problems
    sources = index_records([e for e in src if e], lambda x: x.id, "source", problems)
    known = {**sources, **dict.fromkeys(rd.broken - set(sources))}
    actors = index_records([e for e in act if e], lambda x: x.id, "actor", problems)
    figures = index_records([e for e in fig if e], lambda x: x.id, "figure", problems)
    relations = index_records([e for e in rel if e], lambda x: x.key, "relation", problems)
    for e in actors.values():
        check_actor(e, problems)
        check_citations(e, e.record.id, known, problems)
    for e in relations.values():
        check_relation(e, actors, rd.broken, problems)
        check_citations(e, e.record.key, known, problems)
    for e in figures.values():
        check_citations(e, e.record.id, known, problems)
        if e.record.subject and e.record.subject not in actors and e.record.subject not in rd.broken:
            rd.problem(e.record.id, "subject", f"unknown actor {e.record.subject!r}")
    if problems:
        raise DataError([dataclasses.replace(p, file=origin, line=0, col=0) for p in problems])
    return Dataset(
        sources={k: e.record for k, e in sorted(sources.items())},
        actors={k: e.record for k, e in sorted(actors.items())},
        relations=sorted((e.record for e in relations.values()), key=lambda x: x.key),
        figures={k: e.record for k, e in sorted(figures.items())},
        origins={
            **{f"source:{k}": origin for k in sources},
            **{f"actor:{k}": origin for k in actors},
            **{f"relation:{k}": origin for k in relations},
            **{f"figure:{k}": origin for k in figures},
        },
        vocab=vocabulary() if vocabulary().user else None,
    )
