"""Regime complexes: groups of three or more non-hierarchical, linked institutions in one issue area.

A regime complex is "an array of partially overlapping and non-hierarchical institutions governing a particular
issue area" (Raustiala & Victor 2004); Orsini, Morin & Young (2013) make it operational as three or more regimes
on a common subject matter whose interactions matter. The computation follows DESIGN.md:

1. Institutions are the organisations, programmes and agreements of the graph (take a snapshot for ``--as-of``).
2. Hierarchy folds institutions into *elemental units*. An institution's parents are the other ends of its
   hierarchy ties (the vocabulary's ``hierarchy`` category: part_of, runs, establishes, administers) and, by the
   rules below, its sole sponsor. An institution with one parent folds into it; a unit is a tree of such folds.

   * **Sole sponsor = parent.** A body that one institution alone ``sponsors`` is that institution's own
     (ICSU's IGBP, HDP and DIVERSITAS were its programmes; counted as independent units they inflated the global
     environmental change complex). Joint sponsorship (WCRP by WMO, the IOC and ICSU) stays interaction: the body
     answers to no one parent. Sponsors of any kind are counted, so a programme sponsored by a state and an
     organisation is joint.
   * **Nested parents fold into the lowest.** When one of an institution's parents is an ancestor of another,
     the higher one is dropped: the IAB is a committee of the IETF, which is part of ISOC; it folds into the IETF
     (and so into ISOC's unit) instead of standing alone as a body with two parents.
   * **A secretariat folds into the agreement it services.** ``administers`` makes its source the parent, but a
     secretariat (``org_type: secretariat``) is the agent of its convention, not its principal: the UNFCCC
     secretariat folds into the UNFCCC, whose unit is named for the convention. An organisation that administers
     an agreement and is not its secretariat (the WTO and TRIPS, WIPO and the PCT) stays the parent.
   * A body set up by two or more unrelated parents (the IPCC by WMO and UNEP) is a unit of its own.
   Affiliation (specialised agency of the UN) is not hierarchy.
3. Within an issue area, units are linked by interaction ties, by membership of one institution in another, by
   the hierarchy ties of a jointly created body to its parents, and by membership or function overlap at or above
   the thresholds (or, with ``overlap="backbone"``, by a membership overlap the hypergeometric backbone finds
   significant, :mod:`govgraph.analysis.backbone`). Successions never link: a complex is of institutions that
   coexist.
4. **Ties cross issue areas.** An institution tagged in another area enters an area's graph through a direct
   interaction or membership tie to an institution of the area (not through hierarchy: UNESCO's programmes do not
   follow it into every area it is tagged in): IEEE SA, tagged technical standards, enters
   an internet-governance complex through its tie to the IETF. Such institutions are listed as ``entered_by_tie``.
   Overlap links are computed only among the institutions tagged in the area, and a complex needs three units
   holding an institution tagged in the area: those entering by a tie join a complex, they do not make one.
5. A complex is a connected group of three or more units (a component, split into Louvain communities with a
   fixed seed when it has more than ``split_above`` units).

Complexes are numbered 1, 2, ... over all issue areas in a fixed order (issue area, then size, then first
institution id), so a number means the same complex whether or not the report is filtered by issue area.
Complexes that share institutions (a body in two areas, or one that entered by a tie) are reported as such, with
the Jaccard index of their institution sets. Links keep their direction as the data gives it (source, target);
overlap links, which have none, list their ends in id order and say ``directed: false``.

Deterministic under any ``PYTHONHASHSEED``: every graph is built with sorted nodes and sorted edges, Louvain gets
a fixed seed, and every set is sorted before it is reported.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from govgraph.analysis.backbone import blockwise_pairs
from govgraph.analysis.projections import (
    INSTITUTION_KINDS,
    Incidence,
    graph_as_of,
    membership_types,
)
from govgraph.errors import UsageError
from govgraph.precision import significant
from govgraph.tables import Table
from govgraph.vocab import vocabulary

__all__ = [
    "INSTITUTION_KINDS",
    "OVERLAP_MODES",
    "RegimeComplex",
    "RegimeResult",
    "Thresholds",
    "elemental_units",
    "fold_parents",
    "hierarchy_parents",
    "institutions",
    "jaccard_pairs",
    "regime_complexes",
]

_KIND_ORDER = {k: i for i, k in enumerate(INSTITUTION_KINDS)}
#: Relation types whose sole source is a hierarchical parent (rule "sole sponsor = parent").
SOLE_PARENT_TYPES: tuple[str, ...] = ("sponsors",)
#: The organisation type whose hierarchy ties to an agreement point up to the agreement (rule "secretariat").
SECRETARIAT_TYPE = "secretariat"
#: How membership overlap links two institutions: a Jaccard threshold, or the significance backbone.
OVERLAP_MODES: tuple[str, ...] = ("jaccard", "backbone")
_TIE_CATEGORIES = ("interaction", "membership", "hierarchy")
_EXACT_BETWEENNESS = 100  # institutions; above, betweenness is estimated from this many sources (seed 0)
#: Each complex lists at most this many complexes it shares institutions with (highest Jaccard first; the rest are
#: counted in ``shared_with_more``): a body tied into many areas would otherwise pair every complex with every other.
SHARED_WITH = 25


@dataclass(frozen=True)
class Thresholds:
    """When overlap links two institutions, and when a component is split into communities.

    Two institutions are linked by membership overlap when they share at least ``min_shared_members`` members
    and their membership Jaccard index is at least ``min_membership_jaccard`` (``overlap="jaccard"``), or when
    their shared members are significant at false discovery rate ``alpha`` under the hypergeometric null
    (``overlap="backbone"``); by function overlap when they share at least ``min_shared_functions`` functions with a
    Jaccard index of at least ``min_function_jaccard``. A connected group of more than ``split_above`` units is
    split into Louvain communities (seed ``seed``).
    """

    min_membership_jaccard: float = 0.5
    min_shared_members: int = 2
    min_function_jaccard: float = 0.75
    min_shared_functions: int = 3
    split_above: int = 15
    seed: int = 42
    overlap: str = "jaccard"
    alpha: float = 0.05

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
        if self.overlap not in OVERLAP_MODES:
            raise UsageError(f"overlap (--overlap) must be one of {', '.join(OVERLAP_MODES)}, not {self.overlap!r}")
        if not 0.0 < self.alpha <= 1.0:
            raise UsageError(f"alpha (--alpha) must be in (0, 1], not {self.alpha}")

    def to_json(self) -> dict[str, Any]:
        doc = asdict(self)
        if self.overlap == "jaccard":
            doc.pop("alpha")
        return doc


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
    entered_by_tie: list[str] = field(default_factory=list)
    shared_with: list[dict[str, Any]] = field(default_factory=list)
    shared_with_more: int = 0  # complexes sharing institutions with this one beyond the SHARED_WITH listed
    robustness: float | None = None

    @property
    def size(self) -> int:
        """Number of institutions."""
        return len(self.institutions)

    def to_json(self) -> dict[str, Any]:
        doc = {**asdict(self), "size": self.size, "n_units": len(self.units)}
        if self.robustness is None:
            doc.pop("robustness")
        if not self.shared_with_more:
            doc.pop("shared_with_more")
        return doc


@dataclass
class RegimeResult:
    """Every regime complex found (optionally in one issue area), with the thresholds used."""

    complexes: list[RegimeComplex]
    thresholds: Thresholds
    issue_area: str | None
    as_of: int | None
    names: dict[str, str]
    precision: int = 3
    sensitivity: dict[str, Any] | None = None

    def complex(self, number: int) -> RegimeComplex:
        """The complex with this number (UsageError when there is none)."""
        for c in self.complexes:
            if c.number == number:
                return c
        have = ", ".join(str(c.number) for c in self.complexes) or "none"
        raise UsageError(f"no regime complex {number} (complexes: {have})")

    def to_json(self) -> dict[str, Any]:
        doc = {
            "as_of": self.as_of,
            "issue_area": self.issue_area,
            "thresholds": self.thresholds.to_json(),
            "count": len(self.complexes),
            "complexes": [c.to_json() for c in self.complexes],
            "shared_institutions": self.overlaps(),
        }
        if self.sensitivity is not None:
            doc["sensitivity"] = self.sensitivity
        return doc

    def overlaps(self) -> list[dict[str, Any]]:
        """Pairs of complexes that share institutions: the shared ones and the Jaccard index of the two sets."""
        seen: dict[tuple[int, int], dict[str, Any]] = {}
        for c in self.complexes:
            for s in c.shared_with:
                a, b = sorted((c.number, s["complex"]))
                seen[(a, b)] = {"a": a, "b": b, "shared": s["shared"], "jaccard": s["jaccard"]}
        return [seen[k] for k in sorted(seen)]

    def tables(self) -> list[Table]:
        d = self.precision
        when = f" in {self.as_of}" if self.as_of else ""
        robust = self.sensitivity is not None
        summary = [
            [
                c.number,
                c.issue_area,
                c.size,
                len(c.units),
                significant(c.density, d, trim=True),
                significant(c.hierarchy_score, d, trim=True),
                significant(c.mean_membership_overlap, d, trim=True),
                significant(c.mean_function_overlap, d, trim=True),
                c.bridging,
                c.entered_by_tie,
                [s["complex"] for s in c.shared_with],
                *([significant(c.robustness or 0.0, d, trim=True)] if robust else []),
            ]
            for c in self.complexes
        ]
        members = [
            [c.number, inst, self.names.get(inst, inst), unit, inst in c.entered_by_tie]
            for c in self.complexes
            for unit, insts in c.units.items()
            for inst in insts
        ]
        notes = [
            "density: share of possible links among the complex's elemental units that exist;",
            "hierarchy: share of institution pairs in which one is an ancestor of the other;",
            "overlap: mean membership / function Jaccard index over all institution pairs;",
            "bridging: articulation points of the complex's institution graph, by betweenness;",
            "entered by tie: institutions tagged in another issue area, in the complex through a direct tie;",
            "shares with: complexes holding some of the same institutions (see the shared-institutions table).",
        ]
        if robust:
            notes.append(
                f"found in: share of the {self.sensitivity['settings']} threshold settings in which a complex of the "
                f"same area matches it (Jaccard of institutions >= {self.sensitivity['match']})."
            )
        tables = [
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
                    "entered by tie",
                    "shares with",
                    *(["found in"] if robust else []),
                ],
                summary,
                notes=notes,
            ),
            Table(
                "regime_members",
                "Institutions of each complex and their elemental units",
                ["#", "institution", "name", "unit", "entered by tie"],
                members,
            ),
        ]
        shared = self.overlaps()
        if shared:
            tables.append(
                Table(
                    "regime_overlaps",
                    "Complexes that share institutions",
                    ["#", "#", "shared institutions", "jaccard"],
                    [[s["a"], s["b"], s["shared"], significant(s["jaccard"], d, trim=True)] for s in shared],
                )
            )
        if robust:
            tables.append(
                Table(
                    "regime_robustness",
                    "Institutions: share of threshold settings in which each is in a complex of its area",
                    ["#", "institution", "found in"],
                    [
                        [row["complex"], row["institution"], significant(row["share"], d, trim=True)]
                        for row in self.sensitivity["institutions"]
                    ],
                    caption=f"{self.sensitivity['settings']} settings: " + "; ".join(self.sensitivity["grid"]),
                )
            )
        return tables


# --- hierarchy -------------------------------------------------------------------------------------------------


def institutions(g: nx.MultiDiGraph) -> list[str]:
    """The institutions of the graph (organisations, programmes, agreements), sorted by id."""
    return sorted(n for n, d in g.nodes(data=True) if d.get("kind") in INSTITUTION_KINDS)


def _is_secretariat_tie(g: nx.MultiDiGraph, source: str, target: str) -> bool:
    return g.nodes[source].get("org_type") == SECRETARIAT_TYPE and g.nodes[target].get("kind") == "agreement"


def hierarchy_parents(g: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Each institution's hierarchical parents (other institutions), by the rules of the module docstring.

    Hierarchy ties give a parent (the source, or the target for ``part_of``), except that a secretariat's tie to
    an agreement makes the agreement the parent; a sole sponsor is a parent; joint sponsors are not.
    """
    rel_types = vocabulary().relation_types
    inst = set(institutions(g))
    parents: dict[str, set[str]] = defaultdict(set)
    sponsors: dict[str, set[str]] = defaultdict(set)
    for u, v, d in g.edges(data=True):
        if u == v:
            continue
        if d.get("type") in SOLE_PARENT_TYPES and v in inst:
            sponsors[v].add(u)
        if d.get("category") != "hierarchy" or u not in inst or v not in inst:
            continue
        if _is_secretariat_tie(g, u, v):
            parent, child = v, u
        elif _is_secretariat_tie(g, v, u):
            parent, child = u, v
        else:
            parent, child = (v, u) if rel_types[d["type"]].parent == "target" else (u, v)
        parents[child].add(parent)
    for child, who in sponsors.items():
        if len(who) == 1 and (only := next(iter(who))) in inst:
            parents[child].add(only)
    return {k: parents[k] for k in sorted(parents)}


