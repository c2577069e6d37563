"""Network analysis commands: centrality, overlap (membership, function), links, path, ego.

Each parses its options, makes one call into :mod:`govgraph.analysis` and emits the result. Centrality and
overlap look at the default year (:func:`govgraph.years.default_year`: the latest year the data observes that
is not in the future) unless ``--as-of`` says otherwise, or at every year of ``--over START:END[:STEP]``
(:mod:`govgraph.analysis.timeline`); links, path and ego use every tie ever recorded unless ``--as-of`` is given
(lineages such as successions span years).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from govgraph.cli.common import (
    FormatOpt,
    GraphSource,
    emit,
    err_console,
    guarded,
    output_options,
    source_options,
    split_list,
)
from govgraph.cli.latex_opts import latex_options
from govgraph.render import OutputFormat


class Projection(StrEnum):
    """The graph centrality is computed on."""

    links = "links"
    actors = "actors"
    membership = "membership"


class Metric(StrEnum):
    """Similarity of two sets."""

    jaccard = "jaccard"
    overlap = "overlap"
    cosine = "cosine"


class Side(StrEnum):
    """Which pairs the membership overlap compares."""

    organisations = "organisations"
    members = "members"


class Backbone(StrEnum):
    """Null model of the membership backbone."""

    hypergeom = "hypergeom"
    sdsm = "sdsm"


class By(StrEnum):
    """What the functional overlap compares."""

    functions = "functions"
    issue_areas = "issue-areas"


KindOpt = Annotated[
    list[str] | None,
    typer.Option("--kind", "-k", help="Kinds of actor, comma-separated or repeated (organisation,programme,...)."),
]
MetricOpt = Annotated[Metric, typer.Option("--metric", help="Similarity: jaccard, overlap (coefficient) or cosine.")]
MinOpt = Annotated[float, typer.Option("--min", min=0.0, max=1.0, help="Only pairs with at least this similarity.")]
MinSharedOpt = Annotated[
    int, typer.Option("--min-shared", min=1, help="Only pairs sharing at least this many members (or terms).")
]
PairTopOpt = Annotated[
    int | None,
    typer.Option(
        "--top", min=1, help="Keep each institution's K most similar partners (ties by id).", show_default=False
    ),
]
PairLimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        min=1,
        help="List only the N most similar pairs; the count still covers every pair (fast at any size).",
        show_default=False,
    ),
]
OverOpt = Annotated[
    str | None,
    typer.Option(
        "--over",
        metavar="START:END[:STEP]",
        help="Every year of this range (snapshots): one long table of year, id, measure, value.",
        show_default=False,
    ),
]
FigureOpt = Annotated[
    Path | None,
    typer.Option("--figure", help="With --over: also write a line figure (.svg, .pdf or .png).", show_default=False),
]
PrecisionOpt = Annotated[
    int, typer.Option("--precision", min=1, max=17, help="Significant digits in tables (JSON keeps every digit).")
]


def emit_over(
    data_source: GraphSource,
    over: str | None,
    figure: Path | None,
    make: Callable[[Any, list[int]], Any],
    view: tuple[OutputFormat, Path | None, int],
) -> None:
    """Run ``make(graph, years)`` over ``--over`` and emit the timeline; write ``--figure`` when asked."""
    from govgraph.errors import UsageError
    from govgraph.years import parse_over

    if over is None:
        raise UsageError("--figure needs --over START:END[:STEP]")
    if data_source.as_of is not None:
        raise UsageError("--over and --as-of exclude each other (--over gives every year of its range)")
    years = parse_over(over)
    if figure is not None:
        from govgraph.figures.style import figure_format

        figure_format(figure)  # a wrong suffix fails before the work, not after
    fmt, output, precision = view
    timeline = make(data_source.graph("all"), years)
    timeline.precision = precision
    emit(timeline, fmt, output)
    if figure is not None:
        timeline.save_figure(figure)
        err_console.print(f"wrote {figure}")


_split = split_list


@guarded
@source_options
@output_options
@latex_options
def centrality(
    data_source: GraphSource,
    measure: Annotated[
        list[str] | None,
        typer.Option(
            "--measure",
            "-m",
            help="degree,betweenness,closeness,eigenvector,pagerank (comma-separated; the first sorts).",
        ),
    ] = None,
    projection: Annotated[Projection, typer.Option("--projection", "-p", help="links, actors or membership.")] = (
        Projection.links
    ),
    kind: KindOpt = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="Only the first N rows.")] = None,
    over: OverOpt = None,
    figure: FigureOpt = None,
    precision: PrecisionOpt = 3,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Who is central: degree, betweenness, closeness, eigenvector, PageRank on a projection (default: latest year)."""
    args = (_split(measure), projection.value, _split(kind), top)
    if over is not None or figure is not None:
        from govgraph.analysis.timeline import centrality_over

        emit_over(data_source, over, figure, lambda g, years: centrality_over(g, years, *args), (fmt, None, precision))
        return
    from govgraph.analysis.centrality import centrality_of

    result = centrality_of(data_source.dataset(), data_source.as_of, *args)
    result.precision = precision
    emit(result, fmt)


overlap_app = typer.Typer(
    name="overlap", help="Overlap between institutions: shared members or shared functions.", no_args_is_help=True
)


