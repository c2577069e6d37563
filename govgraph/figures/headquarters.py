"""Headquarters by country (the paper's figure 4): how many actors of the chosen kinds have their seat in each
country, the largest first, coloured North or South. One drawing, used by ``govgraph figure headquarters`` and
by ``govgraph report``.

The counts are those of :func:`govgraph.analysis.power.power` (``govgraph power``): the seats of the actors
alive in the graph's year (its ``--as-of``, else the latest year in the data), so the figure and the table agree.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from govgraph.analysis.power import Power
from govgraph.colours import PALETTE
from govgraph.countries import country_name
from govgraph.errors import UsageError
from govgraph.figures.style import new_figure

__all__ = ["headquarters_by_country", "headquarters_figure", "headquarters_of"]

NORTH, SOUTH = PALETTE[0], PALETTE[1]


def headquarters_of(g: nx.MultiDiGraph, kinds: Iterable[str] = ("organisation",)) -> Power:
    """The power tables the figure draws (seats of ``kinds``)."""
    from govgraph.analysis.power import power

    return power(g, list(kinds))


def headquarters_by_country(g: nx.MultiDiGraph, kinds: Iterable[str] = ("organisation",)) -> list[tuple[str, int]]:
    """(ISO country code, count) of the actors of ``kinds`` with a seat there, by count down, then by code."""
    return [(row["country"], row["count"]) for row in headquarters_of(g, kinds).by_country]


def headquarters_figure(pw: Power, top: int = 15, width: float = 8, height: float = 5, dpi: int = 150) -> Figure:
    """A horizontal bar chart of the ``top`` countries of ``pw``, North blue and South orange; the title names the
    kinds, the year, the count and the HHI."""
    rows = pw.by_country
    if not rows:
        raise UsageError("no actor with headquarters: nothing to draw")
    if top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
    shown = rows[:top][::-1]
    fig = new_figure(width, height, dpi)
    ax = fig.add_subplot()
    labels = [f"{country_name(r['country'])} ({r['country']})" for r in shown]
    colours = [NORTH if r.get("north_south") == "North" else SOUTH for r in shown]
    ax.barh(labels, [r["count"] for r in shown], color=colours, gid="bars")
    ax.tick_params(axis="y", labelsize=7)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("headquartered there")
    rest = f"; {len(rows) - top} more countries" if len(rows) > top else ""
    year = f", {pw.as_of}" if getattr(pw, "as_of", None) is not None else ""
    ax.set_title(
        f"Headquarters by country, {', '.join(pw.kinds)}{year} (n = {pw.counted}; HHI {pw.hhi:.3f}{rest})",
        fontsize=9,
    )
    ax.legend(
        handles=[Patch(color=NORTH, label="North"), Patch(color=SOUTH, label="South")],
        frameon=False,
        fontsize=7,
        loc="lower right",
    )
    ax.spines[["top", "right"]].set_visible(False)
    return fig
