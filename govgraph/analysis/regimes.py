"""Regime complexes: groups of three or more non-hierarchical, linked institutions in one issue area.

A regime complex is "an array of partially overlapping and non-hierarchical institutions governing a particular
issue area" (Raustiala & Victor 2004); Orsini, Morin & Young (2013) make it operational as three or more regimes
on a common subject matter whose interactions matter. The computation follows DESIGN.md:

1. Institutions are the organisations, programmes and agreements of the graph (take a snapshot for ``--as-of``).
2. Hierarchy ties (the vocabulary's ``hierarchy`` category: part_of, runs, establishes, administers) fold an
   institution with exactly one hierarchical parent into its parent's *elemental unit*; one set up by two or more
   parents (IPCC by WMO and UNEP) is a unit of its own. Affiliation (specialised agency of the UN) is not hierarchy.
3. Within an issue area, units are linked by interaction ties, by membership of one institution in another, by
   the hierarchy ties of a jointly created body to its parents, and by membership or function overlap at or above
   the thresholds. Successions never link: a complex is of institutions that coexist.
4. A complex is a connected group of three or more units (a component, split into Louvain communities with a
   fixed seed when it has more than ``split_above`` units).

Complexes are numbered 1, 2, ... over all issue areas in a fixed order (issue area, then size, then first
institution id), so a number means the same complex whether or not the report is filtered by issue area.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from govgraph.analysis.overlap import similar_pairs
from govgraph.analysis.projections import (
    INSTITUTION_KINDS,
    Incidence,
    graph_as_of,
    membership_incidence,
    term_incidence,
)
from govgraph.errors import UsageError
from govgraph.tables import Table
from govgraph.vocab import vocabulary

__all__ = [
    "INSTITUTION_KINDS",
    "RegimeComplex",
    "RegimeResult",
    "Thresholds",
    "elemental_units",
    "hierarchy_parents",
    "institutions",
    "jaccard_pairs",
    "regime_complexes",
]

_KIND_ORDER = {k: i for i, k in enumerate(INSTITUTION_KINDS)}
_DIGITS = 6


@dataclass(frozen=True)
class Thresholds:
    """When overlap links two institutions, and when a component is split into communities.

    Two institutions are linked by membership overlap when they share at least ``min_shared_members`` members
    and their membership Jaccard index is at least ``min_membership_jaccard``; by function overlap when they
    share at least ``min_shared_functions`` functions with a Jaccard index of at least ``min_function_jaccard``.
    A connected group of more than ``split_above`` units is split into Louvain communities (seed ``seed``).
    """

    min_membership_jaccard: float = 0.5
    min_shared_members: int = 2
    min_function_jaccard: float = 0.75
    min_shared_functions: int = 3
    split_above: int = 15
    seed: int = 42

    def check(self) -> None:
        """Raise UsageError for values out of range."""
        for name in ("min_membership_jaccard", "min_function_jaccard"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise UsageError(f"{name} (--{name.replace('_', '-')}) must be between 0 and 1, not {value}")
        for name in ("min_shared_members", "min_shared_functions"):
            if getattr(self, name) < 1:
                raise UsageError(f"{name} (--{name.replace('_', '-')}) must be at least 1")
        if self.split_above < 3:
            raise UsageError("split_above (--split-above) must be at least 3")


@dataclass
class RegimeComplex:
    """One regime complex and its measures."""

    number: int
    issue_area: str
    institutions: list[str]
    units: dict[str, list[str]]
    density: float
    institution_density: float
    hierarchy_score: float
    mean_membership_overlap: float
    mean_function_overlap: float
    bridging: list[str]
    articulation_points: list[str]
    betweenness: dict[str, float]
    actor_types: dict[str, int]
    member_types: dict[str, int]
    links: list[dict[str, Any]] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Number of institutions."""
        return len(self.institutions)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "size": self.size, "n_units": len(self.units)}


