"""Foundings per decade (the paper's figure 2): how many actors of the chosen kinds were founded in each decade.

The counts are those of :func:`govgraph.analysis.evolution.evolution` (``govgraph evolution``), so the figure
and the table agree.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from matplotlib.figure import Figure

from govgraph.errors import UsageError
from govgraph.figures.style import kind_colour, new_figure

__all__ = ["foundings_figure", "foundings_per_decade"]


def foundings_per_decade(g: nx.MultiDiGraph, kinds: Iterable[str] = ("organisation",)) -> dict[int, int]:
    """Decade (1940 for 1940-1949) -> number of actors of ``kinds`` founded in it, every decade in the span listed."""
    from govgraph.analysis.evolution import evolution

    return {row["decade"]: row["total"] for row in evolution(g, list(kinds)).decades}


def foundings_figure(
    g: nx.MultiDiGraph, kinds: Iterable[str] = ("organisation",), width: float = 8, height: float = 4, dpi: int = 150
) -> Figure:
    """A bar chart of :func:`foundings_per_decade`."""
    kinds = list(kinds)
    counts = foundings_per_decade(g, kinds)
    if not any(counts.values()):
        raise UsageError(f"no {' or '.join(kinds)} with a founding year: nothing to draw")
    fig = new_figure(width, height, dpi)
    ax = fig.add_subplot()
    decades = list(counts)
    ax.bar([str(d) + "s" for d in decades], list(counts.values()), color=kind_colour(kinds[0]), width=0.8)
    step = max(1, len(decades) // 20)
    ax.set_xticks(range(0, len(decades), step), [f"{d}s" for d in decades[::step]], rotation=60, fontsize=7)
    ax.set_ylabel("founded in the decade")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"Foundings per decade ({', '.join(kinds)}; n = {sum(counts.values())})", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
