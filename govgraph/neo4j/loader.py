"""Load a validated Dataset into Neo4j: constraints first, then nodes, links and relations in batches.

Every batch is one managed write transaction (``execute_write``, which the driver retries on transient
failures) of ``UNWIND $rows`` with ``MERGE`` on ids, so a retried batch, a second load or a re-run after a
failure all leave the same database. Each batch counts what it created and what it changed (properties that
differ), which the :class:`LoadSummary` reports. ``replace=True`` then removes what the dataset no longer
holds: actors, sources, figures and vocabulary terms by id, and relationships of vocabulary types between
actors. Nodes with other labels (a Browser user's own notes) are never touched.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from govgraph.model import Dataset
from govgraph.neo4j import properties as P
from govgraph.neo4j import queries as Q
from govgraph.neo4j.connection import ConnectionSettings, connect, db_errors
from govgraph.schema_gen import neo4j_schema_statements
from govgraph.tables import Table
from govgraph.vocab import label_for_kind, vocabulary

__all__ = ["Counts", "LoadSummary", "ProgressFn", "load", "plan_batches"]

#: ``progress(done, total, description)``: records written so far, records in all, what runs now.
ProgressFn = Callable[[int, int, str], None]


@dataclass
class Counts:
    """What a load did to one label or relationship type."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


@dataclass
class LoadSummary:
    """What a load did, per label and relationship type, and how fast."""

    uri: str
    database: str | None
    replace: bool
    counts: dict[str, Counts] = field(default_factory=dict)
    seconds: float = 0.0

    def _total(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.counts.values())

    @property
    def created(self) -> int:
        return self._total("created")

    @property
    def updated(self) -> int:
        return self._total("updated")

    @property
    def unchanged(self) -> int:
        return self._total("unchanged")

    @property
    def removed(self) -> int:
        return self._total("removed")

    @property
    def records(self) -> int:
        """Records written (created, updated or found unchanged)."""
        return self.created + self.updated + self.unchanged

    @property
    def rate(self) -> float:
        """Records written per second."""
        return self.records / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """One line for a terminal."""
        return (
            f"{self.records} records into {self.uri}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.removed} removed in {self.seconds:.1f} s ({self.rate:.0f} records/s)"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "uri": self.uri,
            "database": self.database,
            "replace": self.replace,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "records": self.records,
            "seconds": round(self.seconds, 3),
            "rate": round(self.rate, 1),
            "by_label_or_type": {k: vars(c) for k, c in self.counts.items()},
        }

    def tables(self) -> list[Table]:
        rows = [
            [k, c.created, c.updated, c.unchanged, c.removed] for k, c in self.counts.items() if any(vars(c).values())
        ]
        rows.append(["total", self.created, self.updated, self.unchanged, self.removed])
        return [
            Table(
                "load",
                f"Loaded into {self.uri}",
                ["label / type", "created", "updated", "unchanged", "removed"],
                rows,
                caption=f"{self.seconds:.1f} s, {self.rate:.0f} records/s",
            )
        ]


@dataclass
class _Batch:
    """One write: a query over ``rows`` (plus fixed params), counted under ``name`` when ``counted``."""

    name: str
    query: str
    rows: list[dict[str, Any]]
    params: dict[str, Any] = field(default_factory=dict)
    counted: bool = True


_T = TypeVar("_T")