@dataclass
class RegimeResult:
    """Every regime complex found (optionally in one issue area), with the thresholds used."""

    complexes: list[RegimeComplex]
    thresholds: Thresholds
    issue_area: str | None
    as_of: int | None
    names: dict[str, str]

    def complex(self, number: int) -> RegimeComplex:
        """The complex with this number (UsageError when there is none)."""
        for c in self.complexes:
            if c.number == number:
                return c
        have = ", ".join(str(c.number) for c in self.complexes) or "none"
        raise UsageError(f"no regime complex {number} (complexes: {have})")

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "issue_area": self.issue_area,
            "thresholds": asdict(self.thresholds),
            "count": len(self.complexes),
            "complexes": [c.to_json() for c in self.complexes],
        }

    def tables(self) -> list[Table]:
        when = f" in {self.as_of}" if self.as_of else ""
        summary = [
            [
                c.number,
                c.issue_area,
                c.size,
                len(c.units),
                round(c.density, 4),
                round(c.hierarchy_score, 4),
                round(c.mean_membership_overlap, 4),
                round(c.mean_function_overlap, 4),
                c.bridging,
            ]
            for c in self.complexes
        ]
        members = [
            [c.number, inst, self.names.get(inst, inst), unit]
            for c in self.complexes
            for unit, insts in c.units.items()
            for inst in insts
        ]
        notes = [
            "density: share of possible links among the complex's elemental units that exist;",
            "hierarchy: share of institution pairs in which one is an ancestor of the other;",
            "overlap: mean membership / function Jaccard index over all institution pairs;",
            "bridging: articulation points of the complex's institution graph, by betweenness.",
        ]
        return [
            Table(
                "regime_complexes",
                f"Regime complexes{when}",
                [
                    "#",
                    "issue area",
                    "institutions",
                    "units",
                    "density",
                    "hierarchy",
                    "member overlap",
                    "function overlap",
                    "bridging",
                ],
                summary,
                notes=notes,
            ),
            Table(
                "regime_members",
                "Institutions of each complex and their elemental units",
                ["#", "institution", "name", "unit"],
                members,
            ),
        ]


def institutions(g: nx.MultiDiGraph) -> list[str]:
    """The institutions of the graph (organisations, programmes, agreements), sorted by id."""
    return sorted(n for n, d in g.nodes(data=True) if d.get("kind") in INSTITUTION_KINDS)


