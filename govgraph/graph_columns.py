"""Table rows straight into the graph: the node and edge attributes of :mod:`govgraph.graph` built from columns.

For a million ties, going through one pydantic object per row and ``model_dump`` would take longer than all the
checks; here each row becomes its attribute dict directly, with the same keys in the same order as
:func:`govgraph.graph.node_attrs` and :func:`govgraph.graph.edge_attrs` give for the same record (a test compares
them), so every analyser and exporter sees the same graph whether the data came from YAML or tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx

from govgraph.frames import holds
from govgraph.graph import LEAN_EDGE, LEAN_NODE, alive_in, edge_attrs, node_attrs
from govgraph.model import ACTOR_MODELS, Relation
from govgraph.tableio import LIST_COLUMNS
from govgraph.vocab import vocabulary

__all__ = ["add_bulk"]

_HQ = ("hq_country", "hq_city")


def _citations(cell: str) -> tuple[list[dict[str, str]], list[str]]:
    cites = []
    for item in cell.split(";"):
        key, _, at = item.partition("@")
        key, at = key.strip(), at.strip()
        if key:
            cites.append({"key": key, "at": at} if at else {"key": key})
    return cites, sorted({c["key"] for c in cites})


def _node(row: dict[str, Any], order: tuple[str, ...], keep: set[str] | None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in order:
        if name in ("id", "headquarters", "sources", "merge"):
            continue
        value = row.get(name)
        if name in LIST_COLUMNS:
            data[name] = [p.strip() for p in value.split(";") if p.strip()] if value else []
        elif value is not None:
            data[name] = int(value) if name == "cow_code" else value
    for column in _HQ:
        if row.get(column) is not None:
            data[column] = row[column]
    data["citations"], data["sources"] = _citations(row["sources"])
    for column in ("founded", "dissolved"):
        if row[f"{column}_y"] is not None:
            data[f"{column}_year"] = row[f"{column}_y"]
    return data if keep is None else {k: v for k, v in data.items() if k in keep}


_REL_FIELDS = tuple(n for n in Relation.model_fields if n not in ("id", "source", "target", "sources"))


def _edge(row: dict[str, Any], category: dict[str, str], keep: set[str] | None) -> dict[str, Any]:
    data: dict[str, Any] = {"id": row["id"]} if row["id"] is not None else {}
    for name in _REL_FIELDS:
        if row[name] is not None:
            data[name] = row[name]
    data["id"] = row["key"]
    data["category"] = category[row["type"]]
    data["citations"], data["sources"] = _citations(row["sources"])
    if row["start_y"] is not None:
        data["start_year"] = row["start_y"]
    if row["end_y"] is not None:
        data["end_year"] = row["end_y"]
    return data if keep is None else {k: v for k, v in data.items() if k in keep}


def add_bulk(g: nx.MultiDiGraph, dataset: Any, *, lean: bool = False, year: int | None = None) -> None:
    """Add the actors and relations of a :class:`~govgraph.bulk.BulkDataset` (YAML part and tables) to ``g``,
    nodes sorted by id and edges by key, as :func:`govgraph.graph.build_graph` does for records.

    With ``year``, only what held in that year, filtered in the columns before any dict is made, and in the
    order :func:`govgraph.graph.snapshot` of the whole graph would add it: the same snapshot at half the peak.
    """
    from govgraph.gcpause import no_cyclic_gc

    with no_cyclic_gc():  # millions of new dicts: the cyclic collector would rescan them again and again
        _add(g, dataset, lean, year)


def _add(g: nx.MultiDiGraph, dataset: Any, lean: bool, year: int | None) -> None:
    node_keep = set(LEAN_NODE) if lean else None
    edge_keep = set(LEAN_EDGE) if lean else None
    orders = {kind: tuple(model.model_fields) for kind, model in ACTOR_MODELS.items()}
    yaml_part = dataset.yaml_part
    nodes = [(k, node_attrs(a)) for k, a in yaml_part.actors.items()]
    actors = dataset.tables["actors"]
    if year is not None:
        nodes = [(k, d) for k, d in nodes if alive_in(d.get("founded_year"), d.get("dissolved_year"), year)]
        actors = actors.filter(holds("founded_y", "dissolved_y", year))
    if node_keep is not None:
        nodes = [(k, {n: v for n, v in d.items() if n in node_keep}) for k, d in nodes]
    nodes += [(row["id"], _node(row, orders[row["kind"]], node_keep)) for row in actors.iter_rows(named=True)]
    nodes.sort(key=lambda kv: kv[0])
    g.add_nodes_from(nodes)
    del nodes

    g.add_edges_from(_edges(dataset, set(g.nodes) if year is not None else None, edge_keep, year))
    if year is not None:
        g.graph["as_of"] = year


def _edges(dataset: Any, alive: set[str] | None, keep: set[str] | None, year: int | None) -> Iterator[tuple]:
    """(source, target, key, attributes) of every relation, tables and YAML interleaved, in the graph's order.

    The whole graph takes its edges in key order. A snapshot keeps those that held in ``year`` between ``alive``
    actors, in the order :func:`govgraph.graph.snapshot` walks the whole graph: by source, then by target in the
    order each pair first appeared (its lowest key over all years), then by key.
    """
    import heapq

    import polars as pl

    category = {name: r.category for name, r in vocabulary().relation_types.items()}
    yaml_edges = dataset.yaml_part.relations
    table = dataset.tables["relations"]
    wanted = ["id", "source", "target", "key", *_REL_FIELDS, "sources", "start_y", "end_y"]
    if year is None:
        table, rank = table.sort("key"), ["key"]
        yaml_order: Callable[[Relation], tuple] = lambda r: (r.key,)  # noqa: E731
    else:
        ends = ("source", "target", "key")
        ours = pl.DataFrame([[getattr(r, c) for r in yaml_edges] for c in ends], schema=dict.fromkeys(ends, pl.String))
        first = (
            pl.concat([table.select(ends), ours]).group_by("source", "target").agg(pl.col("key").min().alias("_first"))
        )
        mine = first.join(ours.select("source", "target"), on=["source", "target"], how="semi")  # the YAML ties' pairs
        firsts = dict(zip(zip(mine["source"], mine["target"], strict=True), mine["_first"], strict=True))
        names = pl.Series(sorted(alive or ()), dtype=pl.String).implode()
        table = (
            table.filter(
                pl.col("source").is_in(names) & pl.col("target").is_in(names) & holds("start_y", "end_y", year)
            )
            .join(first, on=["source", "target"], how="left")
            .sort("source", "_first", "key")
        )
        rank = ["source", "_first", "key"]
        yaml_edges = [r for r in yaml_edges if r.source in alive and r.target in alive and alive_in(*_years(r), year)]
        yaml_order = lambda r: (r.source, firsts[(r.source, r.target)], r.key)  # noqa: E731
    rows = table.select(*wanted, *(c for c in rank if c not in wanted)).iter_rows(named=True)
    ranked = ((tuple(r[c] for c in rank), r["source"], r["target"], r["key"], _edge(r, category, keep)) for r in rows)
    from_yaml = (
        (yaml_order(r), r.source, r.target, r.key, _keep_edge(edge_attrs(r), keep))
        for r in sorted(yaml_edges, key=yaml_order)
    )
    return (e[1:] for e in heapq.merge(ranked, from_yaml, key=lambda e: e[0]))


def _years(rel: Relation) -> tuple[int | None, int | None]:
    return (rel.start.year if rel.start else None, rel.end.year if rel.end else None)


def _keep_edge(data: dict[str, Any], keep: set[str] | None) -> dict[str, Any]:
    return data if keep is None else {k: v for k, v in data.items() if k in keep}
