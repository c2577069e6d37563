"""The whole battery of analyses on one graph, gathered as titled sections for the Markdown and HTML writers."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from govgraph.tables import Report

if TYPE_CHECKING:
    from govgraph.analysis.regimes import RegimeResult

__all__ = ["BuiltReport", "Section", "build_report", "build_report_of"]

#: Tables longer than this are cut in the report (the command named in the section prints them whole).
MAX_ROWS = 25


@dataclass
class Section:
    """One analysis in the report: its title, what it shows, the command behind it, and its result."""

    key: str
    title: str
    intro: str
    command: str
    result: Report
    figures: dict[str, str] = field(default_factory=dict)


@dataclass
class BuiltReport:
    """Every section of the report, and the headline numbers."""

    title: str
    as_of: int | None
    sections: list[Section]
    headline: dict[str, Any]

    def summary(self) -> str:
        """A few lines for the terminal: what the dataset holds and what stands out."""
        h = self.headline
        lines = [f"{h['actors']} actors, {h['relations']} relations, {h['sources']} sources"]
        lines.append(
            f"{h['complexes']} regime complexes" + (f": {', '.join(h['complex_areas'])}" if h["complex_areas"] else "")
        )
        if h.get("top_country"):
            lines.append(
                f"headquarters: {h['seats']} seats in {h['countries']} countries; top {h['top_country']} "
                f"({h['top_share']:.1%}), HHI {h['hhi']:.3f}, North {h['north_share']:.1%}"
            )
        line = f"{h['state_actions']} state actions, {h['ended_by_state_action']} memberships ended by one"
        if h.get("disputed_state_facts"):
            line += f" ({h['disputed_state_facts']} of these disputed by public sources; see the power section)"
        lines.append(line)
        if h.get("disputed_foundings"):
            ids = ", ".join(h["disputed_foundings"])
            lines.append(
                f"founding dates disputed by public sources: {ids} (the paper's kept; see the evolution section)"
            )
        return "\n".join(lines)


def _centrality_section(g: nx.MultiDiGraph) -> Section:
    """Centrality on the institution link graph, the ten most central."""
    from govgraph.analysis.centrality import centrality

    intro = "The ten most central institutions of the institution link graph (networkx normalisation; ties by id)."
    return Section("centrality", "Centrality", intro, "govgraph centrality --top 10", centrality(g, top=10))


#: The report gives each regime complex's robustness (the share of the 27 threshold settings of ``regimes
#: --sensitivity`` that find it) up to this many institutions: about 4 s of CPU there on synthetic data (10
#: memberships per organisation, ``benchmarks/bench_regimes.py --sensitivity``); beyond, it says how to compute it.
ROBUSTNESS_LIMIT = 1000


def _regimes(g: nx.MultiDiGraph, limit: int) -> RegimeResult:
    """Regime complexes of ``g``, with their robustness when ``g`` holds at most ``limit`` institutions."""
    from govgraph.analysis.regimes import institutions, regime_complexes

    return regime_complexes(g, sensitivity=len(institutions(g)) <= limit, links=False)  # the report shows tables


def _regimes_section(g: nx.MultiDiGraph, reg: RegimeResult, year: str, limit: int) -> Section:
    """The regimes section: its intro says whether robustness was computed, and if not, how to."""
    from govgraph.analysis.regimes import institutions

    intro = "Three or more linked, non-hierarchical elemental units in one issue area (see the README)."
    if reg.sensitivity is not None:
        intro += (
            f" Found in: the share of {reg.sensitivity['settings']} threshold settings in which each complex, "
            "and each of its institutions, is found."
        )
        return Section("regimes", f"Regime complexes{year}", intro, "govgraph regimes --sensitivity", reg)
    intro += (
        f" Robustness (the share of threshold settings finding each complex) is skipped: {len(institutions(g))} "
        f"institutions, above the report's limit of {limit}; `govgraph regimes --sensitivity` computes it."
    )
    return Section("regimes", f"Regime complexes{year}", intro, "govgraph regimes", reg)


def build_report(g: nx.MultiDiGraph, robustness_limit: int = ROBUSTNESS_LIMIT) -> BuiltReport:
    """Run stats, centrality, regimes, evolution, power and overlap on ``g`` (a snapshot if it is one).

    Regime complexes get their robustness (``regimes --sensitivity``) up to ``robustness_limit`` institutions.
    """
    from govgraph.analysis.projections import graph_as_of

    now = g if "as_of" in g.graph else graph_as_of(g, None)
    return _assemble(_Whole.of(g), now, robustness_limit)


def build_report_of(dataset: Any, as_of: int | None = None, robustness_limit: int = ROBUSTNESS_LIMIT) -> BuiltReport:
    """:func:`build_report` of the dataset's graph (its snapshot of ``as_of`` when given), built here.

    No whole graph is built: the overlaps and stats are read from the dataset's columns, evolution and power from
    a graph of every actor and only the ties they read, and the rest from a lean graph of the default year (at
    100,000 organisations and a million memberships a whole graph is about 1.7 GiB). With ``as_of`` everything
    reads that year's graph.
    """
    from govgraph.analysis.overlap import function_overlap_of, membership_overlap_of
    from govgraph.graph import build_graph
    from govgraph.years import default_year

    year = as_of if as_of is not None else default_year(dataset)
    overlaps = (  # from the columns, before any graph is held
        membership_overlap_of(dataset, year, min_value=0.5, limit=MAX_ROWS),
        function_overlap_of(dataset, year, min_value=0.5, limit=MAX_ROWS),
    )
    if as_of is not None:
        now = build_graph(dataset, as_of)
        return _assemble(_Whole.of(now), now, robustness_limit, overlaps)
    whole = _Whole.of_dataset(dataset, year)
    gc.collect()  # evolution's graph is gone, but its cached views refer back to it: only the cyclic collector frees it
    now = build_graph(dataset, year, lean=True)  # what centrality and regimes read
    return _assemble(whole, now, robustness_limit, overlaps)


@dataclass
class _Whole:
    """What the report reads of the whole graph (or of the one snapshot asked for)."""

    stats: Any
    evolution: Any
    power: Any
    as_of: int | None

    @classmethod
    def of(cls, g: nx.MultiDiGraph) -> _Whole:
        from govgraph.analysis.evolution import evolution
        from govgraph.analysis.power import power
        from govgraph.describe import stats

        return cls(stats(g), evolution(g), power(g), g.graph.get("as_of"))

    @classmethod
    def of_dataset(cls, dataset: Any, year: int | None) -> _Whole:
        """The same as :meth:`of` the whole graph, without building it: stats counted in the columns, evolution and
        power on a graph of every actor and only the ties they read (successions, state actions, memberships ended
        by one); ``year`` is the dataset's default year, where power counts seats."""
        from govgraph.analysis.evolution import evolution
        from govgraph.analysis.power import power
        from govgraph.describe import stats_of
        from govgraph.graph import build_graph, with_relations

        g = build_graph(with_relations(dataset, _whole_reads()))
        return cls(stats_of(dataset), evolution(g), power(g, year=year), None)