@overlap_app.command("membership")
@guarded
@source_options
@output_options
@latex_options
def overlap_membership(
    data_source: GraphSource,
    metric: MetricOpt = Metric.jaccard,
    min_value: MinOpt = 0.0,
    side: Annotated[
        Side, typer.Option("--side", help="Pairs of organisations, or pairs of members (states' co-membership).")
    ] = Side.organisations,
    min_shared: MinSharedOpt = 1,
    top: PairTopOpt = None,
    limit: PairLimitOpt = None,
    kind: KindOpt = None,
    over: OverOpt = None,
    figure: FigureOpt = None,
    precision: PrecisionOpt = 3,
    backbone: Annotated[
        Backbone | None,
        typer.Option("--backbone", help="Only significant pairs: hypergeom or sdsm null, BH q <= --alpha."),
    ] = None,
    alpha: Annotated[float, typer.Option("--alpha", help="False discovery rate of --backbone.")] = 0.05,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Shared members and similarity of every pair of institutions (or of members) (default: latest year)."""
    from govgraph.analysis.overlap import membership_overlap_of
    from govgraph.analysis.projections import INSTITUTION_KINDS

    if backbone is not None:
        from govgraph.analysis.backbone import membership_backbone
        from govgraph.errors import UsageError

        if top is not None or limit is not None or min_shared != 1 or min_value or over is not None:
            raise UsageError(
                "--backbone keeps the pairs significant at --alpha: it excludes --top, --limit, --min, --min-shared"
                " and --over"
            )

        result = membership_backbone(
            data_source.graph("latest"), backbone.value, alpha, side.value, _kinds(kind, INSTITUTION_KINDS)
        )
        result.precision = precision
        emit(result, fmt)
        return
    options = {
        "metric": metric.value,
        "min_value": min_value,
        "side": side.value,
        "kinds": _kinds(kind, INSTITUTION_KINDS),
        "min_shared": min_shared,
        "top": top,
        "limit": limit,
    }
    _overlap(data_source, "membership", membership_overlap_of, options, (over, figure), (fmt, None, precision))


@overlap_app.command("function")
@guarded
@source_options
@output_options
@latex_options
def overlap_function(
    data_source: GraphSource,
    by: Annotated[By, typer.Option("--by", help="Compare functions or issue areas.")] = By.functions,
    metric: MetricOpt = Metric.jaccard,
    min_value: MinOpt = 0.0,
    min_shared: MinSharedOpt = 1,
    top: PairTopOpt = None,
    limit: PairLimitOpt = None,
    kind: KindOpt = None,
    over: OverOpt = None,
    figure: FigureOpt = None,
    precision: PrecisionOpt = 3,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Institutions sharing functions or issue areas, each pair flagged linked or not (default: latest year)."""
    from govgraph.analysis.overlap import function_overlap_of
    from govgraph.analysis.projections import INSTITUTION_KINDS

    options = {
        "by": by.value,
        "metric": metric.value,
        "min_value": min_value,
        "kinds": _kinds(kind, INSTITUTION_KINDS),
        "min_shared": min_shared,
        "top": top,
        "limit": limit,
    }
    _overlap(data_source, "function", function_overlap_of, options, (over, figure), (fmt, None, precision))


def _overlap(
    data_source: GraphSource,
    analysis: str,
    run: Callable[..., Any],
    options: dict[str, Any],
    over_figure: tuple[str | None, Path | None],
    view: tuple[OutputFormat, Path | None, int],
) -> None:
    """One overlap command: the default year (or ``--as-of``), read from the data's columns without a graph
    (``run`` is a ``*_overlap_of``); or every year of ``--over``, on the graph."""
    over, figure = over_figure
    if over is not None or figure is not None:
        from govgraph.analysis.timeline import overlap_over

        emit_over(data_source, over, figure, lambda g, years: overlap_over(g, years, analysis, **options), view)
        return
    fmt, output, precision = view
    report = run(data_source.dataset(), data_source.as_of, **options)
    report.precision = precision
    emit(report, fmt, output)


def _kinds(kind: list[str] | None, default: tuple[str, ...]) -> tuple[str, ...]:
    from govgraph.analysis.projections import check_kinds

    return check_kinds(_split(kind), default)


@guarded
@source_options
@output_options
@latex_options
def links(
    data_source: GraphSource,
    actor: Annotated[str | None, typer.Argument(help="Only this actor's ties (id, name or alias).")] = None,
    kind: KindOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Every typed tie between institutions, or those of one actor (default: all years)."""
    from govgraph.analysis.links import links as list_links

    g = data_source.graph("all")
    emit(list_links(g, actor, _split(kind)), fmt)


@guarded
@source_options
@output_options
@latex_options
def path(
    data_source: GraphSource,
    source: Annotated[str, typer.Argument(help="From this actor (id, name or alias).")],
    target: Annotated[str, typer.Argument(help="To this actor (id, name or alias).")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="List at most this many paths.")] = 100,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """All shortest paths between two actors, with the relation types along the way (default: all years)."""
    from govgraph.analysis.links import shortest_paths

    g = data_source.graph("all")
    emit(shortest_paths(g, source, target, limit), fmt)


@guarded
@source_options
@output_options
@latex_options
def ego(
    data_source: GraphSource,
    actor: Annotated[str, typer.Argument(help="The centre (id, name or alias).")],
    radius: Annotated[int, typer.Option("--radius", "-r", min=0, help="Steps from the centre.")] = 1,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """The actors within --radius steps of one actor, and every tie among them (default: all years)."""
    from govgraph.analysis.links import ego_network

    g = data_source.graph("all")
    emit(ego_network(g, actor, radius), fmt)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(centrality)
    app.add_typer(overlap_app, name="overlap")
    app.command()(links)
    app.command()(path)
    app.command()(ego)
