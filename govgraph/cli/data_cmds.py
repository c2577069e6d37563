"""Commands on the data itself: validate, stats, show, export, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govgraph.cli.common import (
    DataOpt,
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
    split_paths,
    state,
)
from govgraph.cli.latex_opts import latex_options
from govgraph.render import OutputFormat


@guarded
@output_options
def validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="YAML files, tables or folders (default: the packaged seeds).")
    ] = None,
    data: DataOpt = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Check data files: syntax, fields, vocabulary, references, dates. Exit 0 valid, 1 invalid, 2 bad usage."""
    from govgraph.dataset import load_dataset
    from govgraph.errors import DataError
    from govgraph.tableio import data_files
    from govgraph.validation_report import ValidationReport

    chosen = [*(paths or []), *(split_paths(data) or [])] or None
    yaml_found, tables = data_files(chosen)
    files = [*yaml_found, *tables]
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
        if state.output.file is None and state.output.out_dir is None:
            return  # a person at a terminal: the summary says it all
    emit(report, fmt)


@guarded
@source_options
@output_options
@latex_options
def stats(data_source: GraphSource, fmt: FormatOpt = OutputFormat.table) -> None:
    """Count actors by kind and relations by type."""
    from govgraph.describe import stats_of

    emit(stats_of(data_source.dataset(), data_source.as_of), fmt)  # counted in the columns: no graph is built


@guarded
@source_options
@output_options
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
    out_dir: Annotated[
        Path | None, out_dir_option("Folder to write (default: schema/ of the checkout, rewritten in place).")
    ] = None,
    out: OutDirAliasOpt = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only check that the files are up to date (exit 1 if not).")
    ] = False,
    force: ForceOpt = False,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            "-d",
            help="Data folders or files (comma-separated or repeated) whose terms the views add; needs --out-dir.",
        ),
    ] = None,
) -> None:
    """Write the JSON Schema, the Neo4j constraints and the vocabulary docs, all generated from the vocabulary.

    The checkout's schema/ is rewritten in place; another folder that exists needs --force. With --data, the
    views include the terms the data adds (its vocabulary: sections), and go to the folder --out-dir names.
    """
    from govgraph import schema_gen
    from govgraph.errors import UsageError
    from govgraph.fileio import output_dir
    from govgraph.paths import schema_dir
    from govgraph.user_terms import vocabulary_of

    chosen = one_folder(out_dir, out)
    paths = split_paths(data)
    if paths and chosen is None:
        raise UsageError("--data needs --out-dir: the checkout's schema/ holds the shipped vocabulary's views")
    vocab = vocabulary_of(paths) if paths else None
    target = chosen or schema_dir()
    if check:
        stale = [
            n
            for n, text in schema_gen.generate(vocab).items()
            if not (target / n).is_file() or (target / n).read_text(encoding="utf-8") != text
        ]
        if stale:
            err_console.print(f"[red]stale:[/red] {', '.join(stale)} in {target}; run `govgraph schema`")
            raise typer.Exit(1)
        err_console.print(f"up to date: {target}")
        return
    files = schema_gen.generate(vocab)
    with output_dir(target, force=force or chosen is None, own=files) as tmp:
        schema_gen.write(tmp, vocab)
    for name in files:
        err_console.print(f"wrote {target / name}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(validate)
    app.command()(stats)
    app.command()(show)
    app.command()(schema)
    from govgraph.cli.export_cmd import export

    app.command()(export)