def _whole_reads() -> Callable[[Any, Any], Any]:
    """The ``keep`` of :func:`govgraph.graph.with_relations` for the ties evolution and power read: succession and
    state-action ties, and memberships a state's action ended (see ``evolution._successions`` and
    ``power._state_actions``). Works on polars columns and on values."""
    from govgraph.vocab import vocabulary

    v = vocabulary()
    read = {*v.relation_types_in("succession"), *v.relation_types_in("state_action")}
    membership = set(v.relation_types_in("membership"))
    read_list, membership_list = sorted(read), sorted(membership)

    def keep(types: Any, end_reason: Any) -> Any:
        if isinstance(types, str):
            return types in read or (types in membership and end_reason == "state_action")
        return types.is_in(read_list) | (types.is_in(membership_list) & (end_reason == "state_action"))

    return keep


def _assemble(
    whole: _Whole, now: nx.MultiDiGraph, robustness_limit: int, overlaps: tuple[Any, Any] | None = None
) -> BuiltReport:
    """The sections: the whole graph's results, and the analyses of ``now`` run here (the membership and function
    overlaps of ``now`` unless given)."""
    from govgraph.analysis.overlap import function_overlap, membership_overlap
    from govgraph.report.figures import foundings_svg, hq_svg

    st, evo, pw = whole.stats, whole.evolution, whole.power
    reg = _regimes(now, robustness_limit)
    if overlaps is None:  # the rows the report shows, and the count of all pairs
        overlaps = (
            membership_overlap(now, min_value=0.5, limit=MAX_ROWS),
            function_overlap(now, min_value=0.5, limit=MAX_ROWS),
        )
    memb, func = overlaps
    figs_evo = {"foundings_per_decade": svg} if (svg := foundings_svg(evo)) else {}
    figs_pw = {"hq_by_country": svg} if (svg := hq_svg(pw)) else {}
    year = f" (as of {now.graph['as_of']})" if now.graph.get("as_of") else ""
    sections = [
        Section("stats", "What the dataset holds", "Actors by kind and relations by type.", "govgraph stats", st),
        _centrality_section(now),
        _regimes_section(now, reg, year, robustness_limit),
        Section(
            "evolution",
            "Evolution",
            "Foundings per decade and per stage of governance; dissolutions and "
            "successions; the paper's own counts beside them.",
            "govgraph evolution",
            evo,
            figs_evo,
        ),
        Section(
            "power",
            f"Power structure{year}",
            "Headquarters by country, region and North-South, their "
            "concentration (HHI), and state actions against non-state actors.",
            "govgraph power",
            pw,
            figs_pw,
        ),
        Section(
            "membership_overlap",
            f"Membership overlap{year}",
            "Pairs of institutions sharing members (Jaccard >= 0.5).",
            "govgraph overlap membership --min 0.5",
            memb,
        ),
        Section(
            "function_overlap",
            f"Function overlap{year}",
            "Pairs of institutions serving the same functions (Jaccard >= 0.5), linked or not.",
            "govgraph overlap function --min 0.5",
            func,
        ),
    ]
    sj, pj = st.to_json(), pw.to_json()
    north = next((r["share"] for r in pw.north_south if r["north_south"] == "North"), 0.0)
    headline = {
        "actors": sj["actors"],
        "relations": sj["relations"],
        "sources": sj["sources"],
        "complexes": len(reg.complexes),
        "complex_areas": sorted({c.issue_area for c in reg.complexes}),
        "seats": pw.counted,
        "countries": len(pw.by_country),
        "top_country": pw.top_country,
        "top_share": pw.top_share,
        "hhi": pw.hhi,
        "north_share": north,
        "state_actions": len(pj["state_actions"]),
        "ended_by_state_action": len(pj["ended_by_state_action"]),
        "disputed_state_facts": pj["disputed"],
        "disputed_foundings": [r["id"] for r in evo.disputed_foundings],
    }
    return BuiltReport("govgraph report", whole.as_of, sections, headline)
