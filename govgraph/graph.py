"""Dataset -> networkx MultiDiGraph, and snapshots of what held in a given year.

Nodes are actor ids; each node and edge carries all of its record's fields, sources included, so analysers,
exporters and the Neo4j loader read one structure. Nodes and edges are added in sorted order so that every
algorithm sees the same graph on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import networkx as nx

from govgraph.dates import FuzzyDate
from govgraph.model import Dataset, Relation
from govgraph.vocab import using, vocabulary

__all__ = ["alive_in", "build_graph", "edge_attrs", "holds_in", "node_attrs", "of_types", "snapshot", "with_relations"]


def _year(value: FuzzyDate | None) -> int | None:
    return value.year if value is not None else None


def alive_in(founded: int | None, dissolved: int | None, year: int) -> bool:
    """True when something founded and dissolved in these years existed during ``year`` (ends inclusive).

    >>> alive_in(1931, 2018, 2018), alive_in(1931, 2018, 2019), alive_in(None, None, 1500)
    (True, False, True)
    """
    return (founded is None or founded <= year) and (dissolved is None or dissolved >= year)


def holds_in(start: int | None, end: int | None, year: int) -> bool:
    """True when a tie with these start and end years held during ``year`` (ends inclusive)."""
    return alive_in(start, end, year)


def node_attrs(actor: Any) -> dict[str, Any]:
    """The node attributes of one actor: every field, dates as text plus integer years."""
    data = actor.model_dump(mode="json", exclude_none=True)
    hq = data.pop("headquarters", None)
    if hq:
        data["hq_country"] = hq["country"]
        if hq.get("city"):
            data["hq_city"] = hq["city"]
    data["citations"] = data.pop("sources")
    data["sources"] = sorted({c["key"] for c in data["citations"]})
    if actor.founded:
        data["founded_year"] = actor.founded.year
    if actor.dissolved:
        data["dissolved_year"] = actor.dissolved.year
    data.pop("id")
    return data


def edge_attrs(rel: Relation) -> dict[str, Any]:
    """The edge attributes of one relation, with its category from the vocabulary."""
    data = rel.model_dump(mode="json", exclude_none=True)
    data["id"] = rel.key
    data["category"] = vocabulary().relation_types[rel.type].category
    data["citations"] = data.pop("sources")
    data["sources"] = sorted({c["key"] for c in data["citations"]})
    if rel.start:
        data["start_year"] = rel.start.year
    if rel.end:
        data["end_year"] = rel.end.year
    data.pop("source")
    data.pop("target")
    return data


#: What the analysers read of a node and an edge; ``lean=True`` keeps only these (names, sources and notes are
#: looked up in the dataset when a result is rendered).
LEAN_NODE = (
    "kind", "name", "founded_year", "dissolved_year", "org_type", "issue_areas", "functions", "member_types",
    "hq_country",
)  # fmt: skip
LEAN_EDGE = ("id", "type", "category", "status", "start", "end", "start_year", "end_year")


def build_graph(dataset: Dataset, as_of: int | None = None, *, lean: bool = False) -> nx.MultiDiGraph:
    """The whole dataset as a MultiDiGraph (edge keys are relation ids); ``as_of`` gives a snapshot.

    Nodes and edges carry every field of their record (see :func:`node_attrs`, :func:`edge_attrs`); with ``lean``
    only :data:`LEAN_NODE` and :data:`LEAN_EDGE`, about half the memory at a million ties. Table records of a
    :class:`~govgraph.bulk.BulkDataset` go from their columns to the graph without becoming pydantic objects, with
    the same attributes in the same order. Relation categories come from the dataset's vocabulary (its own terms
    included).
    """
    with using(dataset.vocab or vocabulary()):
        return _build(dataset, as_of, lean)


def _build(dataset: Dataset, as_of: int | None, lean: bool) -> nx.MultiDiGraph:
    from govgraph.bulk import BulkDataset

    g = nx.MultiDiGraph()
    g.graph["bibliography"] = {k: s.model_dump(mode="json", exclude_none=True) for k, s in dataset.sources.items()}
    g.graph["figures"] = {k: f.model_dump(mode="json", exclude_none=True) for k, f in dataset.figures.items()}
    if isinstance(dataset, BulkDataset) and "relations" not in dataset.__dict__:
        from govgraph.graph_columns import add_bulk

        add_bulk(g, dataset, lean=lean, year=as_of)
        return g
    else:
        node_keep = set(LEAN_NODE) if lean else None
        edge_keep = set(LEAN_EDGE) if lean else None
        for actor_id in sorted(dataset.actors):
            g.add_node(actor_id, **_keep(node_attrs(dataset.actors[actor_id]), node_keep))
        for rel in sorted(dataset.relations, key=lambda r: r.key):
            g.add_edge(rel.source, rel.target, key=rel.key, **_keep(edge_attrs(rel), edge_keep))
    return snapshot(g, as_of) if as_of is not None else g


def with_relations(dataset: Any, keep: Callable[[Any, Any], Any]) -> Any:
    """The dataset with only the relations ``keep(type, end_reason)`` accepts: every actor, source and figure, and
    far fewer ties to build a graph of when an analysis reads only some types (a million memberships are most of a
    graph's cost). ``keep`` must work on polars columns (a table-backed dataset is filtered as columns) and on values.
    """
    import polars as pl

    from govgraph.bulk import BulkDataset

    if isinstance(dataset, BulkDataset) and "relations" not in dataset.__dict__:
        y = dataset.yaml_part
        tables = dict(dataset.tables)
        tables["relations"] = tables["relations"].filter(keep(pl.col("type"), pl.col("end_reason")).fill_null(False))
        relations = [r for r in y.relations if keep(r.type, r.end_reason)]
        return BulkDataset.of(y.model_copy(update={"relations": relations}), tables)
    relations = [r for r in dataset.relations if keep(r.type, r.end_reason)]
    return dataset.model_copy(update={"relations": relations})


def of_types(types: Collection[str]) -> Callable[[Any, Any], Any]:
    """A ``keep`` for :func:`with_relations`: the relations of ``types``."""
    chosen, listed = set(types), sorted(types)

    def keep(kind: Any, _end_reason: Any) -> Any:
        return kind in chosen if isinstance(kind, str) else kind.is_in(listed)

    return keep


def _keep(data: dict[str, Any], keep: set[str] | None) -> dict[str, Any]:
    return data if keep is None else {k: v for k, v in data.items() if k in keep}


def snapshot(g: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """What held in ``year``: actors that existed and ties that held, between actors that existed."""
    h = nx.MultiDiGraph()
    h.graph.update(g.graph)
    h.graph["as_of"] = year
    h.add_nodes_from(
        (n, d) for n, d in g.nodes(data=True) if alive_in(d.get("founded_year"), d.get("dissolved_year"), year)
    )
    h.add_edges_from(
        (u, v, k, d)
        for u, v, k, d in g.edges(keys=True, data=True)
        if u in h and v in h and holds_in(d.get("start_year"), d.get("end_year"), year)
    )
    return h
