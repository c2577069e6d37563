"""Headquarters by country (the paper's figure 4): how many actors of the chosen kinds have their seat in each
country, the largest first.

The counts are those of :func:`govgraph.analysis.power.power` (``govgraph power``): the seats of the actors
alive in the graph's year (its ``--as-of``, else the latest year in the data), so the figure and the table agree.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from matplotlib.figure import Figure

from govgraph.countries import country_name
from govgraph.errors import UsageError
from govgraph.figures.style import kind_colour, new_figure

__all__ = ["headquarters_by_country", "headquarters_figure"]


def headquarters_by_country(g: nx.MultiDiGraph, kinds: Iterable[str] = ("organisation",)) -> list[tuple[str, int]]:
    """(ISO country code, count) of the actors of ``kinds`` with a seat there, by count down, then by code."""
    from govgraph.analysis.power import power

    return [(row["country"], row["count"]) for row in power(g, list(kinds)).by_country]


def headquarters_figure(
    g: nx.MultiDiGraph,
    kinds: Iterable[str] = ("organisation",),
    top: int = 15,
    width: float = 8,
    height: float = 5,
    dpi: int = 150,
) -> Figure:
    """A horizontal bar chart of the ``top`` countries of :func:`headquarters_by_country`."""
    kinds = list(kinds)
    rows = headquarters_by_country(g, kinds)
    if not rows:
        raise UsageError(f"no {' or '.join(kinds)} with headquarters: nothing to draw")
    if top < 1:
        raise UsageError(f"--top must be at least 1, not {top}")
    shown = rows[:top]
    fig = new_figure(width, height, dpi)
    ax = fig.add_subplot()
    labels = [f"{country_name(c)} ({c})" for c, _ in shown][::-1]
    ax.barh(labels, [n for _, n in shown][::-1], color=kind_colour(kinds[0]))
    ax.tick_params(axis="y", labelsize=7)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("headquartered there")
    total = sum(n for _, n in rows)
    rest = f"; {len(rows) - len(shown)} more countries" if len(rows) > len(shown) else ""
    ax.set_title(f"Headquarters by country ({', '.join(kinds)}; n = {total}{rest})", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