def fold_parents(g: nx.MultiDiGraph, parents: dict[str, set[str]] | None = None) -> dict[str, str]:
    """Institution -> the one parent it folds into: its only parent, or the lowest of nested parents.

    Parents that are ancestors of another of the institution's parents are dropped (IAB: IETF and ISOC ->
    IETF); the institution folds when exactly one remains.
    """
    parents = hierarchy_parents(g) if parents is None else parents
    tree = nx.DiGraph()
    tree.add_edges_from(sorted((p, c) for c, ps in parents.items() for p in ps))
    folds: dict[str, str] = {}
    for child in sorted(parents):
        ps = sorted(parents[child])
        if len(ps) > 1:
            ancestors = {p: nx.ancestors(tree, p) for p in ps}
            ps = [p for p in ps if not any(p in ancestors[q] for q in ps if q != p)]
        if len(ps) == 1:
            folds[child] = ps[0]
    return folds


def elemental_units(g: nx.MultiDiGraph, parents: dict[str, set[str]] | None = None) -> dict[str, str]:
    """Institution -> the id of its elemental unit (the top of its chain of folds).

    The unit is named for its top organisation (a charter that establishes the UN makes a unit called ``un``),
    except that a secretariat never names the unit of the agreement it services (``unfccc``, not its secretariat).
    """
    inst = institutions(g)
    folds = nx.DiGraph()
    folds.add_nodes_from(inst)
    folds.add_edges_from(sorted(fold_parents(g, parents).items()))
    unit_of: dict[str, str] = {}
    upward = folds.reverse(copy=False)

    def rank(n: str, depth: dict[str, int]) -> tuple:
        d = g.nodes[n]
        servant = d.get("org_type") == SECRETARIAT_TYPE and any(
            g.nodes[p].get("kind") == "agreement" for p in folds.successors(n)
        )
        return (servant, _KIND_ORDER.get(d.get("kind"), 9), depth.get(n, 0), n)

    for comp in sorted(nx.weakly_connected_components(folds), key=min):
        roots = sorted(n for n in comp if folds.out_degree(n) == 0) or sorted(comp)  # a cycle has no root
        root = min(roots, key=lambda n: (_KIND_ORDER.get(g.nodes[n].get("kind"), 9), n))
        depth = nx.single_source_shortest_path_length(upward, root)
        name = min(comp, key=lambda n: rank(n, depth))
        for n in comp:
            unit_of[n] = name
    return unit_of


