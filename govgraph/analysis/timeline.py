"""Time as an axis: one analysis run on the snapshot of every year of a range, as one long table and a figure.

``--over START:END[:STEP]`` on ``centrality``, ``overlap`` and ``power`` gives rows ``(year, id, measure, value)``
(:class:`Timeline`) and, with ``--figure PATH``, a line figure of the leading series. Each year is the
:func:`govgraph.graph.snapshot` of the whole graph (what held in that year); the analysis of one year is the
command's own library function, unchanged, so a row equals what ``--as-of YEAR`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph.graph import snapshot
from govgraph.precision import DEFAULT_PRECISION, significant
from govgraph.tables import Table

__all__ = ["SERIES", "Timeline", "centrality_over", "over_years", "overlap_over", "power_over"]

#: Lines a figure draws at most: the series with the highest value in the last year (ties by id).
SERIES = 10

Row = tuple[int, str, str, float]


@dataclass
class Timeline:
    """One analysis over a range of years: ``rows`` of (year, id, measure, value), sorted."""

    analysis: str
    description: str
    years: list[int]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    precision: int = DEFAULT_PRECISION

    def to_json(self) -> dict[str, Any]:
        return {
            "analysis": self.analysis,
            "description": self.description,
            "years": self.years,
            "notes": self.notes,
            "rows": [{"year": y, "id": i, "measure": m, "value": v} for y, i, m, v in self.rows],
        }

    def tables(self) -> list[Table]:
        span = f"{self.years[0]}-{self.years[-1]}" if self.years else "no years"
        rows = [[y, i, m, significant(v, self.precision)] for y, i, m, v in self.rows]
        caption = f"{self.description}; {len(self.years)} years, {len(self.rows)} rows"
        title = f"{self.analysis.capitalize()} over {span}"
        return [Table("timeline", title, ["year", "id", "measure", "value"], rows, caption=caption, notes=self.notes)]

    def series(self, limit: int = SERIES) -> list[tuple[str, str]]:
        """The (id, measure) series a figure draws: highest value in the last year they appear, ties by id."""
        last: dict[tuple[str, str], tuple[int, float]] = {}
        for y, i, m, v in self.rows:
            last[(i, m)] = (y, v)
        return sorted(last, key=lambda k: (-last[k][0], -last[k][1], k))[:limit]

    def figure(self, width: float = 7.0, height: float = 4.5, dpi: int = 150, limit: int = SERIES) -> Any:
        """A line figure: one line per leading series (value by year), a legend naming id and measure."""
        from govgraph.figures.style import new_figure

        fig = new_figure(width, height, dpi)
        ax = fig.add_subplot()
        chosen = self.series(limit)
        measures = {m for _, m in chosen}
        for key in chosen:
            points = {y: v for y, i, m, v in self.rows if (i, m) == key}
            xs = [y for y in self.years if y in points]
            label = key[0] if len(measures) == 1 else f"{key[0]} · {key[1]}"
            ax.plot(xs, [points[y] for y in xs], marker="o", markersize=3, linewidth=1.2, label=label)
        ax.set_xlabel("year")
        ax.set_ylabel(next(iter(measures)) if len(measures) == 1 else "value")
        ax.set_title(f"{self.analysis.capitalize()}: {self.description}", fontsize=9)
        if chosen:
            ax.legend(fontsize=7, frameon=False, loc="best")
        ax.grid(alpha=0.3)
        return fig

    def save_figure(self, path: Path) -> Path:
        """Write :meth:`figure` to ``path`` (.svg, .pdf or .png), the same bytes on every run."""
        from govgraph.figures.style import save_figure

        return save_figure(self.figure(), path)


def over_years(
    g: nx.MultiDiGraph, years: Sequence[int], rows_of: Callable[[nx.MultiDiGraph], Iterable[tuple[str, str, float]]]
) -> list[Row]:
    """``rows_of`` (id, measure, value) applied to the snapshot of each year, as sorted (year, id, measure, value)."""
    out = [(y, i, m, v) for y in years for i, m, v in rows_of(snapshot(g, y))]
    return sorted(out, key=lambda r: (r[0], r[1], r[2]))


def _disputed(g: nx.MultiDiGraph, years: Sequence[int]) -> list[str]:
    """Notes on the years whose snapshots a disputed founding date changes (they follow the paper's date)."""
    from govgraph.disputes import disputed_foundings, snapshot_notes

    return snapshot_notes(disputed_foundings(g), years)


def centrality_over(
    g: nx.MultiDiGraph,
    years: Sequence[int],
    measures: Sequence[str] | None = None,
    projection: str = "links",
    kinds: Iterable[str] | None = None,
    top: int | None = None,
) -> Timeline:
    """:func:`govgraph.analysis.centrality.centrality` in each year; ``top`` keeps each year's first N actors."""
    from govgraph.analysis.centrality import PROJECTIONS, centrality, check_measures

    chosen = check_measures(measures)
    notes: list[str] = []

    def rows_of(h: nx.MultiDiGraph) -> list[tuple[str, str, float]]:
        r = centrality(h, chosen, projection, kinds, top)
        notes.extend(f"{h.graph['as_of']}: {n}" for n in r.notes())
        return [(row["id"], m, row["scores"][m]) for row in r.rows for m in chosen]

    rows = over_years(g, years, rows_of)
    what = f"{', '.join(chosen)} on the {projection} projection ({PROJECTIONS[projection][1]})"
    if top:
        what += f", each year's top {top}"
    return Timeline("centrality", what, list(years), rows, notes + _disputed(g, years))


def overlap_over(
    g: nx.MultiDiGraph,
    years: Sequence[int],
    analysis: str = "membership",
    **options: Any,
) -> Timeline:
    """:func:`~govgraph.analysis.overlap.membership_overlap` (or ``analysis="function"``) in each year.

    Each pair is one id, ``a + b``; its measures are the similarity (named by the metric) and ``shared``.
    """
    from govgraph.analysis.overlap import function_overlap, membership_overlap

    run = membership_overlap if analysis == "membership" else function_overlap
    metric = options.get("metric", "jaccard")

    def rows_of(h: nx.MultiDiGraph) -> list[tuple[str, str, float]]:
        pairs = run(h, **options).pairs
        return [(f"{p.a} + {p.b}", metric, p.similarity) for p in pairs] + [
            (f"{p.a} + {p.b}", "shared", float(p.shared)) for p in pairs
        ]

    rows = over_years(g, years, rows_of)
    what = f"{metric} >= {options.get('min_value', 0.0):g} of pairs " + (
        "sharing members" if analysis == "membership" else f"sharing {options.get('by', 'functions')}"
    )
    return Timeline(f"{analysis} overlap", what, list(years), rows, _disputed(g, years))


def power_over(g: nx.MultiDiGraph, years: Sequence[int], kinds: list[str] | None = None) -> Timeline:
    """:func:`govgraph.analysis.power.power` in each year: each country's share of seats, and ``all``'s HHI."""
    from govgraph.analysis.power import power

    def rows_of(h: nx.MultiDiGraph) -> list[tuple[str, str, float]]:
        p = power(h, kinds)
        return [
            ("all", "hhi", float(p.hhi)),
            ("all", "seats", float(p.counted)),
            *((r["country"], "share", float(r["share"])) for r in p.by_country),
        ]

    rows = over_years(g, years, rows_of)
    what = "headquarters: each country's share of seats; HHI over countries"
    return Timeline("power", what, list(years), rows, _disputed(g, years))
