"""``govgraph synth``: a synthetic dataset of Yearbook shape, for benchmarks and scale tests."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govgraph.cli.common import OutDirAliasOpt, err_console, guarded, one_folder, out_dir_option
from govgraph.errors import UsageError


@guarded
def synth(
    out_dir: Annotated[Path | None, out_dir_option("Folder to write (created; replaced only with --force).")] = None,
    out: OutDirAliasOpt = None,
    orgs: Annotated[int, typer.Option("--orgs", min=2, help="Number of organisations.")] = 1000,
    states: Annotated[int, typer.Option("--states", min=1, help="Number of states.")] = 200,
    memberships: Annotated[int, typer.Option("--memberships", min=0, help="Number of member_of ties.")] = 10000,
    ties: Annotated[int, typer.Option("--ties", min=0, help="Number of other ties between organisations.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed: the same seed gives the same bytes.")] = 0,
    data_format: Annotated[
        str, typer.Option("--format", "-f", help="Format of the data: csv or parquet (the table layout) or yaml.")
    ] = "csv",
    force: Annotated[bool, typer.Option("--force", help="Replace the folder of a previous synth.")] = False,
) -> None:
    """Write synthetic data (not real organisations): heavy-tailed memberships, typed ties, valid by construction."""
    from govgraph.synth import write_synth

    folder = one_folder(out_dir, out)
    if folder is None:
        raise UsageError("name the folder to write with --out-dir DIR (or -o DIR)")
    report = write_synth(
        folder, orgs=orgs, states=states, memberships=memberships, ties=ties, seed=seed, fmt=data_format, force=force
    )
    counts = ", ".join(f"{n:,} {what}" for what, n in report.counts.items())
    err_console.print(f"[green]wrote[/green] {report.out_dir} ({data_format}, seed {seed}): {counts}", soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``synth`` to ``app``."""
    app.command()(synth)
