"""The report's figures, drawn with matplotlib (Agg) into SVG text, the same bytes on every run."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib import rc_context
from matplotlib.figure import Figure

from govgraph.analysis.evolution import Evolution
from govgraph.analysis.power import Power

__all__ = ["foundings_svg", "hq_svg", "svg_text"]

_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
_RC = {"svg.hashsalt": "govgraph", "svg.fonttype": "path", "font.size": 8}


def svg_text(fig: Figure) -> str:
    """The figure as SVG text, with fixed ids and no date, so it is reproducible byte for byte."""
    buf = io.StringIO()
    with rc_context(_RC):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "govgraph"})
    return buf.getvalue()


def foundings_svg(evo: Evolution) -> str | None:
    """Stacked bars of foundings per decade by kind of actor (None when nothing is dated)."""
    if not evo.decades:
        return None
    with rc_context(_RC):
        fig = Figure(figsize=(7.0, 3.2), layout="constrained")
        ax = fig.add_subplot()
        x = [d["decade"] for d in evo.decades]
        bottom = [0] * len(x)
        for i, kind in enumerate(evo.kinds):
            heights = [d["founded"][kind] for d in evo.decades]
            if any(heights):
                ax.bar(x, heights, width=8, bottom=bottom, label=kind, color=_PALETTE[i % len(_PALETTE)])
                bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        for s in evo.stages:
            if s["start"] is not None and x[0] - 10 <= s["start"] <= x[-1] + 10:
                ax.axvline(s["start"], color="#777777", linestyle="--", linewidth=0.8)
                ax.annotate(
                    s["stage"],
                    (s["start"], 1),
                    xycoords=("data", "axes fraction"),
                    rotation=90,
                    va="top",
                    ha="right",
                    fontsize=7,
                    color="#555555",
                )
        ax.set_xlabel("decade")
        ax.set_ylabel("foundings")
        ax.set_title("Foundings per decade, by kind of actor")
        ax.legend(frameon=False, fontsize=7)
        return svg_text(fig)


def hq_svg(pw: Power, top: int = 15) -> str | None:
    """Horizontal bars of headquarters by country, the ``top`` countries (None when no seat is known)."""
    rows = pw.by_country[:top]
    if not rows:
        return None
    with rc_context(_RC):
        fig = Figure(figsize=(6.0, 0.3 * len(rows) + 1.2), layout="constrained")
        ax = fig.add_subplot()
        labels = [r["country"] for r in rows][::-1]
        colours = [_PALETTE[0] if r["north_south"] == "North" else _PALETTE[1] for r in rows][::-1]
        ax.barh(labels, [r["count"] for r in rows][::-1], color=colours)
        ax.set_xlabel("headquarters")
        ax.set_title(f"Headquarters by country (blue North, orange South; HHI {pw.hhi:.3f})")
        return svg_text(fig)
