"""``govgraph export``: the graph, or a selection of it, in one of the export formats."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from govgraph.cli.common import (
    ForceOpt,
    GraphSource,
    OutDirOpt,
    err_console,
    guarded,
    load,
    source_options,
    split_list,
    with_options,
)
from govgraph.errors import UsageError

#: the export formats (as govgraph.export.formats() lists them; kept here so that --help imports no networkx).
FORMATS = ("bibtex", "csv", "cypher", "gephi", "gexf", "graphml", "json", "pajek", "siena", "twomode")

__all__ = [
    "CypherOpt",
    "EgoOpt",
    "IssueAreaOpt",
    "KindOpt",
    "RadiusOpt",
    "RegimeOpt",
    "RelationOpt",
    "Selection",
    "export",
    "selected_graph",
    "selection_options",
]

EgoOpt = Annotated[str | None, typer.Option("--ego", help="Only this actor (id, name or alias) and its neighbours.")]
RadiusOpt = Annotated[int, typer.Option("--radius", min=0, help="Steps from --ego (ties in either direction).")]
IssueAreaOpt = Annotated[str | None, typer.Option("--issue-area", help="Only actors tagged with this issue area.")]
RegimeOpt = Annotated[
    int | None,
    typer.Option(
        "--regime", min=1, help="Only the institutions of regime complex N (as `govgraph regimes` numbers them)."
    ),
]
KindOpt = Annotated[
    list[str] | None, typer.Option("--kind", help="Only actors of these kinds (comma-separated or repeated).")
]
RelationOpt = Annotated[
    list[str] | None,
    typer.Option("--relation", help="Only relations of these types or categories (comma-separated or repeated)."),
]
CypherOpt = Annotated[
    Path | None,
    typer.Option(
        "--cypher", help="Only the nodes and relationships this Cypher query returns (reads the graph from Neo4j)."
    ),
]


def _split(values: list[str] | None) -> list[str] | None:
    return split_list(values) or None


@dataclass(frozen=True)
class Selection:
    """Which part of the graph to take (``--ego --radius --issue-area --regime --kind --relation --cypher``)."""

    ego: str | None = None
    radius: int = 1
    issue_area: str | None = None
    regime: int | None = None
    kind: list[str] | None = None
    relation: list[str] | None = None
    cypher: Path | None = None


_SELECTION_PARAMS = {
    "ego": (EgoOpt, None),
    "radius": (RadiusOpt, 1),
    "issue_area": (IssueAreaOpt, None),
    "regime": (RegimeOpt, None),
    "kind": (KindOpt, None),
    "relation": (RelationOpt, None),
    "cypher": (CypherOpt, None),
}


def selection_options(func: Any) -> Any:
    """Give a command the selection options; it receives them as ``selection: Selection``."""
    return with_options(func, "selection", _SELECTION_PARAMS, lambda v: Selection(**v))


def selected_graph(data_source: GraphSource, selection: Selection) -> Any:
    """Load the data (YAML or Neo4j), build the graph (``--as-of`` snapshot) and apply the selection."""
    from govgraph.graph import build_graph
    from govgraph.select import select

    from_neo4j = data_source.from_neo4j
    if selection.cypher is not None:
        from govgraph.neo4j.cypher_select import read_query

        if data_source.data:
            raise UsageError("--cypher reads the graph from Neo4j; it excludes --data")
        read_query(selection.cypher)  # a bad file is a usage error before any connection
        from_neo4j = True
    settings = data_source.neo4j.settings() if from_neo4j else None
    g = build_graph(load(data_source.data, from_neo4j=from_neo4j, settings=settings), data_source.as_of)
    if selection.cypher is not None:
        from govgraph.neo4j.cypher_select import select_cypher

        g = select_cypher(g, settings, selection.cypher)
    return select(
        g,
        ego=selection.ego,
        radius=selection.radius,
        issue_area=selection.issue_area,
        regime=selection.regime,
        kinds=_split(selection.kind),
        relations=_split(selection.relation),
    )


@guarded
@source_options
@selection_options
def export(
    data_source: GraphSource,
    selection: Selection,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Export format: {', '.join(FORMATS)}.")] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="File to write ('-' = standard output) \\[default: govgraph.<suffix>]; for csv, the old "
            "spelling of --out-dir.",
            show_default=False,
        ),
    ] = None,
    out_dir: OutDirOpt = None,
    force: ForceOpt = False,
    waves: Annotated[
        list[str] | None,
        typer.Option(
            "--waves", help="siena: the years of the panel's waves (comma-separated or repeated: 1990,2000,2010)."
        ),
    ] = None,
) -> None:
    """Export the graph, or a part of it, with the sources of every node and link.

    csv, twomode and siena write a folder (--out-dir, default govgraph-<format>); every other format one file (-o,
    default govgraph.<suffix>).
    """
    from dataclasses import replace

    from govgraph.export import exporter
    from govgraph.fileio import check_output, is_stdout

    exp = exporter(fmt)
    if waves:
        if fmt != "siena":
            raise UsageError("--waves is for --format siena")
        try:
            years = tuple(int(y) for y in _split(waves) or [])
        except ValueError:
            raise UsageError(f"--waves takes years, such as 1990,2000: {', '.join(waves)}") from None
        exp = replace(exp, waves=years)  # type: ignore[type-var]
    folder = not exp.suffix
    if folder:
        if out_dir is not None and output is not None:
            raise UsageError(f"-o and --out-dir both name the {exp.name} folder: give one")
        target = out_dir or output or Path(f"govgraph-{exp.name}")
    else:
        if out_dir is not None:
            raise UsageError(f"--out-dir is for formats that write a folder; {exp.name} writes one file: use -o FILE")
        target = output or Path(f"govgraph{exp.suffix}")
    own = lambda name: name.endswith((".csv", ".mtx"))  # noqa: E731 - what an earlier export wrote
    check_output(target, force=force, folder=folder, own=own)  # before any work
    g = selected_graph(data_source, selection)
    written = exp.write(g, target)
    if not is_stdout(target):
        for path in written:
            err_console.print(f"wrote {path} ({g.number_of_nodes()} nodes, {g.number_of_edges()} links)")
