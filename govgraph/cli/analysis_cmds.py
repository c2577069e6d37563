"""Network analysis commands: centrality, overlap (membership, function), links, path, ego.

Each parses its options, makes one call into :mod:`govgraph.analysis` and emits the result. Centrality and
overlap look at the latest year the data records unless ``--as-of`` says otherwise; links, path and ego use
every tie ever recorded unless ``--as-of`` is given (lineages such as successions span years).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from govgraph.cli.common import (
    FormatOpt,
    GraphSource,
    emit,
    guarded,
    source_options,
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
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (whole, or not at all).")]


def _split(values: list[str] | None) -> list[str]:
    """Comma-separated and repeated option values as one list."""
    return [part.strip() for v in values or [] for part in v.split(",") if part.strip()]


@guarded
@source_options
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
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """Who is central: degree, betweenness, closeness, eigenvector, PageRank on a projection (default: latest year)."""
    from govgraph.analysis.centrality import centrality as compute

    g = data_source.graph("latest")
    emit(compute(g, _split(measure), projection.value, _split(kind), top), fmt, output)


overlap_app = typer.Typer(
    name="overlap", help="Overlap between institutions: shared members or shared functions.", no_args_is_help=True
)


@overlap_app.command("membership")
@guarded
@source_options
@latex_options
def overlap_membership(
    data_source: GraphSource,
    metric: MetricOpt = Metric.jaccard,
    min_value: MinOpt = 0.0,
    side: Annotated[
        Side, typer.Option("--side", help="Pairs of organisations, or pairs of members (states' co-membership).")
    ] = Side.organisations,
    kind: KindOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """Shared members and similarity of every pair of institutions (or of members) (default: latest year)."""
    from govgraph.analysis.overlap import membership_overlap
    from govgraph.analysis.projections import INSTITUTION_KINDS

    g = data_source.graph("latest")
    emit(membership_overlap(g, metric.value, min_value, side.value, _kinds(kind, INSTITUTION_KINDS)), fmt, output)


@overlap_app.command("function")
@guarded
@source_options
@latex_options
def overlap_function(
    data_source: GraphSource,
    by: Annotated[By, typer.Option("--by", help="Compare functions or issue areas.")] = By.functions,
    metric: MetricOpt = Metric.jaccard,
    min_value: MinOpt = 0.0,
    kind: KindOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """Institutions sharing functions or issue areas, each pair flagged linked or not (default: latest year)."""
    from govgraph.analysis.overlap import function_overlap
    from govgraph.analysis.projections import INSTITUTION_KINDS

    g = data_source.graph("latest")
    emit(function_overlap(g, by.value, metric.value, min_value, _kinds(kind, INSTITUTION_KINDS)), fmt, output)


def _kinds(kind: list[str] | None, default: tuple[str, ...]) -> tuple[str, ...]:
    from govgraph.analysis.projections import check_kinds

    return check_kinds(_split(kind), default)


@guarded
@source_options
@latex_options
def links(
    data_source: GraphSource,
    actor: Annotated[str | None, typer.Argument(help="Only this actor's ties (id, name or alias).")] = None,
    kind: KindOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """Every typed tie between institutions, or those of one actor (default: all years)."""
    from govgraph.analysis.links import links as list_links

    g = data_source.graph("all")
    emit(list_links(g, actor, _split(kind)), fmt, output)


@guarded
@source_options
@latex_options
def path(
    data_source: GraphSource,
    source: Annotated[str, typer.Argument(help="From this actor (id, name or alias).")],
    target: Annotated[str, typer.Argument(help="To this actor (id, name or alias).")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="List at most this many paths.")] = 100,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """All shortest paths between two actors, with the relation types along the way (default: all years)."""
    from govgraph.analysis.links import shortest_paths

    g = data_source.graph("all")
    emit(shortest_paths(g, source, target, limit), fmt, output)


@guarded
@source_options
@latex_options
def ego(
    data_source: GraphSource,
    actor: Annotated[str, typer.Argument(help="The centre (id, name or alias).")],
    radius: Annotated[int, typer.Option("--radius", "-r", min=0, help="Steps from the centre.")] = 1,
    fmt: FormatOpt = OutputFormat.table,
    output: OutputOpt = None,
) -> None:
    """The actors within --radius steps of one actor, and every tie among them (default: all years)."""
    from govgraph.analysis.links import ego_network

    g = data_source.graph("all")
    emit(ego_network(g, actor, radius), fmt, output)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(centrality)
    app.add_typer(overlap_app, name="overlap")
    app.command()(links)
    app.command()(path)
    app.command()(ego)
