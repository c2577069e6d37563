"""Commands that talk to Neo4j: ``load``, ``query``, ``neo4j start|stop|status`` for the local server, and
``neo4j write-results`` (analysis results written back for Browser users)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from govgraph.cli.common import (
    Connection,
    DataOpt,
    FormatOpt,
    PasswordOpt,
    check_one_csv,
    connection_options,
    emit,
    err_console,
    guarded,
    output_options,
)
from govgraph.cli.common import load as load_data
from govgraph.render import OutputFormat

neo4j_app = typer.Typer(
    name="neo4j",
    help="The local Neo4j 5.26 Community server, without Docker (jars fetched once from Maven Central), "
    "and analysis results written back into Neo4j.",
    no_args_is_help=True,
)

InstanceOpt = Annotated[
    Path | None, typer.Option("--instance-dir", help="Run a separate instance here (default: the shared home).")
]


def _progress_bar() -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]{task.description:<24}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


@guarded
@connection_options
@output_options
def load(
    neo4j: Connection,
    data: DataOpt = None,
    replace: Annotated[bool, typer.Option("--replace", help="Also remove what the dataset no longer holds.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Records per transaction.")] = 10_000,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="Fill the EMPTY database of the stopped local server with neo4j-admin's offline importer, "
            "then start it (Bolt port from --uri) and create the constraints.",
        ),
    ] = False,
    instance_dir: Annotated[
        Path | None,
        typer.Option("--instance-dir", help="With --bulk: the local server's instance (default: the shared home)."),
    ] = None,
    http_port: Annotated[int, typer.Option("--http-port", help="With --bulk: HTTP (Browser) port.")] = 7474,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Validate the data, then load it into Neo4j (constraints, nodes, relations); loading twice changes nothing."""
    from govgraph.neo4j.loader import load as load_into

    dataset = load_data(data)  # invalid data stops here: nothing is written
    settings = neo4j.settings()
    if bulk:
        _bulk(dataset, settings, replace, instance_dir, http_port, fmt)
        return
    if not err_console.is_terminal:  # no bar in logs and pipes: the summary says it all
        summary = load_into(dataset, settings, replace=replace, batch_size=batch_size)
    else:
        with _progress_bar() as bar:
            task = bar.add_task("connecting", total=None)

            def progress(done: int, total: int, what: str) -> None:
                bar.update(task, completed=done, total=total, description=what or "loading")

            summary = load_into(dataset, settings, replace=replace, batch_size=batch_size, progress=progress)
    err_console.print(f"[green]loaded:[/green] {summary.line()}", soft_wrap=True)
    emit(summary, fmt)


def _bulk(dataset: Any, settings: Any, replace: bool, instance_dir: Path | None, http_port: int, fmt: Any) -> None:
    """``load --bulk``: the offline importer into the local instance's empty database."""
    from urllib.parse import urlsplit

    from rich.markup import escape

    from govgraph.errors import UsageError
    from govgraph.neo4j.bulk import bulk_load
    from govgraph.tables import SimpleReport, Table

    if replace:
        raise UsageError("--bulk fills an empty database: there is nothing to --replace")
    parts = urlsplit(settings.uri)
    if parts.hostname not in ("127.0.0.1", "localhost") or parts.scheme not in ("bolt", "neo4j"):
        raise UsageError(f"--bulk imports into the local server (bolt://127.0.0.1:PORT), not {settings.uri}")
    report = bulk_load(
        dataset,
        instance_dir=instance_dir,
        bolt_port=parts.port or 7687,
        http_port=http_port,
        password=settings.password,
        progress=_say,
    )
    err_console.print(f"[green]imported:[/green] {escape(report.line())}", soft_wrap=True, highlight=False)
    doc = report.to_json()
    emit(SimpleReport(doc, [Table("bulk", "Bulk import", ["field", "value"], [[k, v] for k, v in doc.items()])]), fmt)


