"""Regime complexes over time: detection in each year of a span, matched across years, with their events.

``regimes --over 1950:2020:10`` finds the complexes of each year (the snapshot of that year, with the same rules
and thresholds as :func:`govgraph.analysis.regimes.regime_complexes`) and matches the complexes of consecutive
years of the same issue area by the Jaccard index of their institution sets (a match at ``match`` or above,
default 0.3). From the matches:

* **birth**: a complex with no predecessor; **end**: a complex with no successor;
* **merge**: a complex with two or more predecessors; **split**: a complex with two or more successors;
* **growth** / **shrinkage** / **stable**: one predecessor and one successor, more, fewer or as many institutions.

Complexes are named ``YEAR#N`` by their number in that year's detection.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph.analysis.projections import graph_as_of
from govgraph.disputes import disputed_foundings, snapshot_notes
from govgraph.errors import UsageError
from govgraph.tables import Table

__all__ = ["RegimeTimeline", "parse_span", "regimes_over"]

#: Events, in the order a table lists them within a year.
EVENTS: tuple[str, ...] = ("birth", "merge", "split", "growth", "shrinkage", "stable", "end")


def parse_span(text: str) -> list[int]:
    """``START:END[:STEP]`` -> the years (STEP defaults to 10; END included when on the step)."""
    parts = text.split(":")
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        nums = []
    if len(nums) not in (2, 3):
        raise UsageError(f"--over wants START:END or START:END:STEP (years), not {text!r}")
    start, end, step = nums[0], nums[1], nums[2] if len(nums) == 3 else 10
    if step < 1 or end < start or not 1 <= start <= 9999 or end > 9999:
        raise UsageError(f"--over {text!r}: want 1 <= START <= END <= 9999 and STEP >= 1")
    years = list(range(start, end + 1, step))
    if len(years) > 1000:
        raise UsageError(f"--over {text!r} asks for {len(years)} years; at most 1000")
    return years


@dataclass
class RegimeTimeline:
    """The complexes of each year, and the births, growth, merges, splits and ends between years."""

    years: list[int]
    match: float
    issue_area: str | None
    complexes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    precision: int = 3

    def to_json(self) -> dict[str, Any]:
        return {
            "years": self.years,
            "issue_area": self.issue_area,
            "match": self.match,
            "complexes": self.complexes,
            "events": self.events,
            "notes": self.notes,
        }

    def tables(self) -> list[Table]:
        from govgraph.precision import significant

        rows = [
            [c["year"], c["id"], c["issue_area"], c["size"], c["units"], c["predecessors"], c["institutions"]]
            for c in self.complexes
        ]
        events = [
            [e["year"], e["event"], e["issue_area"], e["from"], e["to"], e["sizes"], e["jaccard"]] for e in self.events
        ]
        for e in events:
            e[6] = [significant(j, self.precision, trim=True) for j in e[6]]
        return [
            Table(
                "regimes_over_time",
                f"Regime complexes, {self.years[0]}-{self.years[-1]}",
                ["year", "complex", "issue area", "institutions", "units", "from", "members"],
                rows,
                notes=[
                    f"complexes of consecutive years match when their institutions' Jaccard index >= {self.match}",
                    *self.notes,
                ],
            ),
            Table(
                "regime_events",
                "Births, merges, splits, growth and ends",
                ["year", "event", "issue area", "from", "to", "sizes", "jaccard"],
                events,
            ),
        ]

    def figure(self, path: Path, width: float = 8, height: float = 4.5, dpi: int = 150) -> Path:
        """Each complex as a point (year, size), a line to each complex it matches the next year; saved to ``path``."""
        from govgraph.figures.style import new_figure, save_figure

        fig = new_figure(width, height, dpi)
        ax = fig.add_subplot()
        areas = sorted({c["issue_area"] for c in self.complexes})
        colour = {a: f"C{k % 10}" for k, a in enumerate(areas)}
        by_id = {c["id"]: c for c in self.complexes}
        for c in self.complexes:
            for p in c["predecessors"]:
                q = by_id[p]
                ax.plot([q["year"], c["year"]], [q["size"], c["size"]], color=colour[c["issue_area"]], lw=1)
        for a in areas:
            pts = [c for c in self.complexes if c["issue_area"] == a]
            ax.scatter([c["year"] for c in pts], [c["size"] for c in pts], color=colour[a], label=a, s=18, zorder=3)
        for e in self.events:
            if e["event"] in ("merge", "split", "birth", "end"):
                c = by_id[e["to"][0] if e["event"] != "end" else e["from"][0]]
                ax.annotate(e["event"], (c["year"], c["size"]), fontsize=6, xytext=(2, 3), textcoords="offset points")
        ax.set_xlabel("year")
        ax.set_ylabel("institutions in the complex")
        ax.set_title("Regime complexes over time (lines: matched across years)")
        if areas:
            ax.legend(fontsize=6, loc="upper left")
        return save_figure(fig, path)


def regimes_over(
    g: nx.MultiDiGraph,
    years: list[int],
    issue_area: str | None = None,
    match: float = 0.3,
    **thresholds: Any,
) -> RegimeTimeline:
    """Detect the complexes of each year of ``years`` in ``g`` (every actor and tie ever recorded) and match them."""
    from govgraph.analysis.regimes import regime_complexes

    if not 0.0 < match <= 1.0:
        raise UsageError(f"--match must be in (0, 1], not {match}")
    per_year: list[list[dict[str, Any]]] = []
    for year in years:
        res = regime_complexes(graph_as_of(g, year), issue_area, **thresholds)
        per_year.append(
            [
                {
                    "year": year,
                    "id": f"{year}#{c.number}",
                    "issue_area": c.issue_area,
                    "size": c.size,
                    "units": len(c.units),
                    "institutions": c.institutions,
                    "predecessors": [],
                }
                for c in res.complexes
            ]
        )
    events: list[dict[str, Any]] = []
    for c in per_year[0] if per_year else []:
        events.append(_event(c["year"], "birth", c["issue_area"], [], [c], []))
    for year, before, after in zip(years[1:], per_year, per_year[1:], strict=False):
        succ: dict[str, list[tuple[str, float]]] = defaultdict(list)
        pred: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for a in before:
            sa = set(a["institutions"])
            for b in after:
                if a["issue_area"] != b["issue_area"]:
                    continue
                sb = set(b["institutions"])
                j = len(sa & sb) / len(sa | sb)
                if j >= match:
                    succ[a["id"]].append((b["id"], j))
                    pred[b["id"]].append((a["id"], j))
        by_id = {c["id"]: c for c in before + after}
        for b in after:
            b["predecessors"] = [p for p, _ in pred[b["id"]]]
            ps = pred[b["id"]]
            if not ps:
                events.append(_event(b["year"], "birth", b["issue_area"], [], [b], []))
            elif len(ps) > 1:
                events.append(_event(b["year"], "merge", b["issue_area"], [by_id[p] for p, _ in ps], [b], ps))
        for a in before:
            ss = succ[a["id"]]
            if not ss:
                events.append(_event(year, "end", a["issue_area"], [a], [], []))
            elif len(ss) > 1:
                events.append(_event(year, "split", a["issue_area"], [a], [by_id[s] for s, _ in ss], ss))
            elif len(pred[ss[0][0]]) == 1:
                b = by_id[ss[0][0]]
                kind = "growth" if b["size"] > a["size"] else "shrinkage" if b["size"] < a["size"] else "stable"
                events.append(_event(b["year"], kind, a["issue_area"], [a], [b], ss))
    order = {e: k for k, e in enumerate(EVENTS)}
    events.sort(key=lambda e: (e["year"], order[e["event"]], e["issue_area"], e["from"], e["to"]))
    flat = [c for cs in per_year for c in cs]
    notes = snapshot_notes(disputed_foundings(g), years)  # snapshots follow the paper's founding dates
    return RegimeTimeline(years, match, issue_area, flat, events, notes)


def _event(year: int, kind: str, area: str, before: list, after: list, matches: list) -> dict[str, Any]:
    return {
        "year": year,
        "event": kind,
        "issue_area": area,
        "from": [c["id"] for c in before],
        "to": [c["id"] for c in after],
        "sizes": [c["size"] for c in before] + [c["size"] for c in after],
        "jaccard": [j for _, j in matches],
    }
