"""Foundings per decade (the paper's figure 2): stacked bars of the actors founded in each decade, one colour per
kind, with the paper's stages of governance marked. One drawing, used by ``govgraph figure foundings`` and by
``govgraph report``.

The counts are those of :func:`govgraph.analysis.evolution.evolution` (``govgraph evolution``), so the figure
and the table agree.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from matplotlib.figure import Figure

from govgraph.analysis.evolution import Evolution
from govgraph.colours import kind_colour
from govgraph.errors import UsageError
from govgraph.figures.style import new_figure

__all__ = ["foundings_figure", "foundings_of", "foundings_per_decade"]


def foundings_of(g: nx.MultiDiGraph, kinds: Iterable[str] = ("organisation",)) -> Evolution:
    """The evolution tables the figure draws (foundings of ``kinds``)."""
    from govgraph.analysis.evolution import evolution

    return evolution(g, list(kinds))


def foundings_per_decade(g: nx.MultiDiGraph, kinds: Iterable[str] = ("organisation",)) -> dict[int, int]:
    """Decade (1940 for 1940-1949) -> number of actors of ``kinds`` founded in it, every decade in the span listed."""
    return {row["decade"]: row["total"] for row in foundings_of(g, kinds).decades}


def foundings_figure(evo: Evolution, width: float = 8, height: float = 4, dpi: int = 150) -> Figure:
    """Stacked bars of ``evo``'s foundings per decade by kind, the stages of governance as dashed lines; the title
    names the kinds, the count and the span of decades."""
    decades = [row["decade"] for row in evo.decades]
    total = sum(row["total"] for row in evo.decades)
    if not total:
        raise UsageError(f"no {' or '.join(evo.kinds)} with a founding year: nothing to draw")
    fig = new_figure(width, height, dpi)
    ax = fig.add_subplot()
    bottom = [0] * len(decades)
    for kind in evo.kinds:
        heights = [row["founded"].get(kind, 0) for row in evo.decades]
        if any(heights):
            ax.bar(decades, heights, width=8, bottom=bottom, label=kind, color=kind_colour(kind), gid=f"bars-{kind}")
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for stage in evo.stages:
        start = stage.get("start")
        if start is not None and decades[0] - 10 <= start <= decades[-1] + 10:
            ax.axvline(start - 5, color="#777777", linestyle="--", linewidth=0.8)
            ax.annotate(
                stage["stage"].replace("_", " "),
                (start - 5, 1),
                xycoords=("data", "axes fraction"),
                rotation=90,
                va="top",
                ha="right",
                fontsize=7,
                color="#555555",
            )
    step = max(1, len(decades) // 16)
    ax.set_xticks(decades[::step], [f"{d}s" for d in decades[::step]], rotation=60, fontsize=7)
    ax.set_ylabel("founded in the decade")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(
        f"Foundings per decade, {', '.join(evo.kinds)} (n = {total}; {decades[0]}s–{decades[-1]}s)", fontsize=9
    )
    if len([k for k in evo.kinds if any(r["founded"].get(k) for r in evo.decades)]) > 1:
        ax.legend(frameon=False, fontsize=7, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    return fig