def hierarchy_parents(g: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Each institution's hierarchical parents (other institutions), from the vocabulary's hierarchy types."""
    rel_types = vocabulary().relation_types
    inst = set(institutions(g))
    parents: dict[str, set[str]] = defaultdict(set)
    for u, v, d in g.edges(data=True):
        if d.get("category") != "hierarchy" or u not in inst or v not in inst or u == v:
            continue
        parent, child = (v, u) if rel_types[d["type"]].parent == "target" else (u, v)
        parents[child].add(parent)
    return dict(parents)


def elemental_units(g: nx.MultiDiGraph) -> dict[str, str]:
    """Institution -> the id of its elemental unit (the institution at the top of its single-parent chain)."""
    inst = institutions(g)
    folds = nx.DiGraph()
    folds.add_nodes_from(inst)
    for child, parents in hierarchy_parents(g).items():
        if len(parents) == 1:
            folds.add_edge(child, next(iter(parents)))
    unit_of: dict[str, str] = {}
    upward = folds.reverse(copy=False)
    for comp in nx.weakly_connected_components(folds):
        roots = [n for n in comp if folds.out_degree(n) == 0] or list(comp)  # a cycle has no root: pick one
        root = min(roots, key=lambda n: (_KIND_ORDER.get(g.nodes[n].get("kind"), 9), n))
        depth = nx.single_source_shortest_path_length(upward, root)
        # The unit is named for its top organisation: a charter that establishes the UN makes a unit called "un".
        name = min(comp, key=lambda n: (_KIND_ORDER.get(g.nodes[n].get("kind"), 9), depth.get(n, 0), n))
        for n in comp:
            unit_of[n] = name
    return unit_of


def jaccard_pairs(inc: Incidence, min_shared: int = 1) -> dict[tuple[str, str], tuple[int, float]]:
    """Pairs of columns (a, b), a < b, sharing at least ``min_shared`` rows: (shared count, Jaccard index).

    Computed by :func:`govgraph.analysis.overlap.similar_pairs` (one sparse product, no loop over all pairs).
    """
    if not inc.cols or not inc.rows:
        return {}
    p = similar_pairs(inc.matrix, "jaccard")
    return {
        (inc.cols[int(i)], inc.cols[int(j)]): (int(n), float(v))
        for i, j, n, v in zip(p.i, p.j, p.shared, p.value, strict=True)
        if n >= min_shared
    }


def _tie_links(g: nx.MultiDiGraph, nodes: set[str]) -> dict[tuple[str, str], set[str]]:
    """Pairs of institutions in ``nodes`` tied by interaction, membership or hierarchy: pair -> relation types."""
    links: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v, d in g.edges(data=True):
        if u in nodes and v in nodes and u != v and d.get("category") in ("interaction", "membership", "hierarchy"):
            links[(min(u, v), max(u, v))].add(d["type"])
    return links


def _area_graph(g: nx.MultiDiGraph, area_nodes: list[str], th: Thresholds) -> tuple[nx.Graph, dict, dict]:
    """The institution graph of one issue area: ties plus overlap links; also the two Jaccard tables."""
    h = nx.Graph()
    h.add_nodes_from(area_nodes)
    for (a, b), types in sorted(_tie_links(g, set(area_nodes)).items()):
        h.add_edge(a, b, kinds=sorted(types))
    memb = jaccard_pairs(membership_incidence(g, institutions=area_nodes))
    func = jaccard_pairs(term_incidence(g, "functions", institutions=area_nodes))
    for table, min_j, min_n, label in (
        (memb, th.min_membership_jaccard, th.min_shared_members, "membership_overlap"),
        (func, th.min_function_jaccard, th.min_shared_functions, "function_overlap"),
    ):
        for (a, b), (n, j) in sorted(table.items()):
            if n >= min_n and j >= min_j:
                if h.has_edge(a, b):
                    h[a][b]["kinds"] = sorted({*h[a][b]["kinds"], label})
                else:
                    h.add_edge(a, b, kinds=[label])
    return h, memb, func


def _unit_groups(h: nx.Graph, unit_of: dict[str, str], th: Thresholds) -> list[set[str]]:
    """Groups of three or more linked units (components; Louvain communities inside large components)."""
    ug = nx.Graph()
    ug.add_nodes_from(sorted({unit_of[n] for n in h}))
    for a, b in sorted(h.edges()):
        if unit_of[a] != unit_of[b]:
            ug.add_edge(*sorted((unit_of[a], unit_of[b])))
    groups: list[set[str]] = []
    for comp in sorted(nx.connected_components(ug), key=min):
        if len(comp) > th.split_above:
            sub = ug.subgraph(sorted(comp))
            groups.extend(nx.community.louvain_communities(sub, seed=th.seed))
        else:
            groups.append(set(comp))
    return [grp for grp in groups if len(grp) >= 3]


def _ancestor_pairs(g: nx.MultiDiGraph, nodes: list[str]) -> int:
    """How many pairs of ``nodes`` have one an ancestor of the other through hierarchy ties."""
    tree = nx.DiGraph()
    tree.add_nodes_from(institutions(g))
    for child, parents in hierarchy_parents(g).items():
        for p in parents:
            tree.add_edge(p, child)
    inside = set(nodes)
    return sum(len(nx.descendants(tree, n) & inside) for n in nodes if n in tree) if len(nodes) > 1 else 0


def _mean_pair_value(table: dict[tuple[str, str], tuple[int, float]], nodes: list[str]) -> float:
    pairs = len(nodes) * (len(nodes) - 1) // 2
    inside = set(nodes)
    total = sum(j for (a, b), (_, j) in table.items() if a in inside and b in inside)
    return total / pairs if pairs else 0.0


def _actor_type(d: dict[str, Any]) -> str:
    return d.get("org_type") or d.get("kind", "unknown")


def _measure(
    g: nx.MultiDiGraph, area: str, h: nx.Graph, group: set[str], unit_of: dict[str, str], memb: dict, func: dict
) -> RegimeComplex:
    """The measures of one complex: its institutions, units, density, hierarchy, overlap and bridges."""
    nodes = sorted(n for n in h if unit_of[n] in group)
    sub = h.subgraph(nodes)
    units: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        units[unit_of[n]].append(n)
    ug = nx.Graph()
    ug.add_nodes_from(group)
    ug.add_edges_from((unit_of[a], unit_of[b]) for a, b in sub.edges() if unit_of[a] != unit_of[b])
    between = nx.betweenness_centrality(sub, normalized=True)
    arts = set(nx.articulation_points(sub))
    n_pairs = len(nodes) * (len(nodes) - 1) // 2
    return RegimeComplex(
        number=0,
        issue_area=area,
        institutions=nodes,
        units={u: units[u] for u in sorted(units)},
        density=round(nx.density(ug), _DIGITS),
        institution_density=round(nx.density(sub), _DIGITS),
        hierarchy_score=round(_ancestor_pairs(g, nodes) / n_pairs, _DIGITS) if n_pairs else 0.0,
        mean_membership_overlap=round(_mean_pair_value(memb, nodes), _DIGITS),
        mean_function_overlap=round(_mean_pair_value(func, nodes), _DIGITS),
        bridging=sorted(arts, key=lambda n: (-between[n], n)),
        articulation_points=sorted(arts),
        betweenness={n: round(between[n], _DIGITS) for n in nodes},
        actor_types=dict(sorted(Counter(_actor_type(g.nodes[n]) for n in nodes).items())),
        member_types=dict(sorted(Counter(t for n in nodes for t in g.nodes[n].get("member_types", [])).items())),
        links=[{"source": a, "target": b, "kinds": sub[a][b]["kinds"]} for a, b in sorted(map(sorted, sub.edges()))],
    )


def regime_complexes(
    g: nx.MultiDiGraph,
    issue_area: str | None = None,
    **thresholds: Any,
) -> RegimeResult:
    """Find the regime complexes of ``g`` (every issue area, or only ``issue_area``).

    ``thresholds`` are the fields of :class:`Thresholds`. Numbers are assigned over all issue areas, so
    complex N is the same complex with or without the issue-area filter. A graph that is not a snapshot is
    looked at in its latest year (what coexists now; dissolved bodies drop out).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for n in "abc":
    ...     g.add_node(n, kind="organisation", issue_areas=["water"], name=n.upper())
    >>> g.add_edge("a", "b", type="partner_of", category="interaction")
    0
    >>> g.add_edge("b", "c", type="partner_of", category="interaction")
    0
    >>> [c.institutions for c in regime_complexes(g).complexes]
    [['a', 'b', 'c']]
    """
    try:
        th = Thresholds(**thresholds)
    except TypeError as exc:
        raise UsageError(f"unknown threshold: {exc}") from None
    th.check()
    areas = vocabulary().issue_areas
    if issue_area is not None and issue_area not in areas:
        from govgraph.dataset import suggest

        raise UsageError(f"unknown issue area {issue_area!r}{suggest(issue_area, areas)}")
    if "as_of" not in g.graph:
        g = graph_as_of(g, None)
    unit_of = elemental_units(g)
    inst = institutions(g)
    found: list[RegimeComplex] = []
    for area in sorted(areas):
        area_nodes = [n for n in inst if area in g.nodes[n].get("issue_areas", [])]
        if len(area_nodes) < 3:
            continue
        h, memb, func = _area_graph(g, area_nodes, th)
        found.extend(_measure(g, area, h, grp, unit_of, memb, func) for grp in _unit_groups(h, unit_of, th))
    found.sort(key=lambda c: (c.issue_area, -c.size, c.institutions[0]))
    for i, c in enumerate(found, start=1):
        c.number = i
    chosen = [c for c in found if issue_area is None or c.issue_area == issue_area]
    names = {n: g.nodes[n].get("name", n) for c in chosen for n in c.institutions}
    return RegimeResult(chosen, th, issue_area, g.graph.get("as_of"), names)
