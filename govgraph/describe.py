"""Descriptive reports of a graph: counts (``stats``) and one actor with its ties (``show``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from govgraph.errors import UsageError
from govgraph.tables import Table
from govgraph.vocab import vocabulary

__all__ = ["ActorView", "Stats", "resolve_actor", "show", "stats", "stats_of"]


@dataclass
class Stats:
    """Counts of actors by kind and of relations by type."""

    kinds: dict[str, int]
    relation_types: dict[str, int]
    sources: int
    figures: int
    as_of: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "actors": sum(self.kinds.values()),
            "relations": sum(self.relation_types.values()),
            "by_kind": self.kinds,
            "by_relation_type": self.relation_types,
            "sources": self.sources,
            "figures": self.figures,
        }

    def tables(self) -> list[Table]:
        when = f" in {self.as_of}" if self.as_of else ""
        return [
            Table(
                "actors_by_kind",
                f"Actors by kind{when}",
                ["kind", "count"],
                [[k, n] for k, n in self.kinds.items()] + [["total", sum(self.kinds.values())]],
            ),
            Table(
                "relations_by_type",
                f"Relations by type{when}",
                ["type", "count"],
                [[k, n] for k, n in self.relation_types.items()] + [["total", sum(self.relation_types.values())]],
            ),
        ]


def stats(g: nx.MultiDiGraph) -> Stats:
    """Count actors by kind and relations by type (every vocabulary term listed, zeros included)."""
    v = vocabulary()
    kinds = Counter(d["kind"] for _, d in g.nodes(data=True))
    types = Counter(d["type"] for *_, d in g.edges(data=True))
    return Stats(
        kinds={k: kinds.get(k, 0) for k in v.kinds},
        relation_types={t: types.get(t, 0) for t in sorted(v.relation_types)},
        sources=len(g.graph.get("bibliography", {})),
        figures=len(g.graph.get("figures", {})),
        as_of=g.graph.get("as_of"),
    )


def stats_of(dataset: Any, as_of: int | None = None) -> Stats:
    """:func:`stats` of the dataset's graph (its snapshot of ``as_of``), counted in its columns without building it."""
    from govgraph.frames import Frames

    frames = Frames.of(dataset)
    v = vocabulary()
    kinds = dict(frames.alive(as_of)["kind"].value_counts().iter_rows())
    types = dict(frames.relations_at(as_of)["type"].value_counts().iter_rows())
    return Stats(
        kinds={k: kinds.get(k, 0) for k in v.kinds},
        relation_types={t: types.get(t, 0) for t in sorted(v.relation_types)},
        sources=len(dataset.sources),
        figures=len(dataset.figures),
        as_of=as_of,
    )


def resolve_actor(g: nx.MultiDiGraph, ref: str) -> str:
    """The id of the actor named by ``ref`` (an id, a name or an alias), or a UsageError with suggestions."""
    if ref in g:
        return ref
    low = ref.lower()
    for n, d in sorted(g.nodes(data=True)):
        if low in {d.get("name", "").lower(), *(a.lower() for a in d.get("aliases", []))}:
            return n
    from govgraph.dataset import suggest

    when = f" in {g.graph['as_of']}" if g.graph.get("as_of") else ""
    raise UsageError(f"no actor {ref!r}{when}{suggest(ref, map(str, g.nodes))}")


@dataclass
class ActorView:
    """One actor, every tie it has, and the sources behind them."""

    id: str
    attrs: dict[str, Any]
    ties: list[dict[str, Any]]
    bibliography: dict[str, dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, **self.attrs, "ties": self.ties, "bibliography": self.bibliography}

    def tables(self) -> list[Table]:
        skip = {"citations", "sources"}
        fields = [[k, v] for k, v in sorted(self.attrs.items()) if k not in skip]
        cites = [f"{c['key']}{' ' + c['at'] if c.get('at') else ''}" for c in self.attrs.get("citations", [])]
        fields.append(["sources", cites])
        ties = [
            [
                t["direction"],
                t["type"],
                t["other"],
                t["other_name"],
                t.get("start"),
                t.get("end"),
                t.get("status") or t.get("role"),
                t["sources"],
            ]
            for t in self.ties
        ]
        bib = [[k, b.get("title"), b.get("year"), b.get("url")] for k, b in sorted(self.bibliography.items())]
        return [
            Table("actor", f"{self.attrs.get('name', self.id)} ({self.id})", ["field", "value"], fields),
            Table("ties", "Ties", ["dir", "type", "other", "name", "start", "end", "status/role", "sources"], ties),
            Table("sources", "Sources", ["key", "title", "year", "url"], bib),
        ]


def show(g: nx.MultiDiGraph, ref: str) -> ActorView:
    """One actor (by id, name or alias) with all its ties, in and out, and their sources."""
    node = resolve_actor(g, ref)
    ties = []
    for _, v, d in g.out_edges(node, data=True):
        ties.append({"direction": "out", "other": v, **d})
    for u, _, d in g.in_edges(node, data=True):
        ties.append({"direction": "in", "other": u, **d})
    for t in ties:
        t["other_name"] = g.nodes[t["other"]].get("name", t["other"])
    ties.sort(key=lambda t: (t["type"], t["direction"], t["other"], t.get("start") or "", t["id"]))
    attrs = dict(g.nodes[node])
    keys = set(attrs.get("sources", [])) | {k for t in ties for k in t["sources"]}
    bib = {k: v for k, v in g.graph.get("bibliography", {}).items() if k in keys}
    return ActorView(node, attrs, ties, bib)
