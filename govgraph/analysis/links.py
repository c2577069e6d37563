"""Ties between institutions, the shortest paths between two actors, and ego networks.

* :func:`links`: every typed, directed tie whose two ends are institutions (organisations, programmes,
  agreements), optionally only those of one actor;
* :func:`shortest_paths`: all shortest paths between two actors over the undirected actor graph (ties of every
  type, either direction), each step with the relation types and their direction;
* :func:`ego_network`: the actors within K steps of one actor (same undirected graph) and every tie among them.

Orders are fixed: ties by (source, type, target, start, id); paths by their sequence of ids; ego nodes by
(distance, id).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from govgraph.analysis.projections import INSTITUTION_KINDS, check_kinds
from govgraph.describe import resolve_actor
from govgraph.errors import UsageError
from govgraph.tables import Table

__all__ = ["MAX_PATHS", "EgoNetwork", "LinkList", "PathResult", "ego_network", "links", "shortest_paths"]

#: At most this many shortest paths are listed by default (the total is always reported).
MAX_PATHS = 100


def _tie(g: nx.MultiDiGraph, u: str, v: str, d: dict[str, Any]) -> dict[str, Any]:
    """One tie as a flat record."""
    tie = {
        "id": d["id"],
        "source": u,
        "source_name": g.nodes[u].get("name", u),
        "type": d["type"],
        "category": d.get("category"),
        "target": v,
        "target_name": g.nodes[v].get("name", v),
        "start": d.get("start"),
        "end": d.get("end"),
        "status": d.get("status"),
        "role": d.get("role"),
        "end_reason": d.get("end_reason"),
        "sources": d.get("sources", []),
    }
    return tie


def _tie_key(t: dict[str, Any]) -> tuple[str, ...]:
    return (t["source"], t["type"], t["target"], t["start"] or "", t["id"])


_TIE_COLUMNS = ["source", "type", "target", "start", "end", "status/role", "sources"]


def _tie_row(t: dict[str, Any]) -> list[Any]:
    return [t["source"], t["type"], t["target"], t["start"], t["end"], t["status"] or t["role"], t["sources"]]


def _when(as_of: int | None) -> str:
    return f" in {as_of}" if as_of is not None else " (all years)"


@dataclass
class LinkList:
    """Typed ties between institutions."""

    actor: str | None
    kinds: list[str]
    as_of: int | None
    ties: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for t in self.ties:
            counts[t["type"]] = counts.get(t["type"], 0) + 1
        return {
            "actor": self.actor,
            "kinds": self.kinds,
            "as_of": self.as_of,
            "count": len(self.ties),
            "by_type": dict(sorted(counts.items())),
            "ties": self.ties,
        }

    def tables(self) -> list[Table]:
        of = f" of {self.actor}" if self.actor else ""
        return [
            Table(
                "links",
                f"Ties between institutions{of}{_when(self.as_of)}",
                _TIE_COLUMNS,
                [_tie_row(t) for t in self.ties],
                caption=f"{len(self.ties)} ties; institutions: " + ", ".join(self.kinds),
            )
        ]


def links(g: nx.MultiDiGraph, actor: str | None = None, kinds: Iterable[str] | None = None) -> LinkList:
    """Every tie whose two ends are institutions of ``kinds``; with ``actor`` (id, name or alias), only its ties.

    With an actor that is not an institution itself (a state, a firm), its ties to institutions are listed.
    """
    kind_set = check_kinds(kinds, INSTITUTION_KINDS)
    node = resolve_actor(g, actor) if actor else None
    inst = {n for n, d in g.nodes(data=True) if d.get("kind") in kind_set}
    if node:
        inst.add(node)
    ties = [
        _tie(g, u, v, d)
        for u, v, d in g.edges(data=True)
        if u in inst and v in inst and (node is None or node in (u, v))
    ]
    ties.sort(key=_tie_key)
    return LinkList(node, list(kind_set), g.graph.get("as_of"), ties)


def _step(g: nx.MultiDiGraph, u: str, v: str) -> dict[str, Any]:
    """The ties joining consecutive path nodes ``u`` and ``v``, with their direction as read along the path."""
    rels = [{"id": d["id"], "type": d["type"], "direction": "forward"} for d in (g.get_edge_data(u, v) or {}).values()]
    rels += [
        {"id": d["id"], "type": d["type"], "direction": "backward"} for d in (g.get_edge_data(v, u) or {}).values()
    ]
    rels.sort(key=lambda r: (r["direction"] != "forward", r["type"], r["id"]))
    fwd = sorted({r["type"] for r in rels if r["direction"] == "forward"})
    back = sorted({r["type"] for r in rels if r["direction"] == "backward"})
    arrows = ([f"-{'|'.join(fwd)}->"] if fwd else []) + ([f"<-{'|'.join(back)}-"] if back else [])
    return {"from": u, "to": v, "relations": rels, "text": " / ".join(arrows)}


@dataclass
class PathResult:
    """All shortest paths between two actors."""

    source: str
    target: str
    as_of: int | None
    length: int | None
    total: int
    paths: list[dict[str, Any]]  # nodes, names, steps, text

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "as_of": self.as_of,
            "length": self.length,
            "total": self.total,
            "shown": len(self.paths),
            "paths": self.paths,
        }

    def tables(self) -> list[Table]:
        title = f"Shortest paths from {self.source} to {self.target}{_when(self.as_of)}"
        if self.length is None:
            caption = "no path: the two actors are not connected"
        else:
            caption = f"{self.total} shortest path{'s' if self.total != 1 else ''} of length {self.length}"
            if len(self.paths) < self.total:
                caption += f"; first {len(self.paths)} shown"
        rows = [[i, p["length"], p["text"]] for i, p in enumerate(self.paths, 1)]
        return [Table("paths", title, ["path", "length", "route"], rows, caption=caption)]


def _neighbours(g: nx.MultiDiGraph, n: str) -> set[str]:
    """Actors tied to ``n`` by a tie of any type in either direction."""
    return (set(g.succ[n]) | set(g.pred[n])) - {n}


def _distances(g: nx.MultiDiGraph, source: str, cutoff: int | None = None) -> dict[str, int]:
    """Steps from ``source`` to every actor it reaches over ties in either direction (breadth-first)."""
    dist = {source: 0}
    frontier = [source]
    while frontier and (cutoff is None or dist[frontier[0]] < cutoff):
        step = dist[frontier[0]] + 1
        nxt = []
        for x in frontier:
            for y in _neighbours(g, x):
                if y not in dist:
                    dist[y] = step
                    nxt.append(y)
        frontier = nxt
    return dist


def _shortest_paths(
    g: nx.MultiDiGraph, u: str, v: str, from_u: dict[str, int], limit: int | None
) -> tuple[int, list[list[str]]]:
    """How many shortest paths join ``u`` to ``v``, and the first ``limit`` of them in order of their ids.

    Linear in the graph, whatever the number of paths: the paths are counted on the layered graph of shortest
    paths (each actor: the number of ways on to ``v``) and only those listed are walked, smallest id first.
    """
    length = from_u[v]
    to_v = _distances(g, v, cutoff=length)
    on_path = {x for x, d in from_u.items() if d <= length and to_v.get(x, length + 1) == length - d}
    nexts = {x: sorted(y for y in _neighbours(g, x) if y in on_path and from_u[y] == from_u[x] + 1) for x in on_path}
    ways: dict[str, int] = {v: 1}
    for x in sorted(on_path - {v}, key=lambda n: -from_u[n]):
        ways[x] = sum(ways[y] for y in nexts[x])
    found: list[list[str]] = []
    stack = [[u]]
    while stack and (limit is None or len(found) < limit):
        path = stack.pop()
        if path[-1] == v:
            found.append(path)
            continue
        stack.extend([*path, y] for y in reversed(nexts[path[-1]]))
    return ways[u], found


def shortest_paths(g: nx.MultiDiGraph, a: str, b: str, limit: int | None = MAX_PATHS) -> PathResult:
    """All shortest paths from ``a`` to ``b`` (ids, names or aliases) over the undirected actor graph.

    Each step lists every tie between the two actors it joins, ``forward`` when the tie points along the path.
    Paths are sorted by their sequence of ids; ``limit`` caps how many are listed (``None``: all), and the total
    is counted without listing them, so the cost stays linear in the graph however many paths there are.
    """
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be at least 1, not {limit}")
    u, v = resolve_actor(g, a), resolve_actor(g, b)
    as_of = g.graph.get("as_of")
    from_u = _distances(g, u)
    if v not in from_u:
        return PathResult(u, v, as_of, None, 0, [])
    total, found = _shortest_paths(g, u, v, from_u, limit)
    paths = []
    for nodes in found:
        steps = [_step(g, x, y) for x, y in itertools.pairwise(nodes)]
        text = nodes[0] + "".join(f" {s['text']} {s['to']}" for s in steps)
        paths.append(
            {
                "nodes": nodes,
                "names": [g.nodes[n].get("name", n) for n in nodes],
                "length": len(steps),
                "steps": steps,
                "text": text,
            }
        )
    return PathResult(u, v, as_of, from_u[v], total, paths)


@dataclass
class EgoNetwork:
    """The actors within ``radius`` steps of one actor and every tie among them."""

    center: str
    radius: int
    as_of: int | None
    nodes: list[dict[str, Any]]  # id, name, kind, distance
    ties: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {
            "center": self.center,
            "radius": self.radius,
            "as_of": self.as_of,
            "node_count": len(self.nodes),
            "tie_count": len(self.ties),
            "nodes": self.nodes,
            "ties": self.ties,
        }

    def tables(self) -> list[Table]:
        head = f"Ego network of {self.center}, radius {self.radius}{_when(self.as_of)}"
        return [
            Table(
                "nodes",
                f"{head}: actors",
                ["distance", "id", "name", "kind"],
                [[n["distance"], n["id"], n["name"], n["kind"]] for n in self.nodes],
            ),
            Table("ties", f"{head}: ties", _TIE_COLUMNS, [_tie_row(t) for t in self.ties]),
        ]


def ego_network(g: nx.MultiDiGraph, actor: str, radius: int = 1) -> EgoNetwork:
    """The ego network of ``actor``: actors at most ``radius`` steps away (ties of any type, either direction).

    Ties listed are every tie among those actors (as ``networkx.ego_graph`` keeps the induced subgraph), with
    their own direction and type.
    """
    if radius < 0:
        raise UsageError(f"--radius must be 0 or more, not {radius}")
    center = resolve_actor(g, actor)
    dist = _distances(g, center, cutoff=radius)
    nodes = [
        {"id": n, "name": g.nodes[n].get("name", n), "kind": g.nodes[n].get("kind"), "distance": d}
        for n, d in sorted(dist.items(), key=lambda kv: (kv[1], kv[0]))
    ]
    ties = sorted((_tie(g, u, v, d) for u, v, d in g.subgraph(dist).edges(data=True)), key=_tie_key)
    return EgoNetwork(center, radius, g.graph.get("as_of"), nodes, ties)
