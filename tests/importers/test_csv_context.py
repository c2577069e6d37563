"""`import csv --data`: rows may refer to actors and sources of other data (the seeds), and must not repeat them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govgraph.dataset import load_dataset, yaml_files
from govgraph.errors import DataError
from govgraph.importers import import_csv_tables
from govgraph.paths import seeds_dir
from tests.conftest import run_govgraph

NODES = (
    "id,kind,name,org_type,founded,hq_country,sources\nmy-society,organisation,My Society,learned_society,1990,FR,\n"
)


def _tables(tmp_path: Path, edges: str) -> tuple[Path, Path]:
    (tmp_path / "n.csv").write_text(NODES, encoding="utf-8")
    (tmp_path / "e.csv").write_text("source,target,type,start,sources\n" + edges, encoding="utf-8")
    return tmp_path / "n.csv", tmp_path / "e.csv"


def test_edges_may_point_at_seed_actors(tmp_path: Path) -> None:
    nodes, edges = _tables(tmp_path, "my-society,unesco,partner_of,1995,\nmy-society,wfeo,partner_of,1996,paper\n")
    report = import_csv_tables(nodes, edges, tmp_path / "out", source_title="My table", data=[seeds_dir()])
    assert report.counts == {"sources": 1, "actors": 1, "relations": 2}
    with pytest.raises(DataError):  # alone, the output refers to actors it does not hold
        load_dataset([tmp_path / "out"])
    merged = load_dataset([seeds_dir(), tmp_path / "out"])
    assert len(merged.actors) == len(load_dataset().actors) + 1
    ties = {(r.source, r.target) for r in merged.relations if r.source == "my-society"}
    assert ties == {("my-society", "unesco"), ("my-society", "wfeo")}


def test_unknown_seed_actor_is_located_with_a_suggestion(tmp_path: Path) -> None:
    nodes, edges = _tables(tmp_path, "my-society,unescoo,member_of,1995,\n")
    with pytest.raises(DataError) as info:
        import_csv_tables(nodes, edges, tmp_path / "out", source_title="T", data=[seeds_dir()])
    (p,) = info.value.problems
    assert (Path(p.file).name, p.line, p.col, p.field) == ("e.csv", 2, 2, "target")
    assert "did you mean 'unesco'" in p.message
    assert not (tmp_path / "out").exists()


def test_repeating_a_seed_id_is_a_duplicate_naming_the_seed_file(tmp_path: Path) -> None:
    (tmp_path / "n.csv").write_text("id,kind,name,org_type,sources\nunesco,organisation,Dup,learned_society,\n")
    with pytest.raises(DataError) as info:
        import_csv_tables(tmp_path / "n.csv", None, tmp_path / "out", source_title="T", data=[seeds_dir()])
    (p,) = info.value.problems
    assert p.id == "unesco" and "duplicate actor id (first at" in p.message and "organisations.yaml" in p.message


def test_the_word_seeds_names_the_packaged_seeds(tmp_path: Path) -> None:
    here = Path.cwd()
    os.chdir(tmp_path)  # no folder called seeds here
    try:
        assert yaml_files(["seeds"]) == yaml_files(None)
    finally:
        os.chdir(here)


def test_cli_with_data_seeds_from_another_folder(tmp_path: Path) -> None:
    _tables(tmp_path, "my-society,unesco,partner_of,1995,\n")
    args = ["import", "csv", "--nodes", "n.csv", "--edges", "e.csv", "--source-title", "T", "--data", "seeds"]
    proc = run_govgraph(*args, "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = run_govgraph("validate", "--data", "seeds", "--data", "out", cwd=tmp_path)
    expected = len(load_dataset().actors) + 1
    assert proc.returncode == 0 and f"{expected} actors" in proc.stderr, proc.stderr
