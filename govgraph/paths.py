"""Where the packaged data lives, in a checkout and after a plain ``pip install``."""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir", "project_root", "queries_dir", "schema_dir", "seeds_dir"]

_PACKAGE = Path(__file__).resolve().parent


def project_root() -> Path | None:
    """The source checkout this package runs from, if it runs from one."""
    root = _PACKAGE.parent
    return root if (root / "pyproject.toml").is_file() and (root / "seeds").is_dir() else None


def data_dir(name: str) -> Path:
    """A top-level data folder (``seeds``, ``queries``, ``schema``): the checkout's, else the installed copy."""
    root = project_root()
    if root is not None:
        return root / name
    return _PACKAGE / "_data" / name


def seeds_dir() -> Path:
    """The packaged seed data."""
    return data_dir("seeds")


def queries_dir() -> Path:
    """The packaged Cypher queries for Neo4j Browser."""
    return data_dir("queries")


def schema_dir() -> Path:
    """The generated JSON Schema and Neo4j constraints."""
    return data_dir("schema")
