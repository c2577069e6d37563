"""``govgraph export``: the graph, or a selection of it, in one of the export formats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

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
    load,
    settings_from,
)
from govgraph.export import formats

__all__ = [
    "CypherOpt",
    "EgoOpt",
    "IssueAreaOpt",
    "KindOpt",
    "RadiusOpt",
    "RegimeOpt",
    "RelationOpt",
    "export",
    "selected_graph",
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
KindOpt = Annotated[list[str] | None, typer.Option("--kind", help="Only actors of these kinds (repeat, or a,b).")]
RelationOpt = Annotated[
    list[str] | None, typer.Option("--relation", help="Only relations of these types or categories (repeat, or a,b).")
]
CypherOpt = Annotated[
    Path | None,
    typer.Option(
        "--cypher", help="Only the nodes and relationships this Cypher query returns (reads the graph from Neo4j)."
    ),
]


def _split(values: list[str] | None) -> list[str] | None:
    return [v.strip() for raw in values or [] for v in raw.split(",") if v.strip()] or None


def selected_graph(
    data: list[Path] | None,
    as_of: int | None,
    *,
    ego: str | None = None,
    radius: int = 1,
    issue_area: str | None = None,
    regime: int | None = None,
    kinds: list[str] | None = None,
    relations: list[str] | None = None,
    cypher: Path | None = None,
    from_neo4j: bool = False,
    settings: Any = None,
) -> Any:
    """Load the data (YAML or Neo4j), build the graph (``as_of`` snapshot) and apply the selection."""
    from govgraph.graph import build_graph
    from govgraph.select import select

    if cypher is not None:
        from govgraph.errors import UsageError
        from govgraph.neo4j.cypher_select import read_query

        if data:
            raise UsageError("--cypher reads the graph from Neo4j; it excludes --data")
        read_query(cypher)  # a bad file is a usage error before any connection
        from_neo4j = True
    settings = settings if from_neo4j else None
    g = build_graph(load(data, from_neo4j=from_neo4j, settings=settings), as_of)
    if cypher is not None:
        from govgraph.neo4j.cypher_select import select_cypher

        g = select_cypher(g, settings, cypher)
    return select(
        g,
        ego=ego,
        radius=radius,
        issue_area=issue_area,
        regime=regime,
        kinds=_split(kinds),
        relations=_split(relations),
    )


@guarded
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Export format: {', '.join(formats())}.")] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File (or folder, for csv) to write; default govgraph.<suffix> (csv: folder govgraph-csv).",
        ),
    ] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    ego: EgoOpt = None,
    radius: RadiusOpt = 1,
    issue_area: IssueAreaOpt = None,
    regime: RegimeOpt = None,
    kind: KindOpt = None,
    relation: RelationOpt = None,
    cypher: CypherOpt = None,
    from_neo4j: FromNeo4jOpt = False,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Export the graph, or a part of it, with the sources of every node and link."""
    from govgraph.export import exporter

    exp = exporter(fmt)
    output = output or Path(f"govgraph{exp.suffix or '-' + exp.name}")
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
    for path in exp.write(g, output):
        err_console.print(f"wrote {path} ({g.number_of_nodes()} nodes, {g.number_of_edges()} links)")
