"""Commands for the structural reports: regimes, evolution, power, and the whole battery as one report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from govgraph.cli.analysis_cmds import FigureOpt, OverOpt
from govgraph.cli.common import (
    ForceOpt,
    FormatOpt,
    GraphSource,
    OutDirAliasOpt,
    emit,
    err_console,
    guarded,
    one_folder,
    out_dir_option,
    output_options,
    source_options,
    split_list,
)
from govgraph.cli.latex_opts import latex_options
from govgraph.render import OutputFormat

KindOpt = Annotated[
    list[str] | None, typer.Option("--kind", "-k", help="Kinds of actor to count (comma-separated or repeated).")
]


PrecisionOpt = Annotated[
    int, typer.Option("--precision", min=1, max=17, help="Significant digits in tables (JSON keeps full precision).")
]


class OverlapMode(StrEnum):
    """How membership overlap links two institutions in `regimes`."""

    jaccard = "jaccard"
    backbone = "backbone"


@guarded
@source_options
@output_options
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
    overlap: Annotated[
        OverlapMode,
        typer.Option(
            "--overlap", help="Membership overlap link: a Jaccard threshold, or the hypergeometric backbone (--alpha)."
        ),
    ] = OverlapMode.jaccard,
    alpha: Annotated[float, typer.Option("--alpha", help="False discovery rate of --overlap backbone.")] = 0.05,
    sensitivity: Annotated[
        bool,
        typer.Option("--sensitivity", help="Rerun over a grid of thresholds: share of settings finding each complex."),
    ] = False,
    over: Annotated[
        str | None,
        typer.Option("--over", help="START:END[:STEP]: complexes in each year, matched across years (events)."),
    ] = None,
    match: Annotated[float, typer.Option("--match", help="With --over: Jaccard of institutions that matches.")] = 0.3,
    figure: Annotated[
        Path | None, typer.Option("--figure", help="With --over: draw the complexes over time (.svg, .pdf, .png).")
    ] = None,
    precision: PrecisionOpt = 3,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Regime complexes: 3+ linked, non-hierarchical elemental units in one issue area (default: the latest year)."""
    from govgraph.errors import UsageError

    thresholds = {
        "min_membership_jaccard": min_membership_jaccard,
        "min_shared_members": min_shared_members,
        "min_function_jaccard": min_function_jaccard,
        "min_shared_functions": min_shared_functions,
        "split_above": split_above,
        "overlap": overlap.value,
        "alpha": alpha,
    }
    if over is None:
        if figure is not None:
            raise UsageError("--figure draws complexes over time: give --over START:END[:STEP] too")
        from govgraph.analysis.regimes import regime_complexes

        result = regime_complexes(data_source.graph(), issue_area, sensitivity=sensitivity, **thresholds)
        result.precision = precision
        emit(result, fmt)
        return
    from govgraph.analysis.regimes_over import parse_span, regimes_over

    if sensitivity:
        raise UsageError("--sensitivity and --over do not go together: run them one at a time")
    if data_source.as_of is not None:
        raise UsageError("--as-of and --over do not go together: --over gives the years")
    if figure is not None and figure.exists():
        raise UsageError(f"{figure} exists: remove it or choose another name")
    timeline = regimes_over(data_source.graph("all"), parse_span(over), issue_area, match, **thresholds)
    timeline.precision = precision
    if figure is not None:
        timeline.figure(figure)
        err_console.print(f"wrote {figure}")
    emit(timeline, fmt)


@guarded
@source_options
@output_options
@latex_options
def evolution(
    data_source: GraphSource,
    kind: KindOpt = None,
    precision: PrecisionOpt = 3,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Foundings per decade and per stage (by organisation type), cumulative counts, dissolutions and successions."""
    from govgraph.analysis.evolution import evolution as evolution_of

    result = evolution_of(data_source.graph(), split_list(kind) or None)
    result.precision = precision
    emit(result, fmt)


@guarded
@source_options
@output_options
@latex_options
def power(
    data_source: GraphSource,
    kind: KindOpt = None,
    over: OverOpt = None,
    figure: FigureOpt = None,
    precision: PrecisionOpt = 3,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Headquarters by country, region and North-South; HHI; state actions against non-state actors."""
    from govgraph.analysis.power import power as power_of

    kinds = split_list(kind) or None
    if over is not None or figure is not None:  # every year of a range (govgraph.analysis.timeline)
        from govgraph.analysis.timeline import power_over
        from govgraph.cli.analysis_cmds import emit_over

        emit_over(data_source, over, figure, lambda g, years: power_over(g, years, kinds), (fmt, None, precision))
        return
    result = power_of(data_source.graph(), kinds)
    result.precision = precision
    emit(result, fmt)


@guarded
@source_options
def report(
    data_source: GraphSource,
    out_dir: Annotated[
        Path | None,
        out_dir_option("Folder to write report.md, report.html and the figures into \\[default: govgraph-report]."),
    ] = None,
    out: OutDirAliasOpt = None,
    force: ForceOpt = False,
) -> None:
    """Run every analysis and write one Markdown and one HTML report with tables and figures."""
    from govgraph.fileio import check_output
    from govgraph.report import build_report_of, is_report_file, write_report

    target = one_folder(out_dir, out) or Path("govgraph-report")
    check_output(target, force=force, folder=True, own=is_report_file)  # before the long computation
    built = build_report_of(data_source.dataset(), data_source.as_of)
    for path in write_report(built, target):
        err_console.print(f"wrote {path}")
    err_console.print(built.summary(), soft_wrap=True, markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(regimes)
    app.command()(evolution)
    app.command()(power)
    app.command()(report)
