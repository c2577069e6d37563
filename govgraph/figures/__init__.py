"""Figures for papers, one module per figure, drawn with matplotlib (Agg) and written as SVG, PDF or PNG.

Every figure is deterministic: a fixed layout seed, sorted inputs, and no dates in the files, so the same
command writes the same bytes.
"""

from __future__ import annotations

from govgraph.figures.style import FIGURE_SUFFIXES, save_figure

__all__ = ["FIGURE_SUFFIXES", "save_figure"]