# --- overlap ---------------------------------------------------------------------------------------------------


def jaccard_pairs(inc: Incidence, min_shared: int = 1, min_jaccard: float = 0.0) -> dict[tuple[str, str], tuple]:
    """Pairs of columns (a, b), a < b, sharing at least ``min_shared`` rows with Jaccard >= ``min_jaccard``.

    Values are (shared count, Jaccard index). Computed block by block over the sparse product ``A^T A``
    (:func:`govgraph.analysis.backbone.blockwise_pairs`), so pairs below the thresholds are never stored.
    """
    if not inc.cols or not inc.rows:
        return {}
    sizes = np.asarray(sp.csr_array(inc.matrix).sum(axis=0)).ravel()

    def keep(i: np.ndarray, j: np.ndarray, shared: np.ndarray) -> np.ndarray:
        jac = shared / (sizes[i] + sizes[j] - shared)
        return (shared >= min_shared) & (jac >= min_jaccard - 1e-12)

    out: dict[tuple[str, str], tuple[int, float]] = {}
    for i, j, shared in blockwise_pairs(inc.matrix, keep):
        jac = shared / (sizes[i] + sizes[j] - shared)
        for a, b, n, v in zip(i.tolist(), j.tolist(), shared.tolist(), jac.tolist(), strict=True):
            out[(inc.cols[a], inc.cols[b])] = (n, v)
    return out


