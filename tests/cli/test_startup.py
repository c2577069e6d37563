"""Start-up stays light: the CLI imports no heavy library until a command needs it (timings: benchmarks/)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("networkx", "scipy", "numpy", "matplotlib", "neo4j", "polars", "pyarrow", "yaml", "govgraph.model")


def loaded_after(code: str) -> list[str]:
    """The heavy modules a fresh interpreter holds after running ``code``."""
    check = f"{code}\nimport sys\nprint('loaded:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True, timeout=120)
    last = out.stdout.splitlines()[-1]
    assert last.startswith("loaded:"), out.stdout[-500:]
    return [m for m in last.removeprefix("loaded:").split(",") if m]


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert loaded_after("import govgraph.cli") == []
    assert loaded_after("import govgraph.cli\nimport networkx") == ["networkx"]  # the check sees what loads


RUN = """
import sys
sys.argv = ["govgraph", *{argv!r}]
from govgraph.cli import main
try:
    main()
except SystemExit:
    pass
"""


def test_help_and_version_load_no_heavy_library() -> None:
    """(Typer itself loads pydantic to parse a subcommand's options; govgraph's models stay unloaded.)"""
    for argv in (["--help"], ["--version"], ["export", "--help"], ["figure", "network", "--help"]):
        code = RUN.format(argv=argv)
        assert loaded_after(code) == [], argv


def test_export_formats_listed_without_importing_them() -> None:
    from govgraph.cli.export_cmd import FORMATS
    from govgraph.export import formats

    assert list(FORMATS) == formats()