@guarded
@connection_options
@output_options
def query(
    neo4j: Connection,
    query: Annotated[
        str | None,
        typer.Argument(metavar="FILE|CYPHER", help="A .cypher file, the name of a packaged query, or Cypher text."),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="NAME=VALUE (VALUE as JSON, else text); repeat for several (no comma lists: values hold commas).",
        ),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the packaged queries and their questions.")] = False,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Run a Cypher query (read-only) against Neo4j and print its rows."""
    from govgraph.errors import UsageError
    from govgraph.neo4j.run_query import list_queries, parse_params, run_query

    if list_:
        from govgraph.tables import SimpleReport, Table

        rows = [[q.name, q.question or ""] for q in list_queries()]
        doc = {"queries": [{"name": n, "question": t} for n, t in rows]}
        emit(SimpleReport(doc, [Table("queries", "Packaged queries", ["file", "question"], rows)]), fmt)
        return
    if query is None:
        raise UsageError("give a query file, the name of a packaged query, or Cypher text (or --list)")
    params = parse_params(param or [])
    emit(run_query(neo4j.settings(), query, params), fmt)


def _status_report(st: Any) -> Any:
    from govgraph.tables import SimpleReport, Table

    doc = st.as_dict()
    rows = [[k, "" if v is None else v] for k, v in doc.items()]
    return SimpleReport(doc, [Table("neo4j_status", "Local Neo4j server", ["field", "value"], rows)])


def _say(message: str) -> None:
    err_console.print(message, markup=False, highlight=False)


@neo4j_app.command("start")
@guarded
@output_options
def start(
    bolt_port: Annotated[int, typer.Option("--bolt-port", help="Bolt port on 127.0.0.1.")] = 7687,
    http_port: Annotated[int, typer.Option("--http-port", help="HTTP (Browser) port on 127.0.0.1.")] = 7474,
    password: PasswordOpt = None,
    wait: Annotated[float, typer.Option("--wait", help="Seconds to wait for the server to answer.")] = 120,
    heap: Annotated[str, typer.Option("--heap", help="Java heap size.")] = "512m",
    pagecache: Annotated[str, typer.Option("--pagecache", help="Neo4j page cache size.")] = "256m",
    instance_dir: InstanceOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Start the local server (fetching its jars on first use) and wait until Bolt and Browser answer."""
    from govgraph.neo4j import server

    st = server.start(
        bolt_port=bolt_port,
        http_port=http_port,
        password=password,
        wait_s=wait,
        heap=heap,
        pagecache=pagecache,
        instance_dir=instance_dir,
        progress=_say,
    )
    err_console.print(f"[green]running:[/green] {st.bolt_uri}  Browser: {st.browser_url}")
    emit(_status_report(st), fmt)


@neo4j_app.command("stop")
@guarded
def stop(instance_dir: InstanceOpt = None) -> None:
    """Stop the local server."""
    from govgraph.neo4j import server

    err_console.print("stopped" if server.stop(instance_dir=instance_dir) else "not running")


@neo4j_app.command("status")
@guarded
@output_options
def status(instance_dir: InstanceOpt = None, fmt: FormatOpt = OutputFormat.table) -> None:
    """Whether the local server runs, and where (exit 0 running, 3 not running)."""
    from govgraph.errors import ExitCode
    from govgraph.neo4j import server

    st = server.status(instance_dir=instance_dir)
    emit(_status_report(st), fmt)
    if not st.running:
        raise typer.Exit(ExitCode.DB_UNAVAILABLE)


@neo4j_app.command("write-results")
@guarded
@connection_options
@output_options
def write_results(
    neo4j: Connection,
    as_of: Annotated[
        int | None,
        typer.Option("--as-of", min=1, max=9999, help="The year to analyse (default: the latest the data records)."),
    ] = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Write centrality scores (actor properties) and :RegimeComplex nodes into Neo4j, computed on what it holds."""
    from rich.markup import escape

    from govgraph.neo4j.results import write_results as write_into

    check_one_csv(["write_results", "regime_complex_nodes"], fmt)  # before writing anything into Neo4j
    summary = write_into(None, neo4j.settings(), as_of=as_of)
    err_console.print(f"[green]written:[/green] {escape(summary.line())}", soft_wrap=True)
    emit(summary, fmt)


def register(app: typer.Typer) -> None:
    """Add ``load``, ``query`` and the ``neo4j`` group to ``app``."""
    app.command("load")(load)
    app.command("query")(query)
    app.add_typer(neo4j_app, name="neo4j")
