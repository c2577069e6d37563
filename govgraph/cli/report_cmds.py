"""Commands for the structural reports: regimes, evolution, power, and the whole battery as one report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govgraph.cli.common import (
    AsOfOpt,
    DatabaseOpt,
    DataOpt,
    FormatOpt,
    FromNeo4jOpt,
    PasswordOpt,
    UriOpt,
    UserOpt,
    emit,
    err_console,
    guarded,
    open_graph,
)
from govgraph.render import OutputFormat

KindOpt = Annotated[list[str] | None, typer.Option("--kind", "-k", help="Kind of actor to count (repeatable).")]


@guarded
def regimes(
    issue_area: Annotated[str | None, typer.Option("--issue-area", "-i", help="Only this issue area.")] = None,
    min_membership_jaccard: Annotated[
        float, typer.Option(help="Membership overlap (Jaccard) that links two institutions.")
    ] = 0.5,
    min_shared_members: Annotated[int, typer.Option(help="...and the members they must share at least.")] = 2,
    min_function_jaccard: Annotated[
        float, typer.Option(help="Function overlap (Jaccard) that links two institutions.")
    ] = 0.75,
    min_shared_functions: Annotated[int, typer.Option(help="...and the functions they must share at least.")] = 3,
    split_above: Annotated[
        int, typer.Option(help="Split a connected group of more units than this into Louvain communities (seed 42).")
    ] = 15,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    from_neo4j: FromNeo4jOpt = False,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Regime complexes: 3+ linked, non-hierarchical elemental units in one issue area (default: the latest year)."""
    from govgraph.analysis.regimes import regime_complexes

    g = open_graph(data, as_of, from_neo4j, (uri, user, password, database))
    emit(
        regime_complexes(
            g,
            issue_area,
            min_membership_jaccard=min_membership_jaccard,
            min_shared_members=min_shared_members,
            min_function_jaccard=min_function_jaccard,
            min_shared_functions=min_shared_functions,
            split_above=split_above,
        ),
        fmt,
    )


@guarded
def evolution(
    kind: KindOpt = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    from_neo4j: FromNeo4jOpt = False,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Foundings per decade and per stage, cumulative counts, dissolutions and successions."""
    from govgraph.analysis.evolution import evolution as evolution_of

    emit(evolution_of(open_graph(data, as_of, from_neo4j, (uri, user, password, database)), kind), fmt)


@guarded
def power(
    kind: KindOpt = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    from_neo4j: FromNeo4jOpt = False,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Headquarters by country, region and North-South; HHI; state actions against non-state actors."""
    from govgraph.analysis.power import power as power_of

    emit(power_of(open_graph(data, as_of, from_neo4j, (uri, user, password, database)), kind), fmt)


@guarded
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write report.md and report.html into.")] = Path(
        "govgraph-report"
    ),
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    from_neo4j: FromNeo4jOpt = False,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Run every analysis and write one Markdown and one HTML report with tables and figures."""
    from govgraph.report import build_report, write_report

    built = build_report(open_graph(data, as_of, from_neo4j, (uri, user, password, database)))
    for path in write_report(built, out):
        err_console.print(f"wrote {path}")
    err_console.print(built.summary())


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(regimes)
    app.command()(evolution)
    app.command()(power)
    app.command()(report)