def _sum_pair_jaccard(matrix: sp.csr_array) -> float:
    """Sum of the Jaccard index over every pair of columns (pairs sharing nothing add 0)."""
    sizes = np.asarray(matrix.sum(axis=0)).ravel()
    total = 0.0
    for i, j, shared in blockwise_pairs(matrix):
        total += float((shared / (sizes[i] + sizes[j] - shared)).sum())
    return total


# --- the prepared graph ----------------------------------------------------------------------------------------


@dataclass
class _Prepared:
    """What detection needs, computed once per graph (and reused by every threshold setting)."""

    g: nx.MultiDiGraph
    inst: list[str]
    col: dict[str, int]
    unit_of: dict[str, str]
    parents: dict[str, set[str]]
    areas: dict[str, list[str]]  # area -> institutions tagged in it, sorted
    ties: list[tuple[str, str, str, str]]  # (source, target, type, category) among institutions, sorted
    members: sp.csc_array  # members x institutions
    functions: sp.csc_array  # functions x institutions
    backbone: set[tuple[str, str]] | None = None
    tree: nx.DiGraph = field(default_factory=nx.DiGraph)  # parent -> child, every hierarchy parent
    ties_by_area: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=dict)  # sorted, per area
    links: bool = True  # whether each complex lists its links
    acyclic: bool = True  # whether the hierarchy has no cycle (then ancestors are counted by bitsets)


def _prepare(g: nx.MultiDiGraph, th: Thresholds) -> _Prepared:
    inst = institutions(g)
    col = {n: k for k, n in enumerate(inst)}
    parents = hierarchy_parents(g)
    unit_of = elemental_units(g, parents)
    areas: dict[str, list[str]] = defaultdict(list)
    for n in inst:
        for a in g.nodes[n].get("issue_areas", []):
            areas[a].append(n)
    ties = sorted(
        {
            (u, v, d["type"], d["category"])
            for u, v, d in g.edges(data=True)
            if u != v and u in col and v in col and d.get("category") in _TIE_CATEGORIES
        }
    )
    mtypes = set(membership_types())
    member_ids: dict[str, int] = {}
    mi, mj = [], []
    for u, v, d in g.edges(data=True):
        if d["type"] in mtypes and v in col:
            mi.append(member_ids.setdefault(u, len(member_ids)))
            mj.append(col[v])
    members = sp.csc_array(
        (np.ones(len(mi), dtype=np.int64), (np.array(mi, dtype=np.int64), np.array(mj, dtype=np.int64))),
        shape=(len(member_ids), len(inst)),
    )
    members.data[:] = 1  # a member tied twice to one institution counts once
    members.sum_duplicates()
    members.data[:] = 1
    terms = sorted(vocabulary().functions)
    term = {t: k for k, t in enumerate(terms)}
    fi = [(term[t], col[n]) for n in inst for t in sorted(set(g.nodes[n].get("functions", []))) if t in term]
    functions = sp.csc_array(
        (np.ones(len(fi), dtype=np.int64), (np.array([p[0] for p in fi], dtype=np.int64), [p[1] for p in fi])),
        shape=(len(terms), len(inst)),
    )
    prep = _Prepared(g, inst, col, unit_of, parents, dict(areas), ties, members, functions)
    prep.tree.add_nodes_from(inst)
    prep.tree.add_edges_from(sorted((p, c) for c, ps in parents.items() for p in ps))
    prep.acyclic = nx.is_directed_acyclic_graph(prep.tree)
    for tie in ties:  # each tie is looked at only in the areas of its ends
        u, v = tie[0], tie[1]
        for a in sorted(set(g.nodes[u].get("issue_areas", [])) | set(g.nodes[v].get("issue_areas", []))):
            prep.ties_by_area.setdefault(a, []).append(tie)
    if th.overlap == "backbone":
        from govgraph.analysis.backbone import backbone

        used = np.flatnonzero(np.diff(members.indptr))
        b = backbone(members[:, used], "hypergeom", th.alpha)
        prep.backbone = {(inst[used[i]], inst[used[j]]) for i, j in zip(b.i.tolist(), b.j.tolist(), strict=True)}
    return prep


