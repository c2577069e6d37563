"""Headquarters by country (the paper's figure 4): how many actors of the chosen kinds have their seat in each
country, the largest first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import networkx as nx
from matplotlib.figure import Figure

from govgraph.countries import country_name
from govgraph.errors import UsageError
from govgraph.figures.style import kind_colour, new_figure

__all__ = ["headquarters_by_country", "headquarters_figure"]


def headquarters_by_country(g: nx.MultiDiGraph, kinds: Iterable[str] = ("organisation",)) -> list[tuple[str, int]]:
    """(ISO country code, count) of the actors of ``kinds`` with a seat there, by count down, then by code."""
    wanted = set(kinds)
    counts = Counter(d["hq_country"] for _, d in g.nodes(data=True) if d.get("kind") in wanted and d.get("hq_country"))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def headquarters_figure(g: nx.MultiDiGraph, kinds: Iterable[str] = ("organisation",), top: int = 15,
                        width: float = 8, height: float = 5, dpi: int = 150) -> Figure:
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
