"""Commands on the data itself: validate, stats, show, export, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govgraph.cli.common import (
    DataOpt,
    FormatOpt,
    GraphSource,
    emit,
    err_console,
    guarded,
    source_options,
)
from govgraph.cli.latex_opts import latex_options
from govgraph.render import OutputFormat


@guarded
def validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="YAML files or folders (default: the packaged seeds).")
    ] = None,
    data: DataOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Check data files: syntax, fields, vocabulary, references, dates. Exit 0 valid, 1 invalid, 2 bad usage."""
    from govgraph.dataset import load_dataset, yaml_files
    from govgraph.errors import DataError
    from govgraph.validation_report import ValidationReport

    chosen = [*(paths or []), *(data or [])] or None
    files = yaml_files(chosen)
    try:
        ds = load_dataset(chosen)
    except DataError as exc:
        if fmt is OutputFormat.table:
            raise
        emit(ValidationReport.failed(files, exc.problems), fmt)
        raise typer.Exit(exc.exit_code) from None
    report = ValidationReport.passed(files, ds)
    if fmt is OutputFormat.table:
        err_console.print(f"[green]valid:[/green] {report.summary()}")
    else:
        emit(report, fmt)


@guarded
@source_options
@latex_options
def stats(data_source: GraphSource, fmt: FormatOpt = OutputFormat.table) -> None:
    """Count actors by kind and relations by type."""
    from govgraph.describe import stats as stats_of

    emit(stats_of(data_source.graph()), fmt)


@guarded
@source_options
@latex_options
def show(
    actor: Annotated[str, typer.Argument(help="Actor id, name or alias.")],
    data_source: GraphSource,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """One actor with all its ties and their sources."""
    from govgraph.describe import show as show_actor

    emit(show_actor(data_source.graph(), actor), fmt)


@guarded
def schema(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder to write (default: schema/ of the checkout).")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only check that the files are up to date (exit 1 if not).")
    ] = False,
) -> None:
    """Write the JSON Schema, the Neo4j constraints and the vocabulary docs, all generated from the vocabulary."""
    from govgraph import schema_gen
    from govgraph.paths import schema_dir

    target = out or schema_dir()
    if check:
        stale = [
            n
            for n, text in schema_gen.generate().items()
            if not (target / n).is_file() or (target / n).read_text(encoding="utf-8") != text
        ]
        if stale:
            err_console.print(f"[red]stale:[/red] {', '.join(stale)} in {target}; run `govgraph schema`")
            raise typer.Exit(1)
        err_console.print(f"up to date: {target}")
        return
    for path in schema_gen.write(target):
        err_console.print(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(validate)
    app.command()(stats)
    app.command()(show)
    app.command()(schema)
    from govgraph.cli.export_cmd import export

    app.command()(export)
