"""``govgraph export``: the graph, or a selection of it, in one of the export formats."""

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
    load,
    settings_from,
)


@guarded
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="Export format: json.")] = "json",
    output: Annotated[Path, typer.Option("--output", "-o", help="File (or folder, for csv) to write.")] = Path("govgraph.json"),
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    from_neo4j: FromNeo4jOpt = False,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """Export the graph with the sources of every node and link."""
    from govgraph.export import exporter
    from govgraph.graph import build_graph

    exp = exporter(fmt)
    ds = load(data, from_neo4j=from_neo4j, settings=from_neo4j and settings_from(uri, user, password, database))
    g = build_graph(ds, as_of)
    for path in exp.write(g, output):
        err_console.print(f"wrote {path} ({g.number_of_nodes()} nodes, {g.number_of_edges()} links)")
