"""``govgraph figure network|foundings|headquarters|heatmap``: figures for papers as SVG, PDF or PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govgraph.cli.common import (
    GraphSource,
    err_console,
    guarded,
    source_options,
)
from govgraph.cli.export_cmd import Selection, selected_graph, selection_options

figure_app = typer.Typer(help="Figures for papers (SVG, PDF or PNG, from the file name).", no_args_is_help=True)

OutOpt = Annotated[Path, typer.Option("--output", "-o", help="File to write: .svg, .pdf or .png.")]
WidthOpt = Annotated[float, typer.Option("--width", help="Width in inches.")]
HeightOpt = Annotated[float, typer.Option("--height", help="Height in inches.")]
DpiOpt = Annotated[int, typer.Option("--dpi", help="Dots per inch (PNG pixels = inches x dpi).")]
ActorKindOpt = Annotated[
    list[str] | None, typer.Option("--kind", help="Kinds of actor counted [default: organisation].")
]


def _kinds(kind: list[str] | None) -> list[str]:
    from govgraph.select import check_terms
    from govgraph.vocab import vocabulary

    chosen = [v.strip() for raw in kind or [] for v in raw.split(",") if v.strip()] or ["organisation"]
    return check_terms(chosen, vocabulary().kinds, "kind")


def _save(fig: object, output: Path, dpi: int) -> None:
    from govgraph.figures import save_figure

    save_figure(fig, output, dpi)  # type: ignore[arg-type]
    err_console.print(f"wrote {output}")


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
) -> None:
    """The graph, or a selection of it, as a network: colours by kind, a legend, short labels."""
    from govgraph.figures.network import network_figure
    from govgraph.figures.style import check_size

    check_size(width, height, dpi)
    _save(network_figure(selected_graph(data_source, selection), width, height, dpi), output, dpi)


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
) -> None:
    """Foundings per decade (the paper's figure 2)."""
    from govgraph.figures.foundings import foundings_figure, foundings_of
    from govgraph.figures.style import check_size

    check_size(width, height, dpi)
    kinds = _kinds(kind)
    _save(foundings_figure(foundings_of(data_source.graph(), kinds), width, height, dpi), output, dpi)


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
) -> None:
    """Headquarters by country (the paper's figure 4)."""
    from govgraph.figures.headquarters import headquarters_figure, headquarters_of
    from govgraph.figures.style import check_size

    check_size(width, height, dpi)
    kinds = _kinds(kind)
    _save(headquarters_figure(headquarters_of(data_source.graph(), kinds), top, width, height, dpi), output, dpi)


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
) -> None:
    """Membership overlap (Jaccard) between the institutions with the most members."""
    from govgraph.figures.heatmap import heatmap_figure
    from govgraph.figures.style import check_size

    check_size(width, height, dpi)
    g = data_source.graph()
    _save(heatmap_figure(g, top, width, height, dpi), output, dpi)  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    """Add ``govgraph figure ...`` to ``app``."""
    app.add_typer(figure_app, name="figure")
