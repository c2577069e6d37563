"""The report's figures: the same drawings as ``govgraph figure foundings`` and ``figure headquarters``
(:mod:`govgraph.figures`), as SVG text, the same bytes on every run."""

from __future__ import annotations

import io

from matplotlib import rc_context
from matplotlib.figure import Figure

from govgraph.analysis.evolution import Evolution
from govgraph.analysis.power import Power
from govgraph.errors import UsageError

__all__ = ["foundings_svg", "hq_svg", "svg_text"]

_RC = {"svg.hashsalt": "govgraph", "svg.fonttype": "path"}


def svg_text(fig: Figure) -> str:
    """The figure as SVG text, with fixed ids and no date, so it is reproducible byte for byte."""
    buf = io.StringIO()
    with rc_context(_RC):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "govgraph"})
    return buf.getvalue()


def foundings_svg(evo: Evolution) -> str | None:
    """Figure 2 (foundings per decade by kind), or None when nothing is dated."""
    from govgraph.figures.foundings import foundings_figure

    try:
        return svg_text(foundings_figure(evo, width=7.0, height=3.4, dpi=100))
    except UsageError:
        return None


def hq_svg(pw: Power, top: int = 15) -> str | None:
    """Figure 4 (headquarters by country, the ``top`` countries), or None when no seat is known."""
    from govgraph.figures.headquarters import headquarters_figure

    try:
        return svg_text(
            headquarters_figure(pw, top, width=6.0, height=0.3 * min(top, len(pw.by_country)) + 1.4, dpi=100)
        )
    except UsageError:
        return None
