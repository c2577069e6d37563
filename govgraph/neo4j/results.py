"""Write analysis results back into Neo4j so Browser users can see them: centrality scores and regime complexes.

The results are computed on the graph read from the database itself (``read_dataset`` -> ``build_graph``), in
one year (``as_of``; default the latest year the data records), exactly as the reports compute them:

* centrality (``govgraph centrality``: degree, betweenness, closeness, eigenvector, PageRank on the ``links``
  projection) becomes the properties ``centrality_links_<measure>`` of every ``:Actor`` node in the projection,
  with ``centrality_as_of`` (the year). An actor outside the projection (a state, a firm, a body not alive that
  year) loses every ``centrality_*`` property, so a re-run never leaves a stale score behind;
* regime complexes (``govgraph regimes``) become ``:RegimeComplex`` nodes, tied to their institutions by
  ``(:Actor)-[:IN_COMPLEX {unit, betweenness}]->`` and to their issue area by ``-[:IN_ISSUE_AREA]->(:IssueArea)``.
  Complexes of an earlier run that this run does not find are deleted.

Everything is written in one managed write transaction, so the database holds the results of one whole run.
Only what differs is written: a second run on the same data writes nothing and reports every record unchanged.
Only ``centrality_*`` properties, ``:RegimeComplex`` nodes and their ties are touched; the reader ignores them,
so analysing the database gives the same answers with or without results. ``govgraph load`` rewrites each actor
node from the data (clearing its scores) and keeps the ``:RegimeComplex`` nodes: run this again after a load.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from govgraph.analysis.centrality import MEASURES, CentralityResult, centrality
from govgraph.analysis.projections import graph_as_of
from govgraph.analysis.regimes import RegimeResult, regime_complexes
from govgraph.errors import DatabaseError, UsageError
from govgraph.neo4j import result_queries as RQ
from govgraph.neo4j.connection import ConnectionSettings, connect, db_errors
from govgraph.neo4j.properties import RESULT_PREFIX
from govgraph.tables import Table

__all__ = [
    "AS_OF_PROPERTY",
    "PROJECTION",
    "ResultSummary",
    "Tally",
    "complex_ids",
    "complex_records",
    "score_properties",
    "score_property",
    "write_results",
]

#: The projection the scores are computed on (see :mod:`govgraph.analysis.centrality`).
PROJECTION = "links"
#: The property that says which year an actor's scores describe.
AS_OF_PROPERTY = f"{RESULT_PREFIX}as_of"


def score_property(measure: str, projection: str = PROJECTION) -> str:
    """The actor property holding one measure: ``centrality_links_pagerank``."""
    return f"{RESULT_PREFIX}{projection}_{measure}"


def score_properties(result: CentralityResult) -> dict[str, dict[str, Any]]:
    """Actor id -> its result properties: one per measure, and the year (left out when undated)."""
    out: dict[str, dict[str, Any]] = {}
    for row in result.rows:
        props = {score_property(m, result.projection): v for m, v in row["scores"].items()}
        if result.as_of is not None:
            props[AS_OF_PROPERTY] = result.as_of
        out[row["id"]] = props
    return out


def complex_ids(result: RegimeResult) -> dict[int, str]:
    """Complex number -> node id: ``regime-<issue area>-<year>``, then ``-2``, ``-3`` ... for the further complexes
    of one issue area (in the analyser's order: larger first). The id does not depend on other issue areas."""
    seen: Counter[str] = Counter()
    out: dict[int, str] = {}
    for c in sorted(result.complexes, key=lambda c: c.number):
        seen[c.issue_area] += 1
        base = f"regime-{c.issue_area}" + (f"-{result.as_of}" if result.as_of is not None else "")
        out[c.number] = base if seen[c.issue_area] == 1 else f"{base}-{seen[c.issue_area]}"
    return out


def complex_records(result: RegimeResult) -> list[dict[str, Any]]:
    """One record per complex: ``id``, node ``props``, ``members`` ([{key, props}] by id) and ``issue_area``."""
    ids = complex_ids(result)
    out = []
    for c in result.complexes:
        props: dict[str, Any] = {
            "id": ids[c.number],
            "number": c.number,
            "issue_area": c.issue_area,
            "as_of": result.as_of,
            "size": c.size,
            "n_units": len(c.units),
            "units": sorted(c.units),
            "institutions": list(c.institutions),
            "density": c.density,
            "institution_density": c.institution_density,
            "hierarchy": c.hierarchy_score,
            "mean_membership_overlap": c.mean_membership_overlap,
            "mean_function_overlap": c.mean_function_overlap,
            "bridging": list(c.bridging),
        }
        unit_of = {inst: unit for unit, insts in c.units.items() for inst in insts}
        members = [
            {"key": inst, "props": {"unit": unit_of[inst], "betweenness": c.betweenness[inst]}}
            for inst in sorted(c.institutions)
        ]
        out.append(
            {
                "id": ids[c.number],
                "props": {k: v for k, v in props.items() if v is not None},
                "members": members,
                "issue_area": c.issue_area,
            }
        )
    return out


@dataclass
class Tally:
    """What a run did to one kind of result: records ``written`` (this run's), of which ``created`` (new),
    ``updated`` (different before) and ``unchanged``; ``removed``: stale ones taken away."""

    written: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def count(self, old: Any, new: Any) -> bool:
        """Count one record (``old`` None or empty when new); True when it must be written."""
        self.written += 1
        if old == new:
            self.unchanged += 1
            return False
        if old:
            self.updated += 1
        else:
            self.created += 1
        return True


@dataclass
class ResultSummary:
    """What ``write_results`` wrote: scores on actors, regime complexes, and the stale ones it removed."""

    uri: str
    database: str | None
    as_of: int | None
    projection: str
    measures: list[str]
    scores: Tally = field(default_factory=Tally)
    complexes: Tally = field(default_factory=Tally)
    in_complex: int = 0
    complex_list: list[dict[str, Any]] = field(default_factory=list)

    @property
    def properties(self) -> list[str]:
        """The actor properties written."""
        return [*(score_property(m, self.projection) for m in self.measures), AS_OF_PROPERTY]

    def line(self) -> str:
        """One line for a terminal."""
        year = f"as of {self.as_of}" if self.as_of is not None else "undated"
        changed = sum(t.created + t.updated for t in (self.scores, self.complexes))
        removed = self.scores.removed + self.complexes.removed
        return (
            f"{self.scores.written} actors scored and {self.complexes.written} regime complexes ({year}) in "
            f"{self.uri}: {changed} created or updated, {removed} stale removed"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "uri": self.uri,
            "database": self.database,
            "as_of": self.as_of,
            "projection": self.projection,
            "measures": self.measures,
            "properties": self.properties,
            "actors": asdict(self.scores),
            "regime_complexes": asdict(self.complexes),
            "in_complex": self.in_complex,
            "complexes": self.complex_list,
        }

    def tables(self) -> list[Table]:
        year = f" (as of {self.as_of})" if self.as_of is not None else ""
        columns = ["result", "written", "created", "updated", "unchanged", "removed"]

        def row(name: str, t: Tally) -> list[Any]:
            return [name, t.written, t.created, t.updated, t.unchanged, t.removed]

        summary = Table(
            "write_results",
            f"Results written to {self.uri}{year}",
            columns,
            [row("centrality scores (:Actor)", self.scores), row(":RegimeComplex", self.complexes)],
            caption=f"actor properties {', '.join(self.properties)}; {self.in_complex} IN_COMPLEX ties",
            notes=[
                "scores: one row per actor of the links projection; removed: actors whose stale scores were cleared;",
                ":RegimeComplex removed: complexes of an earlier run that this run no longer finds.",
            ],
        )
        nodes = Table(
            "regime_complex_nodes",
            ":RegimeComplex nodes",
            ["id", "#", "issue area", "institutions", "units", "bridging"],
            [
                [c["id"], c["number"], c["issue_area"], c["size"], c["n_units"], c["bridging"]]
                for c in self.complex_list
            ],
        )
        return [summary, nodes]


# ------------------------------------------------------------------------------------------------ writing


def _chunks(rows: list[Any], size: int) -> list[list[Any]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _plan_scores(wanted: dict[str, dict[str, Any]], existing: dict[str, dict[str, Any]], tally: Tally) -> list[dict]:
    """Rows ({id, props}) that make each actor's ``centrality_*`` properties exactly ``wanted`` (none if absent)."""
    rows = []
    for aid in sorted(wanted):
        old = {k: v for k, v in existing.get(aid, {}).items() if k.startswith(RESULT_PREFIX)}
        new = wanted[aid]
        if tally.count(old, new):
            rows.append({"id": aid, "props": {**dict.fromkeys(old), **new}})  # null removes what is not rewritten
    for aid in sorted(set(existing) - set(wanted)):
        old = [k for k in existing[aid] if k.startswith(RESULT_PREFIX)]
        tally.removed += 1
        rows.append({"id": aid, "props": dict.fromkeys(old)})
    return rows


def _plan_complexes(records: list[dict[str, Any]], existing: list[dict[str, Any]], tally: Tally) -> list[dict]:
    """The complex records that differ from what the database holds (node, institutions or issue area)."""
    have = {
        r["id"]: (r["props"], sorted(r["members"], key=lambda m: m["key"]), sorted(r["issue_areas"])) for r in existing
    }
    changed = [
        rec for rec in records if tally.count(have.get(rec["id"]), (rec["props"], rec["members"], [rec["issue_area"]]))
    ]
    tally.removed = len(set(have) - {rec["id"] for rec in records})
    return changed


def _write_all(
    tx: Any, scores: dict[str, dict[str, Any]], records: list[dict[str, Any]], batch_size: int
) -> tuple[Tally, Tally]:
    """Every write of a run, in one transaction: check the actors, scores, complexes, stale complexes."""
    needed = sorted(set(scores) | {m["key"] for rec in records for m in rec["members"]})
    found = set(tx.run(RQ.found_actors(), ids=needed).single()["found"])
    missing = [a for a in needed if a not in found]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise UsageError(f"{len(missing)} actors of the graph are not in the database ({shown}): load the data first")
    score_tally, complex_tally = Tally(), Tally()
    existing = {r["id"]: dict(r["props"]) for r in tx.run(RQ.read_scored_actors(), prefix=RESULT_PREFIX)}
    for chunk in _chunks(_plan_scores(scores, existing, score_tally), batch_size):
        tx.run(RQ.set_actor_properties(), rows=chunk).consume()
    old_complexes = [r.data() for r in tx.run(RQ.read_complexes())]
    changed = _plan_complexes(records, old_complexes, complex_tally)
    for chunk in _chunks(changed, batch_size):
        tx.run(RQ.delete_complex_links(), ids=[rec["id"] for rec in chunk]).consume()
        tx.run(RQ.merge_complexes(), rows=[{"id": r["id"], "props": r["props"]} for r in chunk]).consume()
        tx.run(RQ.link_complex_members(), rows=chunk).consume()
        linked = tx.run(RQ.link_complex_issue_areas(), rows=chunk).single()["links"]
        if linked != len(chunk):
            raise DatabaseError("an :IssueArea node of the vocabulary is missing: load the data with `govgraph load`")
    tx.run(RQ.delete_stale_complexes(), keep=[rec["id"] for rec in records]).consume()
    return score_tally, complex_tally


def write_results(
    g: nx.MultiDiGraph | None,
    settings: ConnectionSettings,
    *,
    as_of: int | None = None,
    thresholds: Mapping[str, Any] | None = None,
    batch_size: int = 500,
) -> ResultSummary:
    """Compute centrality and regime complexes of ``as_of`` (default: the latest year) and write them into Neo4j.

    ``g`` is the full graph to analyse; None (what the CLI passes) reads it from the database, so the results
    describe what is there. ``thresholds`` are those of :func:`govgraph.analysis.regimes.regime_complexes`.
    Raises UsageError when an actor of ``g`` is not in the database (nothing is written then).
    """
    if batch_size < 1:
        raise UsageError("the batch size must be at least 1")
    if g is None:
        from govgraph.graph import build_graph
        from govgraph.neo4j.reader import read_dataset

        g = build_graph(read_dataset(settings))
    year_graph = graph_as_of(g, as_of, "latest")
    scored = centrality(year_graph, list(MEASURES), projection=PROJECTION)
    found = regime_complexes(year_graph, **dict(thresholds or {}))
    scores, records = score_properties(scored), complex_records(found)
    with connect(settings) as driver, db_errors(settings, "writing results"):
        session = driver.session(database=settings.database) if settings.database else driver.session()
        with session:
            session.execute_write(lambda tx: tx.run(RQ.complex_constraint()).consume())
            score_tally, complex_tally = session.execute_write(_write_all, scores, records, batch_size)
    return ResultSummary(
        uri=settings.uri,
        database=settings.database,
        as_of=year_graph.graph.get("as_of"),
        projection=PROJECTION,
        measures=list(MEASURES),
        scores=score_tally,
        complexes=complex_tally,
        in_complex=sum(len(rec["members"]) for rec in records),
        complex_list=[
            {k: rec["props"][k] for k in ("id", "number", "issue_area", "size", "n_units", "institutions", "bridging")}
            for rec in records
        ],
    )
