"""Table rows straight into the graph: the node and edge attributes of :mod:`govgraph.graph` built from columns.

For a million ties, going through one pydantic object per row and ``model_dump`` would take longer than all the
checks; here each row becomes its attribute dict directly, with the same keys in the same order as
:func:`govgraph.graph.node_attrs` and :func:`govgraph.graph.edge_attrs` give for the same record (a test compares
them), so every analyser and exporter sees the same graph whether the data came from YAML or tables.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from govgraph.graph import LEAN_EDGE, LEAN_NODE, edge_attrs, node_attrs
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


def add_bulk(g: nx.MultiDiGraph, dataset: Any, *, lean: bool = False) -> None:
    """Add the actors and relations of a :class:`~govgraph.bulk.BulkDataset` (YAML part and tables) to ``g``,
    nodes sorted by id and edges by key, as :func:`govgraph.graph.build_graph` does for records."""
    import gc

    enabled = gc.isenabled()
    gc.disable()  # millions of new dicts: the cyclic collector would rescan them again and again, finding nothing
    try:
        _add(g, dataset, lean)
    finally:
        if enabled:
            gc.enable()


def _add(g: nx.MultiDiGraph, dataset: Any, lean: bool) -> None:
    node_keep = set(LEAN_NODE) if lean else None
    edge_keep = set(LEAN_EDGE) if lean else None
    orders = {kind: tuple(model.model_fields) for kind, model in ACTOR_MODELS.items()}
    yaml_part = dataset.yaml_part
    nodes = [(k, node_attrs(a)) for k, a in yaml_part.actors.items()]
    if node_keep is not None:
        nodes = [(k, {n: v for n, v in d.items() if n in node_keep}) for k, d in nodes]
    actors = dataset.tables["actors"]
    nodes += [(row["id"], _node(row, orders[row["kind"]], node_keep)) for row in actors.iter_rows(named=True)]
    nodes.sort(key=lambda kv: kv[0])
    g.add_nodes_from(nodes)
    del nodes

    category = {name: r.category for name, r in vocabulary().relation_types.items()}
    yaml_edges = sorted(yaml_part.relations, key=lambda r: r.key)
    table = dataset.tables["relations"].sort("key")
    wanted = ["id", "source", "target", "key", *_REL_FIELDS, "sources", "start_y", "end_y"]
    rows = table.select(wanted).iter_rows(named=True)
    edges = ((r["source"], r["target"], r["key"], _edge(r, category, edge_keep)) for r in rows)
    if yaml_edges:  # interleave the few YAML ties by key
        import heapq

        from_yaml = ((r.source, r.target, r.key, _keep_edge(edge_attrs(r), edge_keep)) for r in yaml_edges)
        edges = heapq.merge(edges, from_yaml, key=lambda e: e[2])
    g.add_edges_from(edges)


def _keep_edge(data: dict[str, Any], keep: set[str] | None) -> dict[str, Any]:
    return data if keep is None else {k: v for k, v in data.items() if k in keep}
