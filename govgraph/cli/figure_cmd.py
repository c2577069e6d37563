"""``govgraph figure network|foundings|headquarters|heatmap``: figures for papers as SVG, PDF or PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govgraph.cli.common import (
    AsOfOpt,
    DatabaseOpt,
    DataOpt,
    FromNeo4jOpt,
    PasswordOpt,
    UriOpt,
    UserOpt,
    err_console,
    guarded,
    open_graph,
    settings_from,
)
from govgraph.cli.export_cmd import (
    CypherOpt,
    EgoOpt,
    IssueAreaOpt,
    KindOpt,
    RadiusOpt,
    RegimeOpt,
    RelationOpt,
    selected_graph,
)

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
def network(
    output: OutOpt,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    ego: EgoOpt = None,
    radius: RadiusOpt = 1,
    issue_area: IssueAreaOpt = None,
    regime: RegimeOpt = None,
    kind: KindOpt = None,
    relation: RelationOpt = None,
    cypher: CypherOpt = None,
    width: WidthOpt = 8.0,
    height: HeightOpt = 6.0,
    dpi: DpiOpt = 150,
    from_neo4j: FromNeo4jOpt = False,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """The graph, or a selection of it, as a network: colours by kind, a legend, short labels."""
    from govgraph.figures.network import network_figure
    from govgraph.figures.style import check_size

    check_size(width, height, dpi)
    settings = settings_from(uri, user, password, database) if (from_neo4j or cypher) else None
    g = selected_graph(
        data,
        as_of,
        ego=ego,
        radius=radius,
        issue_area=issue_area,
        regime=regime,
        kinds=kind,
        relations=relation,
        cypher=cypher,
        from_neo4j=from_neo4j,
        settings=settings,
    )
    _save(network_figure(g, width, height, dpi), output, dpi)


@figure_app.command("foundings")
@guarded
def foundings(
    output: OutOpt,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    kind: ActorKindOpt = None,
    width: WidthOpt = 8.0,
    height: HeightOpt = 4.0,
    dpi: DpiOpt = 150,
    from_neo4j: FromNeo4jOpt = False,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Foundings per decade (the paper's figure 2)."""
    from govgraph.figures.foundings import foundings_figure
    from govgraph.figures.style import check_size

    check_size(width, height, dpi)
    kinds = _kinds(kind)
    g = open_graph(data, as_of, from_neo4j, (uri, user, password, database))
    _save(foundings_figure(g, kinds, width, height, dpi), output, dpi)  # type: ignore[arg-type]


@figure_app.command("headquarters")
@guarded
def headquarters(
    output: OutOpt,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    kind: ActorKindOpt = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Countries shown (the largest).")] = 15,
    width: WidthOpt = 8.0,
    height: HeightOpt = 5.0,
    dpi: DpiOpt = 150,
    from_neo4j: FromNeo4jOpt = False,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Headquarters by country (the paper's figure 4)."""
    from govgraph.figures.headquarters import headquarters_figure
    from govgraph.figures.style import check_size

    check_size(width, height, dpi)
    kinds = _kinds(kind)
    g = open_graph(data, as_of, from_neo4j, (uri, user, password, database))
    _save(headquarters_figure(g, kinds, top, width, height, dpi), output, dpi)  # type: ignore[arg-type]


@figure_app.command("heatmap")
@guarded
def heatmap(
    output: OutOpt,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    top: Annotated[int, typer.Option("--top", min=2, help="Institutions shown (those with most members).")] = 20,
    width: WidthOpt = 7.0,
    height: HeightOpt = 6.0,
    dpi: DpiOpt = 150,
    from_neo4j: FromNeo4jOpt = False,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Membership overlap (Jaccard) between the institutions with the most members."""
    from govgraph.figures.heatmap import heatmap_figure
    from govgraph.figures.style import check_size

    check_size(width, height, dpi)
    g = open_graph(data, as_of, from_neo4j, (uri, user, password, database))
    _save(heatmap_figure(g, top, width, height, dpi), output, dpi)  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    """Add ``govgraph figure ...`` to ``app``."""
    app.add_typer(figure_app, name="figure")