def _area_overlaps(prep: _Prepared, tagged: list[str], th: Thresholds) -> tuple[dict, dict]:
    """Membership and function overlap links among the institutions tagged in one area (pair -> (n, jaccard))."""
    cols = [prep.col[n] for n in tagged]
    if prep.backbone is not None:
        inside = set(tagged)
        memb = {p: (0, 0.0) for p in prep.backbone if p[0] in inside and p[1] in inside}
    else:
        memb = jaccard_pairs(_inc(prep.members, cols, tagged), th.min_shared_members, th.min_membership_jaccard)
    func = _function_pairs(prep.functions[:, cols], tagged, th)
    return memb, func


def _inc(matrix: sp.csc_array, cols: list[int], names: list[str]) -> Incidence:
    sub = sp.csr_array(matrix[:, cols])
    return Incidence(sub, [str(k) for k in range(sub.shape[0])], names)


def _function_pairs(matrix: sp.csc_array, names: list[str], th: Thresholds) -> dict[tuple[str, str], tuple]:
    """Function-overlap links, by groups of identical function sets (few: the vocabulary has few functions).

    Institutions with the same set of functions are compared once as a group, so the work grows with the number
    of distinct sets and the links actually made, never with all pairs of institutions.
    """
    csc = sp.csc_array(matrix)
    sets = [tuple(csc.indices[csc.indptr[k] : csc.indptr[k + 1]].tolist()) for k in range(csc.shape[1])]
    groups: dict[tuple[int, ...], list[str]] = defaultdict(list)
    for name, s in zip(names, sets, strict=True):
        if len(s) >= th.min_shared_functions:
            groups[s].append(name)
    keys = sorted(groups)
    out: dict[tuple[str, str], tuple[int, float]] = {}
    for x, sx in enumerate(keys):
        for sy in keys[x:]:
            shared = len(set(sx) & set(sy))
            jac = shared / len(set(sx) | set(sy))
            if shared < th.min_shared_functions or jac < th.min_function_jaccard - 1e-12:
                continue
            gx, gy = groups[sx], groups[sy]
            for a in gx:
                for b in gy:
                    if a < b:
                        out[(a, b)] = (shared, jac)
                    elif b < a and sx != sy:
                        out[(b, a)] = (shared, jac)
    return out


def _area_graph(prep: _Prepared, area: str, th: Thresholds) -> tuple[nx.Graph, list[str]]:
    """The institution graph of one issue area: ties (entering from other areas too) plus overlap links.

    Returns the graph (sorted nodes and edges; when the complexes list their links, each edge with ``kinds`` and
    ``ties`` = directed (source, target, type) triples) and the institutions that entered by a tie.
    """
    tagged = prep.areas.get(area, [])
    inside = set(tagged)
    pairs: set[tuple[str, str]] = set()
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    ties: dict[tuple[str, str], set[tuple[str, str, str]]] = defaultdict(set)
    entered: set[str] = set()
    for u, v, t, cat in prep.ties_by_area.get(area, []):
        if (u not in inside or v not in inside) and cat == "hierarchy":
            continue  # a body enters through its own ties, not because its parent or child is tagged here
        entered.update(n for n in (u, v) if n not in inside)
        pair = (min(u, v), max(u, v))
        pairs.add(pair)
        if prep.links:
            kinds[pair].add(t)
            ties[pair].add((u, v, t))
    memb, func = _area_overlaps(prep, tagged, th)
    for table, label in ((memb, "membership_overlap"), (func, "function_overlap")):
        pairs.update(table)
        if prep.links:
            for pair in table:
                kinds[pair].add(label)
    h = nx.Graph()
    h.add_nodes_from(sorted(inside | entered))
    if prep.links:
        h.add_edges_from((a, b, {"kinds": sorted(kinds[a, b]), "ties": sorted(ties[a, b])}) for a, b in sorted(pairs))
    else:  # only the structure is read
        h.add_edges_from(sorted(pairs))
    return h, sorted(entered)


def _sorted_graph(nodes: set[str] | list[str], edges: list[tuple[str, str]]) -> nx.Graph:
    """A graph whose nodes and edges iterate in sorted order (what Louvain sees must not depend on hashing)."""
    out = nx.Graph()
    out.add_nodes_from(sorted(nodes))
    out.add_edges_from(sorted({(min(a, b), max(a, b)) for a, b in edges}))
    return out


