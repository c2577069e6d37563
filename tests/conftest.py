"""Shared test helpers: where the fixtures are, and how to run the installed command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"


@pytest.fixture
def mini() -> Path:
    """The tiny hand-made dataset folder."""
    return FIXTURES / "mini"


def govgraph_exe() -> str:
    """The ``govgraph`` command of the environment under test (beside this interpreter), not whatever PATH finds."""
    beside = Path(sys.executable).parent / "govgraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    exe = shutil.which("govgraph")
    assert exe, f"the govgraph console script is not installed beside {sys.executable}"
    return exe


def run_govgraph(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None):
    """Run the installed ``govgraph`` command as a real subprocess."""
    exe = govgraph_exe()
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    return subprocess.run([exe, *args], cwd=cwd, env=full_env, capture_output=True, text=True, input=input, timeout=300)
