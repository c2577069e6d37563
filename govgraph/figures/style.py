"""What every figure shares: the figure canvas and deterministic saving (colours in :mod:`govgraph.colours`,
labels in :mod:`govgraph.labels`, re-exported here)."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib import rc_context
from matplotlib.figure import Figure

from govgraph.colours import kind_colour, kind_rgb
from govgraph.errors import UsageError
from govgraph.fileio import atomic_write_bytes
from govgraph.labels import short_label

__all__ = [
    "FIGURE_SUFFIXES",
    "check_size",
    "figure_format",
    "kind_colour",
    "kind_rgb",
    "new_figure",
    "save_figure",
    "short_label",
]

FIGURE_SUFFIXES = (".svg", ".pdf", ".png")


def check_size(width: float, height: float, dpi: int) -> None:
    """Refuse sizes no figure can be drawn at."""
    if not (0.5 <= width <= 100 and 0.5 <= height <= 100):
        raise UsageError(f"figure size {width} x {height} in is out of range (0.5 to 100 inches each)")
    if not 10 <= dpi <= 2400:
        raise UsageError(f"--dpi {dpi} is out of range (10 to 2400)")


def new_figure(width: float, height: float, dpi: int) -> Figure:
    """A figure of exactly ``width`` x ``height`` inches (no pyplot, so no global state)."""
    check_size(width, height, dpi)
    return Figure(figsize=(width, height), dpi=dpi, layout="constrained")


def figure_format(path: Path) -> str:
    """The figure format a file name asks for (``svg``, ``pdf``, ``png``); a usage error for any other suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in FIGURE_SUFFIXES:
        raise UsageError(f"cannot tell the figure format of {path}: name it .svg, .pdf or .png")
    return suffix[1:]


def save_figure(fig: Figure, path: Path, dpi: int | None = None, fmt: str | None = None) -> Path:
    """Write ``fig`` to ``path`` (``-`` = standard output; format ``fmt``, else from the suffix, SVG for ``-``),
    the same bytes on every run, whole or not at all."""
    fmt = fmt or ("svg" if str(path) == "-" else figure_format(path))
    metadata = {
        "svg": {"Date": None, "Creator": "govgraph"},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": "govgraph"},
        "png": {"Software": "govgraph"},
    }[fmt]
    buf = io.BytesIO()
    with rc_context({"svg.hashsalt": "govgraph", "svg.fonttype": "path", "pdf.fonttype": 42}):
        fig.savefig(buf, format=fmt, dpi=dpi or fig.dpi, metadata=metadata)
    with atomic_write_bytes(path) as fh:
        fh.write(buf.getvalue())
    return path
