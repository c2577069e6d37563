"""``govgraph import cow-igo`` and ``govgraph import csv``: data researchers already hold -> govgraph YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govgraph.cli.common import (
    FormatOpt,
    OutDirAliasOpt,
    emit,
    err_console,
    guarded,
    one_folder,
    out_dir_option,
    output_options,
    split_paths,
)
from govgraph.errors import UsageError
from govgraph.render import OutputFormat

import_app = typer.Typer(
    name="import",
    help="Import data you already hold (Correlates of War IGO data, your own CSV tables) as govgraph YAML.",
    no_args_is_help=True,
)

OutDirOpt = Annotated[Path | None, out_dir_option("Folder to write (created; replaced only with --force).")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace the folder of a previous import.")]
StrictOpt = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Refuse the source (exit 1) when it holds contradictions the import would otherwise adjust and report.",
    ),
]


def _summary(report: object, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.table:
        emit(report, fmt)  # type: ignore[arg-type]
        err_console.print(f"[green]wrote[/green] {report.out_dir}: {', '.join(report.files)}")  # type: ignore[attr-defined]
    else:
        emit(report, fmt)  # type: ignore[arg-type]


def _out_dir(out_dir: Path | None, alias: Path | None) -> Path:
    chosen = one_folder(out_dir, alias)
    if chosen is None:
        raise UsageError("name the folder to write with --out-dir DIR")
    return chosen


@guarded
def cow_igo(
    source: Annotated[Path, typer.Argument(help="The COW igo_year_formatv3.csv (official file or a part of it).")],
    out_dir: OutDirOpt = None,
    out: OutDirAliasOpt = None,
    states: Annotated[
        Path | None,
        typer.Option("--states", help="COW state_columns.csv (column, ccode, stateabb, statenme); default: packaged."),
    ] = None,
    force: ForceOpt = False,
    strict: StrictOpt = False,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Import Correlates of War IGO data (v3): IGOs, states, and memberships as intervals of unchanged status."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from govgraph.importers import import_cow_igo

    out = _out_dir(out_dir, out)

    with Progress(
        TextColumn("reading"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("read", total=None)
        report = import_cow_igo(
            source,
            out,
            states=states,
            force=force,
            strict=strict,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    _summary(report, fmt)


@guarded
def csv_tables(
    nodes: Annotated[Path, typer.Option("--nodes", help="Nodes CSV: id, kind, name, ... (see the docs).")],
    out_dir: OutDirOpt = None,
    out: OutDirAliasOpt = None,
    edges: Annotated[Path | None, typer.Option("--edges", help="Edges CSV: source, target, type, start, ...")] = None,
    sources: Annotated[Path | None, typer.Option("--sources", help="Sources CSV: id, type, title, ...")] = None,
    source_title: Annotated[
        str | None, typer.Option("--source-title", help="Cite this source for rows with an empty sources cell.")
    ] = None,
    source_url: Annotated[str | None, typer.Option("--source-url", help="Address of the --source-title.")] = None,
    source_id: Annotated[str, typer.Option("--source-id", help="Id of the --source-title source.")] = "user-data",
    force: ForceOpt = False,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            "-d",
            help="Data the rows may refer to (comma-separated or repeated; 'seeds' = the packaged seeds); "
            "validate the output with it.",
        ),
    ] = None,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Import your own nodes and edges tables, validated as govgraph data (errors give FILE:ROW:COL)."""
    from govgraph.importers import import_csv_tables

    out = _out_dir(out_dir, out)

    report = import_csv_tables(
        nodes,
        edges,
        out,
        sources=sources,
        source_title=source_title,
        source_url=source_url,
        source_id=source_id,
        force=force,
        data=split_paths(data),
    )
    _summary(report, fmt)


@guarded
def manyios(
    folder: Annotated[
        Path, typer.Argument(help="The manyios folder: digo_organizations.csv, iigo_*.csv, migo_memberships.csv.")
    ],
    out_dir: OutDirOpt = None,
    out: OutDirAliasOpt = None,
    force: ForceOpt = False,
    strict: StrictOpt = False,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Import manyios: DIGO and IIGO organisations, MIGO and IIGO memberships (as intervals), with an import report."""
    from govgraph.importers.manyios import import_manyios

    _summary(import_manyios(folder, _out_dir(out_dir, out), force=force, strict=strict), fmt)


@guarded
def manyenviron(
    folder: Annotated[Path, typer.Argument(help="The manyenviron folder: huggo_*.csv, ecolex_*.csv.")],
    out_dir: OutDirOpt = None,
    out: OutDirAliasOpt = None,
    force: ForceOpt = False,
    strict: StrictOpt = False,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Import manyenviron: HUGGO agreements, their parties, and ECOLEX references between them."""
    from govgraph.importers.manyenviron import import_manyenviron

    _summary(import_manyenviron(folder, _out_dir(out_dir, out), force=force, strict=strict), fmt)


@guarded
@output_options
def match(
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data", "-d", help="Data to search (comma-separated or repeated; 'seeds' = the packaged seeds)."
        ),
    ] = None,
    min_score: Annotated[float, typer.Option("--min", help="Lowest score to propose (0-1).")] = 0.6,
    within: Annotated[bool, typer.Option("--within", help="Also propose pairs from one dataset.")] = False,
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Propose organisations and agreements that may be one body (names, acronyms, dates; scored), to review."""
    from govgraph.dataset import load_dataset
    from govgraph.importers.match import propose_matches

    emit(propose_matches(load_dataset(split_paths(data)), min_score=min_score, within=within), fmt)


def register(app: typer.Typer) -> None:
    """Add the ``import`` group to ``app``."""
    import_app.command("cow-igo")(cow_igo)
    import_app.command("csv")(csv_tables)
    import_app.command("manyios")(manyios)
    import_app.command("manyenviron")(manyenviron)
    app.add_typer(import_app, name="import")
    app.command("match")(match)
