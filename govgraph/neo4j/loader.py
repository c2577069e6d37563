"""Load a validated Dataset into Neo4j: constraints first, then nodes, links and relations in batches.

Before anything is written, every value is checked for what Neo4j cannot store (:mod:`.preflight`: over-long
indexed text, integers beyond 64 bits), so valid-looking data never stops a load half-way. Every batch is one
managed write transaction (``execute_write``, which the driver retries on transient failures) of
``UNWIND $rows`` with ``MERGE`` on ids, so a retried batch, a second load or a re-run after a failure all leave
the same database. What the database holds none of yet (no actor, no node of a label, no relationship of a
type or link type: Neo4j's count store says so without a scan) is created without looking for an old one, its
rows sent as lists, which a first load of a million memberships needs: per row that leaves the two lookups of
the ends by the uniqueness constraints' indexes and the writes. Each batch counts what it created and what it
changed (properties that differ), which the :class:`LoadSummary` reports.

A load costs in proportion to the data loaded, not to what the database holds: explicit relation ids moved to
other ends are found through the relationship indexes, and ``replace=True`` removes what the dataset no longer
holds by looking from the dataset's own actors (relationships of vocabulary types out of them that the data
does not name) and by id (actors, sources, figures and vocabulary terms it does not hold, with their
relationships). Nodes with other labels (a Browser user's own notes) are never touched.

The terms the data added to the vocabulary (:mod:`govgraph.user_terms`) are written as ``:Term`` nodes (see
:func:`govgraph.neo4j.properties.user_term_rows`), so that the database read back validates as the data did;
user issue areas and functions are ``:IssueArea`` and ``:Function`` nodes like the shipped ones.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from govgraph.errors import DatabaseError, DataError, GovgraphError
from govgraph.gcpause import no_cyclic_gc
from govgraph.model import Dataset, Relation
from govgraph.neo4j import properties as P
from govgraph.neo4j import queries as Q
from govgraph.neo4j.connection import ConnectionSettings, connect, db_errors, driver_log
from govgraph.neo4j.preflight import unwritable
from govgraph.schema_gen import neo4j_schema_statements
from govgraph.tables import Table
from govgraph.vocab import label_for_kind, using, vocabulary

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
    #: transactions the driver retried after a transient failure (each then succeeded)
    retried: int = 0

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
        retried = f"; {self.retried} transactions retried after transient failures" if self.retried else ""
        return (
            f"{self.records} records into {self.uri}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.removed} removed in {self.seconds:.1f} s ({self.rate:.0f} records/s)"
            f"{retried}"
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
    """One write: a query over ``rows`` (plus fixed params), counted under ``name`` when ``counted``.

    ``record`` names what the rows' ids are ids of (``actor``, ``relation`` ...: keys of ``Dataset.origins``);
    ``actors`` marks rows written as ``:Actor`` nodes (``kind``: of which kind); ``relation`` is the relation
    type of a relation batch; ``link`` the (from label, type, to label) of a batch of derived links.
    """

    name: str
    query: str
    rows: list[dict[str, Any]]
    params: dict[str, Any] = field(default_factory=dict)
    counted: bool = True
    record: str = ""
    actors: bool = False
    relation: str | None = None
    kind: str | None = None
    link: tuple[str, str, str] | None = None


_T = TypeVar("_T")


def _chunks(rows: list[_T], size: int) -> Iterator[list[_T]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _node_batches(dataset: Dataset) -> Iterable[_Batch]:
    v = vocabulary()
    sources = [{"id": s.id, "props": P.source_props(s)} for s in dataset.sources.values()]
    yield _Batch("Source", Q.merge_nodes("Source"), sources, record="source")
    for label, terms in (("IssueArea", v.issue_areas), ("Function", v.functions)):
        yield _Batch(
            label,
            Q.merge_nodes(label),
            [{"id": t, "props": {"id": t, "definition": d}} for t, d in terms.items()],
            record="term",
        )
    if v.user:  # the terms the data added, so that reading the database back knows them
        yield _Batch("Term", Q.merge_nodes("Term"), P.user_term_rows(v), record="term")
    for kind in v.kinds:
        actors = [a for _, a in sorted(dataset.actors.items()) if a.kind == kind]
        others = [label_for_kind(k) for k in v.kinds if k != kind]
        yield _Batch(
            label_for_kind(kind),
            Q.merge_actors(kind),
            [{"id": a.id, "props": P.actor_props(a)} for a in actors],
            {"other_labels": others},
            record="actor",
            actors=True,
            kind=kind,
        )
    figures = [{"id": f.id, "props": P.figure_props(f)} for f in dataset.figures.values()]
    yield _Batch("Figure", Q.merge_nodes("Figure"), figures, record="figure")


def _link_batches(dataset: Dataset) -> Iterable[_Batch]:
    actors = [a for _, a in sorted(dataset.actors.items())]
    none: dict[str, Any] = {}
    for rel_type, attr in (("IN_ISSUE_AREA", "issue_areas"), ("HAS_FUNCTION", "functions")):
        rows = [
            {"id": a.id, "links": [{"key": t, "props": none} for t in dict.fromkeys(getattr(a, attr))]} for a in actors
        ]
        yield _link_batch(("Actor", rel_type, Q.LINK_TYPES[rel_type][1]), rows, "actor")
    yield _link_batch(
        ("Actor", "SOURCED_FROM", "Source"), [{"id": a.id, "links": P.citation_links(a)} for a in actors], "actor"
    )
    figures = list(dataset.figures.values())
    yield _link_batch(
        ("Figure", "SOURCED_FROM", "Source"), [{"id": f.id, "links": P.citation_links(f)} for f in figures], "figure"
    )
    yield _link_batch(
        ("Figure", "ABOUT", "Actor"),
        [{"id": f.id, "links": [{"key": f.subject, "props": none}] if f.subject else []} for f in figures],
        "figure",
    )


def _link_batch(link: tuple[str, str, str], rows: list[dict[str, Any]], record: str) -> _Batch:
    return _Batch(link[1], Q.sync_links(*link), rows, counted=False, record=record, link=link)


def _relation_batches(dataset: Dataset) -> Iterable[_Batch]:
    by_type: dict[str, list[tuple[str, Relation]]] = {name: [] for name in vocabulary().relation_types}
    for r in dataset.relations:
        by_type[r.type].append((P.relation_key(r), r))
    for name in sorted(by_type):
        rels = sorted(by_type[name], key=lambda kr: kr[0])
        rows = [{"id": k, "source": r.source, "target": r.target, "props": P.relation_props(r, k)} for k, r in rels]
        yield _Batch(Q.relation_rel_type(name), Q.merge_relations(name), rows, record="relation", relation=name)


def plan_batches(dataset: Dataset) -> list[_Batch]:
    """Every write of a load, in order: nodes, their links, then relations (of the dataset's vocabulary)."""
    with using(dataset.vocab or vocabulary()):
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


@dataclass(frozen=True)
class _Held:
    """What the database held when the load began: vocabulary relationship types, derived link types and
    govgraph labels of which it holds at least one. What it held none of is created without looking for an
    old one (the load writes each id once, and a retried transaction was rolled back first)."""

    types: frozenset[str]
    links: frozenset[str]
    labels: frozenset[str]


def _held(session: Any) -> _Held:
    """What the database holds any of (Neo4j's count store: no scan)."""
    kinds = [label_for_kind(k) for k in vocabulary().kinds]

    def work(tx: Any) -> _Held:  # one transaction: a round trip per count, not a commit per count
        def some(query: str) -> bool:
            return bool(tx.run(query).single()["n"])

        labels = {lab for lab in ["Actor", *kinds, *Q.AUX_NODE_LABELS] if some(Q.count_nodes(lab))}
        if labels & set(kinds):  # an actor is only created where no node of any actor label exists
            labels.add("Actor")
        return _Held(
            types=frozenset(t for t in _relation_types() if some(Q.count_type(t))),
            links=frozenset(t for t in Q.LINK_TYPES if some(Q.count_type(t))),
            labels=frozenset(labels),
        )

    return session.execute_read(work)


def _remove_moved(session: Any, summary: LoadSummary, dataset: Dataset, held: set[str], batch_size: int) -> None:
    """Delete relationships carrying an explicit id of the data on another type or other ends (the data moved
    it). Derived ids name their type and ends, so only explicit ids can move; each is found by index."""
    rows = [
        {"id": r.id, "type": Q.relation_rel_type(r.type), "source": r.source, "target": r.target}
        for r in sorted(dataset.relations, key=lambda r: r.key)
        if r.id
    ]
    for rtype in sorted(held):
        for chunk in _chunks(rows, batch_size):
            gone = _write(session, Q.delete_moved_relations(rtype), rows=chunk)["removed"]
            if gone:
                summary.counts.setdefault(rtype, Counts()).removed += gone


def _remove_unlisted(
    session: Any, summary: LoadSummary, dataset: Dataset, stale_actors: list[str], batch_size: int
) -> None:
    """``--replace``: delete vocabulary-typed relationships out of the data's actors that the data does not
    hold, and all of them out of ``stale_actors`` (about to go), so that each is counted under its type."""
    keep: dict[str, list[str]] = {a: [] for a in [*dataset.actors, *stale_actors]}
    for r in dataset.relations:
        keep[r.source].append(f"{Q.relation_rel_type(r.type)}|{r.target}|{r.key}")
    rows = [{"id": a, "keep": k} for a, k in sorted(keep.items())]
    types = _relation_types()
    for chunk in _chunks(rows, batch_size):
        for row in session.execute_write(
            lambda tx, c=chunk: [r.data() for r in tx.run(Q.delete_unlisted_relations(), rows=c, types=types)]
        ):
            summary.counts.setdefault(row["type"], Counts()).removed += row["removed"]


def _stale_nodes(session: Any, dataset: Dataset) -> dict[str, list[tuple[str, str]]]:
    """(id, label to count it under) of govgraph-managed nodes the dataset or vocabulary no longer holds."""
    v = vocabulary()
    keep = {
        "Actor": set(dataset.actors),
        "Source": set(dataset.sources),
        "Figure": set(dataset.figures),
        "IssueArea": set(v.issue_areas),
        "Function": set(v.functions),
        "Term": {row["id"] for row in P.user_term_rows(v)},
    }
    kinds = {label_for_kind(k) for k in v.kinds}
    out: dict[str, list[tuple[str, str]]] = {}
    for label, ids in keep.items():
        for row in _read(session, Q.existing_ids(label)):
            if row["id"] not in ids:
                shown = next((lab for lab in sorted(row["labels"]) if lab in kinds), label)
                out.setdefault(label, []).append((row["id"], shown))
    return out


def _remove_stale_nodes(
    session: Any, summary: LoadSummary, stale_nodes: dict[str, list[tuple[str, str]]], batch_size: int
) -> None:
    """``--replace``: delete govgraph-managed nodes the data no longer holds, with their relationships."""
    for label, stale in stale_nodes.items():
        for chunk in _chunks(sorted(stale), batch_size):
            _write(session, Q.delete_nodes(label), ids=[i for i, _ in chunk])
            for _, shown in chunk:
                summary.counts.setdefault(shown, Counts()).removed += 1


def _creating(batch: _Batch, held: _Held) -> tuple[str, Callable[[list[dict[str, Any]]], list[Any]]] | None:
    """The query and row shape that create ``batch``'s records where the database holds none of their kind
    yet (no lookup of an old record per row), else None (the batch merges)."""
    if batch.relation is not None and batch.name not in held.types:
        columns = sorted({k for row in batch.rows for k in row["props"]})
        return Q.create_relations(batch.relation, columns), lambda rows: [
            [r["source"], r["target"], *map(r["props"].get, columns)] for r in rows
        ]
    if batch.link is not None and batch.name not in held.links:
        return Q.create_links(*batch.link), lambda rows: [
            [r["id"], link["key"], link["props"]] for r in rows for link in r["links"]
        ]
    if batch.kind is not None and "Actor" not in held.labels:
        return Q.create_actors(batch.kind), list
    if batch.relation is None and batch.link is None and not batch.actors and batch.name not in held.labels:
        return Q.create_nodes(batch.name), list
    return None


def _run_batch(
    session: Any, batch: _Batch, batch_size: int, summary: LoadSummary, tick: Callable[[int], None], held: _Held
) -> None:
    counts = summary.counts.setdefault(batch.name, Counts()) if batch.counted else None
    query, shape = batch.query, list
    creating = _creating(batch, held)
    if creating is not None:
        query, shape = creating
    for chunk in _chunks(batch.rows, batch_size):
        got = _write(session, query, rows=shape(chunk), **(batch.params if creating is None else {}))
        if counts is None:
            continue
        if got.get("rows") != len(chunk):
            raise DatabaseError(f"{batch.name}: wrote {got.get('rows')} of {len(chunk)} records (an end went missing?)")
        counts.created += got["created"]
        counts.updated += got["updated"]
        counts.unchanged += len(chunk) - got["created"] - got["updated"]
        tick(len(chunk))


#: records per transaction: large enough that Bolt round trips and commits are a small part of the time
DEFAULT_BATCH_SIZE = 10_000


def load(
    dataset: Dataset,
    settings: ConnectionSettings,
    *,
    replace: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: ProgressFn | None = None,
) -> LoadSummary:
    """Write ``dataset`` (already validated) into Neo4j; with ``replace``, remove what it no longer holds.

    Raises DataError, before connecting, when a value cannot be stored (see :mod:`govgraph.neo4j.preflight`).
    When the server fails after the first write, the error says that the database holds part of the load and
    that loading the same data again completes it.
    """
    if batch_size < 1:
        from govgraph.errors import UsageError

        raise UsageError("the batch size must be at least 1")
    with using(dataset.vocab or vocabulary()):
        return _load(dataset, settings, replace, batch_size, progress)


def _load(
    dataset: Dataset, settings: ConnectionSettings, replace: bool, batch_size: int, progress: ProgressFn | None
) -> LoadSummary:
    started = time.monotonic()
    summary = LoadSummary(uri=settings.uri, database=settings.database, replace=replace)
    with no_cyclic_gc():  # a million new rows hold no cycles: the collector's passes would cost most of the time
        batches = plan_batches(dataset)
        problems = unwritable(batches, dataset.origins)
    if problems:
        raise DataError(problems)
    total = sum(len(b.rows) for b in batches if b.counted)
    done = 0

    def tick(n: int, what: str = "") -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total, what)

    with driver_log() as log, connect(settings) as driver, _session(driver, settings) as session:
        with db_errors(settings, "preparing the load"):
            tick(0, "constraints and indexes")
            for statement in neo4j_schema_statements():
                session.execute_write(lambda tx, s=statement: tx.run(s).consume())
            tick(0, "checking what is there")
            held = _held(session)
        try:
            with db_errors(settings, "loading"), no_cyclic_gc():
                for batch in batches:
                    tick(0, batch.name)
                    _run_batch(session, batch, batch_size, summary, lambda n, b=batch: tick(n, b.name), held)
                tick(0, "removing stale records" if replace else "tidying")
                _remove_moved(session, summary, dataset, set(held.types), batch_size)
                if replace:
                    stale = _stale_nodes(session, dataset)
                    _remove_unlisted(session, summary, dataset, [i for i, _ in stale.get("Actor", [])], batch_size)
                    _remove_stale_nodes(session, summary, stale, batch_size)
        except GovgraphError as exc:
            exc.args = (
                f"{exc}\nThe database now holds part of this load ({done} of {total} records written); "
                "loading the same data again completes it.",
            )
            raise
        summary.retried = log.retried
    summary.seconds = time.monotonic() - started
    return summary
