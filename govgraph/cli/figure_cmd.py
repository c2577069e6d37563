"""``govgraph figure network|foundings|headquarters|heatmap``: figures for papers as SVG, PDF or PNG."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from govgraph.cli.common import (
    ForceOpt,
    GraphSource,
    err_console,
    guarded,
    source_options,
    split_list,
)
from govgraph.cli.export_cmd import Selection, selected_graph, selection_options
from govgraph.errors import UsageError


class FigureFormat(StrEnum):
    """The figure file formats."""

    svg = "svg"
    pdf = "pdf"
    png = "png"


figure_app = typer.Typer(help="Figures for papers (SVG, PDF or PNG, from the file name).", no_args_is_help=True)

OutOpt = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="File to write: .svg, .pdf or .png ('-' = standard output, SVG unless --format says otherwise).",
    ),
]
FigureFormatOpt = Annotated[
    FigureFormat | None,
    typer.Option("--format", "-f", help="svg, pdf or png \\[default: from the file name].", show_default=False),
]
WidthOpt = Annotated[float, typer.Option("--width", help="Width in inches.")]
HeightOpt = Annotated[float, typer.Option("--height", help="Height in inches.")]
DpiOpt = Annotated[int, typer.Option("--dpi", help="Dots per inch (PNG pixels = inches x dpi).")]
ActorKindOpt = Annotated[
    list[str] | None,
    typer.Option("--kind", help="Kinds of actor counted, comma-separated or repeated \\[default: organisation]."),
]


def _kinds(kind: list[str] | None) -> list[str]:
    from govgraph.select import check_terms
    from govgraph.vocab import vocabulary

    chosen = split_list(kind) or ["organisation"]
    return check_terms(chosen, vocabulary().kinds, "kind")


def _check(output: Path, force: bool, fmt: FigureFormat | None, width: float, height: float, dpi: int) -> None:
    """Refuse a bad target or size before any drawing."""
    from govgraph.figures.style import FIGURE_SUFFIXES, check_size
    from govgraph.fileio import check_output, is_stdout

    check_size(width, height, dpi)
    if fmt is None and not is_stdout(output) and output.suffix.lower() not in FIGURE_SUFFIXES:
        raise UsageError(f"cannot tell the figure format of {output}: name it .svg, .pdf or .png (or give --format)")
    check_output(output, force=force)


def _save(fig: object, output: Path, dpi: int, fmt: FigureFormat | None) -> None:
    from govgraph.figures import save_figure
    from govgraph.fileio import is_stdout

    save_figure(fig, output, dpi, fmt.value if fmt else None)  # type: ignore[arg-type]
    if not is_stdout(output):
        err_console.print(f"wrote {output}", markup=False, highlight=False)


@figure_app.command("network")
@guarded
@source_options
@selection_options
def network(
    data_source: GraphSource,
    selection: Selection,
    output: OutOpt,
    width: WidthOpt = 8.0,
    height: HeightOpt = 6.0,
    dpi: DpiOpt = 150,
    fmt: FigureFormatOpt = None,
    force: ForceOpt = False,
) -> None:
    """The graph, or a selection of it, as a network: colours by kind, a legend, short labels."""
    from govgraph.figures.network import network_figure

    _check(output, force, fmt, width, height, dpi)
    _save(network_figure(selected_graph(data_source, selection), width, height, dpi), output, dpi, fmt)


@figure_app.command("foundings")
@guarded
@source_options
def foundings(
    data_source: GraphSource,
    output: OutOpt,
    kind: ActorKindOpt = None,
    width: WidthOpt = 8.0,
    height: HeightOpt = 4.0,
    dpi: DpiOpt = 150,
    fmt: FigureFormatOpt = None,
    force: ForceOpt = False,
) -> None:
    """Foundings per decade (the paper's figure 2)."""
    from govgraph.figures.foundings import foundings_figure, foundings_of

    kinds = _kinds(kind)
    _check(output, force, fmt, width, height, dpi)
    _save(foundings_figure(foundings_of(data_source.graph(), kinds), width, height, dpi), output, dpi, fmt)


@figure_app.command("headquarters")
@guarded
@source_options
def headquarters(
    data_source: GraphSource,
    output: OutOpt,
    kind: ActorKindOpt = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Countries shown (the largest).")] = 15,
    width: WidthOpt = 8.0,
    height: HeightOpt = 5.0,
    dpi: DpiOpt = 150,
    fmt: FigureFormatOpt = None,
    force: ForceOpt = False,
) -> None:
    """Headquarters by country (the paper's figure 4)."""
    from govgraph.figures.headquarters import headquarters_figure, headquarters_of

    kinds = _kinds(kind)
    _check(output, force, fmt, width, height, dpi)
    _save(headquarters_figure(headquarters_of(data_source.graph(), kinds), top, width, height, dpi), output, dpi, fmt)


@figure_app.command("heatmap")
@guarded
@source_options
def heatmap(
    data_source: GraphSource,
    output: OutOpt,
    top: Annotated[int, typer.Option("--top", min=2, help="Institutions shown (those with most members).")] = 20,
    width: WidthOpt = 7.0,
    height: HeightOpt = 6.0,
    dpi: DpiOpt = 150,
    fmt: FigureFormatOpt = None,
    force: ForceOpt = False,
) -> None:
    """Membership overlap (Jaccard) between the institutions with the most members."""
    from govgraph.figures.heatmap import heatmap_figure

    _check(output, force, fmt, width, height, dpi)
    g = data_source.graph()
    _save(heatmap_figure(g, top, width, height, dpi), output, dpi, fmt)  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    """Add ``govgraph figure ...`` to ``app``."""
    app.add_typer(figure_app, name="figure")
