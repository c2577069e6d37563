"""Fixtures of the importer tests: the real COW sample (beside the repository) imported once per session."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import yaml

from govgraph.importers import import_cow_igo
from tests.conftest import FIXTURES, ROOT

COW_DIR = (ROOT / ".." / "shared" / "data" / "cow-igo").resolve()
SAMPLE = COW_DIR / "igo_year_formatv3_sample.csv"
STATE_COLUMNS = COW_DIR / "state_columns.csv"
FIVE_YEARLY = FIXTURES / "cow" / "five_yearly.csv"

needs_sample = pytest.mark.skipif(not SAMPLE.is_file(), reason=f"COW sample not found at {SAMPLE}")


@pytest.fixture(scope="session")
def sample_import(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The COW sample imported into a fresh folder."""
    if not SAMPLE.is_file():
        pytest.skip(f"COW sample not found at {SAMPLE}")
    out = tmp_path_factory.mktemp("cow") / "imported"
    import_cow_igo(SAMPLE, out)
    return out


SHARED = (ROOT / ".." / "shared" / "data").resolve()
MANYIOS = SHARED / "manyios"
MANYENVIRON = SHARED / "manyenviron"
needs_manyios = pytest.mark.skipif(not MANYIOS.is_dir(), reason=f"manyios data not found at {MANYIOS}")
needs_manyenviron = pytest.mark.skipif(not MANYENVIRON.is_dir(), reason=f"manyenviron data not found at {MANYENVIRON}")


@pytest.fixture(scope="session")
def manyios_import(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole manyios data imported once."""
    if not MANYIOS.is_dir():
        pytest.skip(f"manyios data not found at {MANYIOS}")
    from govgraph.importers.manyios import import_manyios

    out = tmp_path_factory.mktemp("ios") / "ios"
    import_manyios(MANYIOS, out)
    return out


@pytest.fixture(scope="session")
def manyenviron_import(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole manyenviron data imported once."""
    if not MANYENVIRON.is_dir():
        pytest.skip(f"manyenviron data not found at {MANYENVIRON}")
    from govgraph.importers.manyenviron import import_manyenviron

    out = tmp_path_factory.mktemp("env") / "env"
    import_manyenviron(MANYENVIRON, out)
    return out


def output_records(path: Path, section: str) -> dict[str, dict[str, Any]]:
    """The records of an import's output file by id, as YAML would give them: ``memberships.yaml`` is read from
    ``memberships.relations.csv`` when the import wrote the ties as a table (cells parsed back by hand: years as
    numbers, citations ``key@at`` as ``{key, at}``)."""
    if path.exists():
        return {r["id"]: r for r in yaml.safe_load(path.read_text(encoding="utf-8"))[section]}
    table = path.with_name(f"{path.stem}.{section}.csv")
    out: dict[str, dict[str, Any]] = {}
    with table.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rec: dict[str, Any] = {k: v for k, v in row.items() if v != ""}
            for k in ("start", "end"):
                if k in rec and rec[k].isdigit():
                    rec[k] = int(rec[k])
            if "sources" in rec:
                cites = [c.strip() for c in rec["sources"].split(";")]
                rec["sources"] = [dict(zip(("key", "at"), c.split("@", 1), strict=False)) for c in cites]
            out[rec["id"]] = rec
    return out
