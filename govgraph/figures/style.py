"""What every figure shares: colours by kind, the figure canvas, and deterministic saving."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import rc_context
from matplotlib.figure import Figure

from govgraph.errors import UsageError
from govgraph.fileio import atomic_write_bytes
from govgraph.vocab import vocabulary

__all__ = [
    "FIGURE_SUFFIXES",
    "KIND_COLOURS",
    "check_size",
    "kind_colour",
    "kind_rgb",
    "new_figure",
    "save_figure",
    "short_label",
]

FIGURE_SUFFIXES = (".svg", ".pdf", ".png")
#: One colour per kind of actor (colour-blind safe, Okabe & Ito), in vocabulary order.
_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
_OTHER = "#999999"


def _kind_colours() -> dict[str, str]:
    return {k: _PALETTE[i % len(_PALETTE)] for i, k in enumerate(vocabulary().kinds)}


KIND_COLOURS = _kind_colours()


def kind_colour(kind: str) -> str:
    """The hex colour of a kind of actor (grey for anything else)."""
    return KIND_COLOURS.get(kind, _OTHER)


def kind_rgb(kind: str) -> tuple[int, int, int]:
    """The colour of a kind of actor as 0-255 RGB."""
    hexa = kind_colour(kind).lstrip("#")
    return int(hexa[0:2], 16), int(hexa[2:4], 16), int(hexa[4:6], 16)


def short_label(data: dict[str, Any], limit: int = 18) -> str:
    """A readable label: the name when short, else an acronym alias, else the name shortened onto two lines."""
    from govgraph.export.attrs import node_label

    label = node_label(data, limit=limit)
    if len(label) <= limit:
        return label
    return "\n".join(textwrap.wrap(textwrap.shorten(label, width=2 * limit, placeholder="…"), width=limit)[:2])


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


def _format_of(path: Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FIGURE_SUFFIXES:
        raise UsageError(f"cannot tell the figure format of {path}: name it .svg, .pdf or .png")
    return suffix[1:]


def save_figure(fig: Figure, path: Path, dpi: int | None = None, fmt: str | None = None) -> Path:
    """Write ``fig`` to ``path`` (``-`` = standard output; format ``fmt``, else from the suffix, SVG for ``-``),
    the same bytes on every run, whole or not at all."""
    fmt = fmt or ("svg" if str(path) == "-" else _format_of(path))
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