def _chunks(rows: list[_T], size: int) -> Iterator[list[_T]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _node_batches(dataset: Dataset) -> Iterable[_Batch]:
    v = vocabulary()
    yield _Batch(
        "Source", Q.merge_nodes("Source"), [{"id": s.id, "props": P.source_props(s)} for s in dataset.sources.values()]
    )
    for label, terms in (("IssueArea", v.issue_areas), ("Function", v.functions)):
        yield _Batch(
            label, Q.merge_nodes(label), [{"id": t, "props": {"id": t, "definition": d}} for t, d in terms.items()]
        )
    for kind in v.kinds:
        actors = [a for _, a in sorted(dataset.actors.items()) if a.kind == kind]
        others = [label_for_kind(k) for k in v.kinds if k != kind]
        yield _Batch(
            label_for_kind(kind),
            Q.merge_actors(kind),
            [{"id": a.id, "props": P.actor_props(a)} for a in actors],
            {"other_labels": others},
        )
    figures = list(dataset.figures.values())
    yield _Batch("Figure", Q.merge_nodes("Figure"), [{"id": f.id, "props": P.figure_props(f)} for f in figures])


def _link_batches(dataset: Dataset) -> Iterable[_Batch]:
    actors = [a for _, a in sorted(dataset.actors.items())]
    none: dict[str, Any] = {}
    for rel_type, attr in (("IN_ISSUE_AREA", "issue_areas"), ("HAS_FUNCTION", "functions")):
        rows = [{"id": a.id, "links": [{"key": t, "props": none} for t in getattr(a, attr)]} for a in actors]
        yield _Batch(rel_type, Q.sync_links("Actor", rel_type, Q.LINK_TYPES[rel_type][1]), rows, counted=False)
    yield _Batch(
        "SOURCED_FROM",
        Q.sync_links("Actor", "SOURCED_FROM", "Source"),
        [{"id": a.id, "links": P.citation_links(a)} for a in actors],
        counted=False,
    )
    figures = list(dataset.figures.values())
    yield _Batch(
        "SOURCED_FROM",
        Q.sync_links("Figure", "SOURCED_FROM", "Source"),
        [{"id": f.id, "links": P.citation_links(f)} for f in figures],
        counted=False,
    )
    yield _Batch(
        "ABOUT",
        Q.sync_links("Figure", "ABOUT", "Actor"),
        [{"id": f.id, "links": [{"key": f.subject, "props": none}] if f.subject else []} for f in figures],
        counted=False,
    )


def _relation_batches(dataset: Dataset) -> Iterable[_Batch]:
    for name in sorted(vocabulary().relation_types):
        rels = sorted((r for r in dataset.relations if r.type == name), key=lambda r: r.key)
        rows = [{"id": r.key, "source": r.source, "target": r.target, "props": P.relation_props(r)} for r in rels]
        yield _Batch(Q.relation_rel_type(name), Q.merge_relations(name), rows)


def plan_batches(dataset: Dataset) -> list[_Batch]:
    """Every write of a load, in order: nodes, their links, then relations."""
    return [*_node_batches(dataset), *_link_batches(dataset), *_relation_batches(dataset)]


def _session(driver: Any, settings: ConnectionSettings) -> Any:
    return driver.session(database=settings.database) if settings.database else driver.session()


def _read(session: Any, query: str, **params: Any) -> list[dict[str, Any]]:
    return session.execute_read(lambda tx: [r.data() for r in tx.run(query, **params)])


def _write(session: Any, query: str, **params: Any) -> dict[str, Any]:
    def work(tx: Any) -> dict[str, Any]:
        record = tx.run(query, **params).single()
        return record.data() if record is not None else {}

    return session.execute_write(work)


def _relation_types() -> list[str]:
    return [Q.relation_rel_type(n) for n in sorted(vocabulary().relation_types)]


def _misplaced_relations(session: Any, dataset: Dataset, replace: bool) -> dict[str, list[str]]:
    """Element ids, by type, of relationships to delete: ids the dataset now puts on another type or other ends
    and, with ``replace``, every vocabulary-typed relationship between actors that the dataset does not hold."""
    wanted = {r.key: (Q.relation_rel_type(r.type), r.source, r.target) for r in dataset.relations}
    out: dict[str, list[str]] = {}
    for row in _read(session, Q.existing_relations(), types=_relation_types()):
        where = wanted.get(row["id"])
        if (where is None and replace) or (where is not None and where != (row["type"], row["source"], row["target"])):
            out.setdefault(row["type"], []).append(row["eid"])
    return out


def _stale_nodes(session: Any, dataset: Dataset) -> dict[str, list[tuple[str, str]]]:
    """(id, label to count it under) of govgraph-managed nodes the dataset or vocabulary no longer holds."""
    v = vocabulary()
    keep = {
        "Actor": set(dataset.actors),
        "Source": set(dataset.sources),
        "Figure": set(dataset.figures),
        "IssueArea": set(v.issue_areas),
        "Function": set(v.functions),
    }
    kinds = {label_for_kind(k) for k in v.kinds}
    out: dict[str, list[tuple[str, str]]] = {}
    for label, ids in keep.items():
        for row in _read(session, Q.existing_ids(label)):
            if row["id"] not in ids:
                shown = next((lab for lab in sorted(row["labels"]) if lab in kinds), label)
                out.setdefault(label, []).append((row["id"], shown))
    return out


def _remove(
    session: Any, summary: LoadSummary, dataset: Dataset, misplaced: dict[str, list[str]], batch_size: int
) -> None:
    """Delete stale relationships, then (with ``replace``) stale nodes with their remaining links."""
    for rtype, eids in sorted(misplaced.items()):
        for chunk in _chunks(eids, batch_size):
            gone = _write(session, Q.delete_relationships(), eids=chunk)["removed"]
            summary.counts.setdefault(rtype, Counts()).removed += gone
    if not summary.replace:
        return
    for label, stale in _stale_nodes(session, dataset).items():
        for chunk in _chunks(sorted(stale), batch_size):
            _write(session, Q.delete_nodes(label), ids=[i for i, _ in chunk])
            for _, shown in chunk:
                summary.counts.setdefault(shown, Counts()).removed += 1


def _run_batch(session: Any, batch: _Batch, batch_size: int, summary: LoadSummary, tick: Callable[[int], None]) -> None:
    counts = summary.counts.setdefault(batch.name, Counts()) if batch.counted else None
    for chunk in _chunks(batch.rows, batch_size):
        got = _write(session, batch.query, rows=chunk, **batch.params)
        if counts is None:
            continue
        if got.get("rows") != len(chunk):
            from govgraph.errors import DatabaseError

            raise DatabaseError(f"{batch.name}: wrote {got.get('rows')} of {len(chunk)} records (an end went missing?)")
        counts.created += got["created"]
        counts.updated += got["updated"]
        counts.unchanged += len(chunk) - got["created"] - got["updated"]
        tick(len(chunk))


def load(
    dataset: Dataset,
    settings: ConnectionSettings,
    *,
    replace: bool = False,
    batch_size: int = 500,
    progress: ProgressFn | None = None,
) -> LoadSummary:
    """Write ``dataset`` (already validated) into Neo4j; with ``replace``, remove what it no longer holds."""
    if batch_size < 1:
        from govgraph.errors import UsageError

        raise UsageError("the batch size must be at least 1")
    started = time.monotonic()
    summary = LoadSummary(uri=settings.uri, database=settings.database, replace=replace)
    batches = plan_batches(dataset)
    total = sum(len(b.rows) for b in batches if b.counted)
    done = 0

    def tick(n: int, what: str = "") -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total, what)

    with connect(settings) as driver, db_errors(settings, "loading"), _session(driver, settings) as session:
        tick(0, "constraints and indexes")
        for statement in neo4j_schema_statements():
            session.execute_write(lambda tx, s=statement: tx.run(s).consume())
        tick(0, "checking what is there")
        misplaced = _misplaced_relations(session, dataset, replace)
        for batch in batches:
            tick(0, batch.name)
            _run_batch(session, batch, batch_size, summary, lambda n, b=batch: tick(n, b.name))
        tick(0, "removing stale records" if replace else "tidying")
        _remove(session, summary, dataset, misplaced, batch_size)
    summary.seconds = time.monotonic() - started
    return summary
