"""Commands for the structural reports: regimes, evolution, power, and the whole battery as one report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govgraph.cli.common import (
    FormatOpt,
    GraphSource,
    emit,
    err_console,
    guarded,
    source_options,
)
from govgraph.cli.latex_opts import latex_options
from govgraph.render import OutputFormat

KindOpt = Annotated[list[str] | None, typer.Option("--kind", "-k", help="Kind of actor to count (repeatable).")]


@guarded
@source_options
@latex_options
def regimes(
    data_source: GraphSource,
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
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Regime complexes: 3+ linked, non-hierarchical elemental units in one issue area (default: the latest year)."""
    from govgraph.analysis.regimes import regime_complexes

    g = data_source.graph()
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
@source_options
@latex_options
def evolution(
    data_source: GraphSource,
    kind: KindOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Foundings per decade and per stage, cumulative counts, dissolutions and successions."""
    from govgraph.analysis.evolution import evolution as evolution_of

    emit(evolution_of(data_source.graph(), kind), fmt)


@guarded
@source_options
@latex_options
def power(
    data_source: GraphSource,
    kind: KindOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Headquarters by country, region and North-South; HHI; state actions against non-state actors."""
    from govgraph.analysis.power import power as power_of

    emit(power_of(data_source.graph(), kind), fmt)


@guarded
@source_options
def report(
    data_source: GraphSource,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write report.md and report.html into.")] = Path(
        "govgraph-report"
    ),
) -> None:
    """Run every analysis and write one Markdown and one HTML report with tables and figures."""
    from govgraph.report import build_report, write_report

    built = build_report(data_source.graph())
    for path in write_report(built, out):
        err_console.print(f"wrote {path}")
    err_console.print(built.summary())


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(regimes)
    app.command()(evolution)
    app.command()(power)
    app.command()(report)