def _unit_groups(h: nx.Graph, unit_of: dict[str, str], th: Thresholds) -> list[list[str]]:
    """Groups of three or more linked units (components; Louvain communities inside large components), sorted.

    The unit graph is held as a sparse matrix over the sorted units: its rows are what networkx's adjacency of the
    graph built from sorted nodes and edges would hold (each row sorted), so Louvain sees what it would see there.
    """
    from scipy.sparse.csgraph import connected_components

    from govgraph.analysis.louvain import louvain_labels

    units = sorted({unit_of[n] for n in h})
    at = {u: k for k, u in enumerate(units)}
    pairs = np.array([(at[unit_of[a]], at[unit_of[b]]) for a, b in h.edges()], dtype=np.int64).reshape(-1, 2)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    rows, cols = np.r_[pairs[:, 0], pairs[:, 1]], np.r_[pairs[:, 1], pairs[:, 0]]
    adj = sp.csr_array((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(len(units), len(units)))
    adj.sum_duplicates()  # one entry per pair, rows sorted
    _, label = connected_components(adj, directed=False)
    order = np.argsort(label, kind="stable")  # members of a component in unit order
    bounds = np.flatnonzero(np.r_[True, label[order][1:] != label[order][:-1], True])
    comps = sorted((order[lo:hi] for lo, hi in itertools.pairwise(bounds)), key=lambda c: c[0])
    groups: list[list[str]] = []
    for comp in comps:
        if len(comp) > th.split_above:
            sub = sp.csr_array(adj[comp][:, comp])
            sub.sort_indices()
            parts = louvain_labels(sub.indptr.astype(np.int64), sub.indices.astype(np.int64), th.seed)
            for part in sorted((comp[parts == p] for p in np.unique(parts)), key=lambda p: p[0]):
                groups.append([units[k] for k in part.tolist()])
        else:
            groups.append([units[k] for k in comp.tolist()])
    return [grp for grp in groups if len(grp) >= 3]


def _detect(prep: _Prepared, th: Thresholds, areas: list[str]) -> Iterator[tuple[str, list[str], nx.Graph, set[str]]]:
    """(area, institutions, area graph, entered by tie) of each complex, in area then group order.

    A generator: each area's graph is built when the area comes and dropped when the caller moves on, so only
    one area's graph is held at a time.
    """
    for area in areas:
        if not prep.areas.get(area):
            continue
        h, entered = _area_graph(prep, area, th)
        if h.number_of_nodes() < 3:
            continue
        outsiders = set(entered)
        by_unit: dict[str, list[str]] = defaultdict(list)
        for n in h:  # sorted: h is built with sorted nodes
            by_unit[prep.unit_of[n]].append(n)
        for grp in _unit_groups(h, prep.unit_of, th):
            nodes = sorted(n for u in grp for n in by_unit[u])
            if len({prep.unit_of[n] for n in nodes if n not in outsiders}) >= 3:
                yield area, nodes, h, outsiders


# --- measures --------------------------------------------------------------------------------------------------


def _actor_type(d: dict[str, Any]) -> str:
    return d.get("org_type") or d.get("kind", "unknown")


def _betweenness(sub: nx.Graph) -> dict[str, float]:
    """Normalised betweenness of a complex: networkx's own up to ``centrality.NUMPY_ABOVE`` institutions, the
    same sums with numpy up to :data:`_EXACT_BETWEENNESS` (equal to 1e-12), then estimated from that many
    sources sampled with seed 0 (networkx's sample and scaling)."""
    from govgraph.analysis.centrality import NUMPY_ABOVE, exact_betweenness, sampled_betweenness

    if len(sub) <= NUMPY_ABOVE:
        return nx.betweenness_centrality(sub, normalized=True)
    if len(sub) <= _EXACT_BETWEENNESS:
        return exact_betweenness(sub)
    return sampled_betweenness(sub, _EXACT_BETWEENNESS, seed=0)


def _density(n: int, m: int) -> float:
    """``networkx.density`` of an undirected graph of ``n`` nodes and ``m`` edges, the same float."""
    return 0 if m == 0 or n <= 1 else m / (n * (n - 1)) * 2  # networkx gives the int 0


def _ancestor_pairs(tree: nx.DiGraph, nodes: list[str]) -> int:
    """Pairs (ancestor, descendant) among ``nodes`` in an acyclic hierarchy ``tree`` (parent -> child edges).

    Each node's ancestors among ``nodes`` are a bitset (an int, bit k for ``nodes[k]``) built once from its
    parents' in one walk up from all of ``nodes`` (each ancestor visited once per complex, not once per descendant
    below it): the count :func:`_ancestor_pairs_walked` gives, at the cost of the complex's upward closure.
    """
    pred = tree.pred
    bit = {n: 1 << k for k, n in enumerate(nodes)}
    above: dict[str, int] = {}  # node -> bitset of its proper ancestors among nodes
    for start in nodes:
        stack = [(start, False)]
        while stack:
            v, parents_done = stack.pop()
            if v in above:
                continue
            if parents_done:
                acc = 0
                for p in pred[v]:
                    acc |= above[p] | bit.get(p, 0)
                above[v] = acc
            else:
                stack.append((v, True))
                stack.extend((p, False) for p in pred[v] if p not in above)
    return sum(above[n].bit_count() for n in nodes)


def _ancestor_pairs_walked(tree: nx.DiGraph, nodes: list[str]) -> int:
    """:func:`_ancestor_pairs` by one walk up from each node: for a hierarchy with a cycle."""
    inside = set(nodes)
    return sum(len(nx.ancestors(tree, n) & inside) for n in nodes if tree.pred.get(n))


def _measure(prep: _Prepared, area: str, nodes: list[str], h: nx.Graph, entered: set[str]) -> RegimeComplex:
    """The measures of one complex: its institutions, units, density, hierarchy, overlap and bridges."""
    g, unit_of = prep.g, prep.unit_of
    inside = set(nodes)
    sub = _sorted_graph(nodes, [(a, b) for a, b in h.edges(nodes) if a in inside and b in inside])
    units: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        units[unit_of[n]].append(n)
    unit_pairs = {(min(ua, ub), max(ua, ub)) for a, b in sub.edges() if (ua := unit_of[a]) != (ub := unit_of[b])}
    between = _betweenness(sub)
    arts = set(nx.articulation_points(sub))
    n_pairs = len(nodes) * (len(nodes) - 1) // 2
    tagged = [prep.col[n] for n in nodes if area in g.nodes[n].get("issue_areas", [])]
    ancestors = _ancestor_pairs(prep.tree, nodes) if prep.acyclic else _ancestor_pairs_walked(prep.tree, nodes)
    links = []
    for a, b in sub.edges() if prep.links else ():
        d = h[a][b]
        by_dir: dict[tuple[str, str], list[str]] = defaultdict(list)
        for u, v, t in d["ties"]:
            by_dir[(u, v)].append(t)
        links.extend({"source": u, "target": v, "kinds": sorted(ts), "directed": True} for (u, v), ts in by_dir.items())
        overlap = [t for t in d["kinds"] if t.endswith("_overlap")]
        if overlap:
            links.append({"source": a, "target": b, "kinds": overlap, "directed": False})
    links.sort(key=lambda x: (min(x["source"], x["target"]), max(x["source"], x["target"]), x["source"], x["kinds"]))
    return RegimeComplex(
        number=0,
        issue_area=area,
        institutions=nodes,
        units={u: units[u] for u in sorted(units)},
        density=_density(len(units), len(unit_pairs)),
        institution_density=nx.density(sub),
        hierarchy_score=ancestors / n_pairs if n_pairs else 0.0,
        mean_membership_overlap=_sum_pair_jaccard(sp.csr_array(prep.members[:, tagged])) / n_pairs if n_pairs else 0.0,
        mean_function_overlap=_sum_pair_jaccard(sp.csr_array(prep.functions[:, tagged])) / n_pairs if n_pairs else 0.0,
        bridging=sorted(arts, key=lambda n: (-round(between[n], 12), n)),
        articulation_points=sorted(arts),
        betweenness={n: between[n] for n in nodes},
        actor_types=dict(sorted(Counter(_actor_type(g.nodes[n]) for n in nodes).items())),
        member_types=dict(sorted(Counter(t for n in nodes for t in g.nodes[n].get("member_types", [])).items())),
        links=links,
        entered_by_tie=[n for n in nodes if n in entered],
    )


def _share_overlaps(found: list[RegimeComplex]) -> None:
    """Fill each complex's ``shared_with``: the other complexes holding some of its institutions.

    Each institution in several complexes gives every pair of them, as numpy arrays (never all pairs of
    complexes); sorted by pair and then by institution, each pair's run is its shared institutions in id order.
    A complex lists its :data:`SHARED_WITH` partners of highest Jaccard (ties by number) and counts the rest in
    ``shared_with_more``; only the listed pairs become Python lists.
    """
    names = sorted({n for c in found for n in c.institutions})
    index = {n: k for k, n in enumerate(names)}
    rows = np.array([index[n] for c in found for n in c.institutions], dtype=np.int64)
    cols = np.repeat(np.arange(len(found), dtype=np.int64), [c.size for c in found])
    order = np.lexsort((cols, rows))  # by institution, then complex
    rows, cols = rows[order], cols[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if len(rows) else np.zeros(0, dtype=np.int64)
    counts = np.diff(np.r_[starts, len(rows)])
    xs, ys, who = [], [], []
    for k in np.unique(counts[counts > 1]).tolist():  # institutions in k complexes: every pair of their k
        at = starts[counts == k]
        first, second = np.triu_indices(k, 1)
        xs.append(cols[(at[:, None] + first).ravel()])
        ys.append(cols[(at[:, None] + second).ravel()])
        who.append(np.repeat(rows[at], len(first)))
    if not xs:
        return
    x, y, w = np.concatenate(xs), np.concatenate(ys), np.concatenate(who)
    order = np.lexsort((w, y, x))
    x, y, w = x[order], y[order], w[order]
    bounds = np.flatnonzero(np.r_[True, (x[1:] != x[:-1]) | (y[1:] != y[:-1]), True])
    lo, hi = bounds[:-1], bounds[1:]
    px, py, count = x[lo], y[lo], hi - lo
    sizes = np.array([c.size for c in found])
    jac = count / (sizes[px] + sizes[py] - count)
    # each complex keeps its SHARED_WITH partners of highest Jaccard (ties by number); a pair is listed if either does
    side, other = np.r_[px, py], np.r_[py, px]
    rank_order = np.lexsort((other, -np.r_[jac, jac], side))
    ranked = side[rank_order]
    first = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    rank = np.arange(len(ranked)) - np.repeat(first, np.diff(np.r_[first, len(ranked)]))
    kept = np.zeros(len(side), dtype=bool)
    kept[rank_order[rank < SHARED_WITH]] = True
    more = np.bincount(side[~kept], minlength=len(found))
    for k in np.flatnonzero(kept).tolist():
        p = k % len(px)
        a, b = found[int(side[k])], found[int(other[k])]
        names_p = [names[r] for r in w[lo[p] : hi[p]].tolist()]
        a.shared_with.append({"complex": b.number, "shared": names_p, "jaccard": float(jac[p])})
    for c, extra in zip(found, more.tolist(), strict=True):
        c.shared_with.sort(key=lambda s: s["complex"])
        c.shared_with_more = extra


def _thresholds(thresholds: dict[str, Any]) -> Thresholds:
    try:
        th = Thresholds(**thresholds)
    except TypeError as exc:
        raise UsageError(f"unknown threshold: {exc}") from None
    th.check()
    return th


def _areas(issue_area: str | None) -> list[str]:
    areas = vocabulary().issue_areas
    if issue_area is not None and issue_area not in areas:
        from govgraph.dataset import suggest

        raise UsageError(f"unknown issue area {issue_area!r}{suggest(issue_area, areas)}")
    return sorted(areas)


def _complexes(prep: _Prepared, th: Thresholds, areas: list[str]) -> list[RegimeComplex]:
    """Detect and measure every complex; number them; fill the shared institutions."""
    found = []
    for area, nodes, h, entered in _detect(prep, th, areas):
        found.append(_measure(prep, area, nodes, h, entered))
    found.sort(key=lambda c: (c.issue_area, -c.size, c.institutions[0]))
    for i, c in enumerate(found, start=1):
        c.number = i
    _share_overlaps(found)
    return found


def regime_complexes(
    g: nx.MultiDiGraph,
    issue_area: str | None = None,
    sensitivity: bool = False,
    links: bool = True,
    **thresholds: Any,
) -> RegimeResult:
    """Find the regime complexes of ``g`` (every issue area, or only ``issue_area``).

    ``thresholds`` are the fields of :class:`Thresholds`. Numbers are assigned over all issue areas, so
    complex N is the same complex with or without the issue-area filter. A graph that is not a snapshot is
    looked at in its latest year (what coexists now; dissolved bodies drop out). ``sensitivity=True`` reruns
    detection over a grid of thresholds around the given ones (:func:`sensitivity_grid`) and gives each complex
    and each of its institutions the share of settings in which it is found. ``links=False`` leaves each complex's
    ``links`` empty (a caller that shows only the tables saves a dict per tie: a gigabyte at 100,000 institutions).

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
    th = _thresholds(thresholds)
    areas = _areas(issue_area)
    if "as_of" not in g.graph:
        g = graph_as_of(g, None)
    prep = _prepare(g, th)
    prep.links = links
    found = _complexes(prep, th, areas)
    report = None
    if sensitivity:
        report = _sensitivity(prep, th, areas, found)
    chosen = [c for c in found if issue_area is None or c.issue_area == issue_area]
    names = {n: g.nodes[n].get("name", n) for c in chosen for n in c.institutions}
    if report is not None and issue_area is not None:
        keep = {c.number for c in chosen}
        report["institutions"] = [r for r in report["institutions"] if r["complex"] in keep]
    return RegimeResult(chosen, th, issue_area, g.graph.get("as_of"), names, sensitivity=report)


# --- robustness ------------------------------------------------------------------------------------------------

#: A complex found under another setting matches when the Jaccard index of the two institution sets is at least this.
MATCH_JACCARD = 0.5


def sensitivity_grid(th: Thresholds) -> list[Thresholds]:
    """The settings ``--sensitivity`` tries: each threshold one step below, at and above the one given.

    Membership and function Jaccard thresholds step by 0.25 (within 0..1; the backbone's alpha by a factor of 10
    instead of the membership Jaccard), ``split_above`` by 5 (at least 3): 27 settings, the given one among them.
    """

    def steps(value: float, step: float) -> list[float]:
        return sorted({min(1.0, max(0.0, round(value + k * step, 6))) for k in (-1, 0, 1)})

    member = (
        [("alpha", a) for a in sorted({th.alpha / 10, th.alpha, min(1.0, th.alpha * 10)})]
        if th.overlap == "backbone"
        else [("min_membership_jaccard", v) for v in steps(th.min_membership_jaccard, 0.25)]
    )
    grid = []
    for name, mv in member:
        for fv in steps(th.min_function_jaccard, 0.25):
            for sv in sorted({max(3, th.split_above + k) for k in (-5, 0, 5)}):
                grid.append(replace(th, **{name: mv, "min_function_jaccard": fv, "split_above": sv}))
    return grid


def _sensitivity(prep: _Prepared, th: Thresholds, areas: list[str], found: list[RegimeComplex]) -> dict[str, Any]:
    """Share of the grid's settings in which each complex (and each of its institutions) is found."""
    grid = sensitivity_grid(th)
    hits = Counter()
    inst_hits: Counter = Counter()
    for setting in grid:
        other = _prepare(prep.g, setting) if setting.overlap == "backbone" and setting.alpha != th.alpha else prep
        runs: dict[str, list[set[str]]] = defaultdict(list)
        for area, nodes, *_ in _detect(other, setting, areas):
            runs[area].append(set(nodes))
        for c in found:
            mine = set(c.institutions)
            if any(len(mine & s) / len(mine | s) >= MATCH_JACCARD for s in runs.get(c.issue_area, [])):
                hits[c.number] += 1
            covered = set().union(*runs.get(c.issue_area, [set()]))
            for n in c.institutions:
                if n in covered:
                    inst_hits[(c.number, n)] += 1
    total = len(grid)
    for c in found:
        c.robustness = hits[c.number] / total
    return {
        "settings": total,
        "match": MATCH_JACCARD,
        "grid": _grid_text(grid),
        "complexes": [{"complex": c.number, "share": hits[c.number] / total} for c in found],
        "institutions": [
            {"complex": c.number, "institution": n, "share": inst_hits[(c.number, n)] / total}
            for c in found
            for n in c.institutions
        ],
    }


def _grid_text(grid: list[Thresholds]) -> list[str]:
    """Each varied threshold with the values tried."""
    out = []
    for name in ("min_membership_jaccard", "alpha", "min_function_jaccard", "split_above"):
        values = sorted({getattr(t, name) for t in grid})
        if name == "alpha" and grid[0].overlap != "backbone":
            continue
        if name == "min_membership_jaccard" and grid[0].overlap == "backbone":
            continue
        out.append(f"{name} {', '.join(f'{v:g}' for v in values)}")
    return out
