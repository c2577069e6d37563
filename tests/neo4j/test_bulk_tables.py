"""``load --bulk`` of a folder with tables: the importer's files are written from the columns, and the database
equals a Bolt load of the same folder property by property (the Bolt load builds a record per row)."""

from __future__ import annotations

import csv
import socket
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import yaml

from govgraph.bulk import BulkDataset
from govgraph.dataset import load_dataset
from govgraph.errors import DataError
from govgraph.neo4j import bulk, server
from govgraph.neo4j import properties as P
from govgraph.neo4j.loader import load, plan_batches
from govgraph.paths import seeds_dir
from govgraph.tableio import COLUMNS
from govgraph.vocab import vocabulary
from tests.conftest import run_govgraph
from tests.neo4j.helpers import snapshot

#: rows the seeds lack: quotes, commas and a line break in texts, a long name with an acronym (caption), a term
#: twice in a list, padded list items, a signed COW code, a disputed founding, an explicit relation id
EXTRA_ACTORS = [
    {
        "id": "org-quoted",
        "kind": "organisation",
        "name": 'The "Quoted", Committee for Very Long Names in Science',
        "aliases": " QCVLNS ;The Quoted Committee; ",
        "founded": "~1931",
        "founded_disputed": "1929",
        "dissolved": "1999-05-04",
        "hq_country": "FR",
        "hq_city": "Paris",
        "org_type": "intergovernmental",
        "issue_areas": "climate_change; climate_change;biodiversity",
        "functions": "advisory",
        "url": "https://example.org/q?a=1&b=2",
        "description": 'first line\nsecond line, with "quotes"',
        "notes": "naïve — ünïcödé 中文",
        "sources": "paper@§2.3 [20]; paper@p. 4; paper",
    },
    {"id": "st-signed", "kind": "state", "name": "Signed State", "cow_code": "+007", "iso2": "ZW", "sources": "paper"},
]
EXTRA_RELATIONS = [
    {
        "id": "rel-explicit",
        "source": "st-signed",
        "target": "org-quoted",
        "type": "member_of",
        "start": "1950",
        "end": "1990-02",
        "status": "full",
        "role": "founder",
        "notes": 'left, "quietly"\nin 1990',
        "sources": "paper@table 1; paper",
    },
]


def _cell(column: str, value: Any) -> str | None:
    """A YAML field as a table cell, or None when only YAML holds it (a ';' in a list item, a mapping)."""
    if value is None:
        return ""
    if column == "sources":
        cites = [{"key": c} if isinstance(c, str) else c for c in value]
        if any(set(c) - {"key", "at"} for c in cites):
            return None  # a citation with a note
        return "; ".join(f"{c['key']}@{c['at']}" if c.get("at") else c["key"] for c in cites)
    if isinstance(value, list):
        return None if any(";" in str(v) for v in value) else "; ".join(str(v) for v in value)
    if isinstance(value, dict | bool):
        return None
    return str(value)


def _plain_citations(record: dict[str, Any]) -> dict[str, Any]:
    """The record with its citations as a table holds them: no notes, no ';' in where."""
    cites = [{"key": c} if isinstance(c, str) else c for c in record.get("sources") or []]
    plain = [{"key": c["key"], **({"at": c["at"].replace(";", ",")} if c.get("at") else {})} for c in cites]
    return {**record, "sources": plain} if "sources" in record else record


def _row(record: dict[str, Any], section: str) -> dict[str, str] | None:
    fields = dict(record)
    hq = fields.pop("headquarters", None) or {}
    fields |= {"hq_country": hq.get("country"), "hq_city": hq.get("city")} if section == "actors" and hq else {}
    if set(fields) - set(COLUMNS[section]):
        return None
    cells = {k: _cell(k, v) for k, v in fields.items()}
    return None if any(c is None for c in cells.values()) else {k: c for k, c in cells.items() if c}  # type: ignore[misc]


def seeds_as_tables(folder: Path) -> Path:
    """The seeds with their actors and relations in ``actors.csv`` and ``relations.csv`` (citations without notes),
    except those of ``agreements.yaml`` and ``relations_un.yaml`` that a table cannot hold, which stay YAML with
    the sources and figures; plus the rows of ``EXTRA_*``."""
    folder.mkdir()
    rows: dict[str, list[dict[str, str]]] = {"actors": list(EXTRA_ACTORS), "relations": list(EXTRA_RELATIONS)}
    for path in sorted(seeds_dir().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in rows:
            kept = []
            for record in data.get(section) or []:
                mixed = path.name in ("agreements.yaml", "relations_un.yaml")
                row = _row(record if mixed else _plain_citations(record), section)
                (kept.append(record) if row is None else rows[section].append(row))
            if section in data:
                data[section] = kept
        (folder / path.name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for section, found in rows.items():
        with open(folder / f"{section}.csv", "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(COLUMNS[section]))
            writer.writeheader()
            writer.writerows(found)
    return folder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _link_rows(batches: list[Any], rel_type: str) -> list[tuple[Any, ...]]:
    batch = next(b for b in batches if b.name == rel_type and b.record == "actor")
    return sorted(
        (r["id"], link["key"], link["props"].get("at"), link["props"].get("note"))
        for r in batch.rows
        for link in r["links"]
    )


def test_table_columns_give_each_row_the_properties_of_its_record(tmp_path):
    ds = load_dataset([seeds_as_tables(tmp_path / "data")])
    assert isinstance(ds, BulkDataset)
    actors, relations = ds.tables["actors"], ds.tables["relations"]
    assert (actors.height, relations.height, len(ds.yaml_part.actors), len(ds.yaml_part.relations)) == (66, 106, 7, 13)
    with _same_vocab(ds):
        seen = 0
        for kind in vocabulary().kinds:
            frame = P.actor_columns(actors, kind).drop("_cell", "_file", "_row")
            for row in frame.iter_rows(named=True):
                assert {k: v for k, v in row.items() if v is not None} == P.actor_props(ds.actors[row["id"]])
                seen += 1
        assert seen == actors.height
        by_key = {r.key: r for r in ds.relations}
        frame = P.relation_columns(relations).drop("_cell", "_file", "_row", "source", "target", "type")
        for row in frame.iter_rows(named=True):
            assert {k: v for k, v in row.items() if v is not None} == P.relation_props(by_key[row["id"]])
        assert frame.height == relations.height
        quoted = P.actor_props(ds.actors["org-quoted"])
        assert quoted["caption"] == "QCVLNS" and quoted["aliases"] == ["QCVLNS", "The Quoted Committee"]
        assert quoted["issue_areas"] == ["climate_change", "climate_change", "biodiversity"]
        assert P.actor_props(ds.actors["st-signed"])["cow_code"] == 7

        links = P.actor_link_columns(actors)
        table_ids = set(actors["id"].to_list())
        batches = plan_batches(ds)
        for rel_type in ("IN_ISSUE_AREA", "HAS_FUNCTION", "SOURCED_FROM"):
            frame = links[rel_type]
            got = sorted((r["id"], r["key"], r.get("at"), r.get("note")) for r in frame.iter_rows(named=True))
            want = [x for x in _link_rows(batches, rel_type) if x[0] in table_ids]
            assert got == want and got, rel_type
        quoted_areas = links["IN_ISSUE_AREA"].filter(pl.col("id") == "org-quoted")["key"].to_list()
        assert sorted(quoted_areas) == ["biodiversity", "climate_change"]  # one link per term


def test_citation_cells_on_columns_equal_the_record_way():
    cells = [
        "paper",
        "paper@p. 4; paper@p. 4;paper@§2.3 [20]",
        None,
        "",
        " ; ",
        " a@x@y ; ;b@ ; a@ z",
        'k@say "hi", \\ back\nnext\tline ; k',
        "k@naïve 中文 \u2028",
        "q@a bell \x07 (refused by the checks; written the record way)",
        "z; a; m@1; a@2; a@1",
    ]
    on_columns = {r["_cell"]: r for r in P.citation_cells([*cells, "paper"]).iter_rows(named=True)}
    by_record = {r["_cell"]: r for r in P.citation_cells_by_record(cells).iter_rows(named=True)}
    assert on_columns == by_record and len(by_record) == len(cells)
    row = by_record['k@say "hi", \\ back\nnext\tline ; k']
    assert row["citations"] == '[{"at":"say \\"hi\\", \\\\ back\\nnext\\tline","key":"k"},{"key":"k"}]'
    assert row["_links"] == [{"key": "k", "at": 'say "hi", \\ back\nnext\tline', "note": None}]
    assert by_record["z; a; m@1; a@2; a@1"]["sources"] == ["a", "m", "z"]
    assert by_record[None]["citations"] == "[]" and by_record[None]["sources"] is None


def _same_vocab(ds: Any) -> Any:
    from govgraph.vocab import using

    return using(ds.vocab or vocabulary())


def test_bulk_load_of_tables_equals_a_bolt_load(clean_db, settings, tmp_path):
    from neo4j import GraphDatabase

    folder = seeds_as_tables(tmp_path / "data")
    load(load_dataset([folder]), settings)
    by_bolt = snapshot(clean_db)
    (tmp_path / "files").mkdir()
    nodes, rels, n_nodes, n_rels = bulk.write_import_files(load_dataset([folder]), tmp_path / "files")
    assert any(p.name.startswith("t-") for p in nodes) and any(p.name == "t-relations.csv" for p in rels)
    assert (n_nodes, n_rels) == (len(by_bolt["nodes"]), len(by_bolt["relationships"]))

    inst = tmp_path / "bulk-instance"
    bolt_port, http_port = _free_port(), _free_port()
    password = "bulk-tables-password"
    env = {"NEO4J_URI": f"bolt://127.0.0.1:{bolt_port}", "NEO4J_PASSWORD": password, "NEO4J_USER": "neo4j"}
    args = ("load", "--bulk", "--data", str(folder), "--instance-dir", str(inst), "--http-port", str(http_port))
    try:
        proc = run_govgraph(*args, "--format", "json", env=env)
        assert proc.returncode == 0, proc.stderr
        assert f'"nodes": {n_nodes}' in proc.stdout and f'"relationships": {n_rels}' in proc.stdout
        with GraphDatabase.driver(env["NEO4J_URI"], auth=("neo4j", password)) as driver:
            by_bulk = snapshot(driver)
    finally:
        server.stop(instance_dir=inst)
    # every node and relationship, with every property and its type (repr tells 7 from '7'), as the Bolt load
    for part in ("nodes", "relationships"):
        assert len(by_bulk[part]) == len(by_bolt[part])
        missing = sorted(set(by_bolt[part]) - set(by_bulk[part]))[:3]
        extra = sorted(set(by_bulk[part]) - set(by_bolt[part]))[:3]
        assert by_bulk[part] == by_bolt[part], (part, missing, extra)
    texts = "".join(n[1] for n in by_bulk["nodes"]) + "".join(r[3] for r in by_bulk["relationships"])
    assert "first line\\nsecond line" in texts and "'cow_code', 7)" in texts and "QCVLNS" in texts


def test_a_table_row_neo4j_cannot_index_is_refused_with_its_file_and_row(tmp_path):
    ds = load_dataset([seeds_as_tables(tmp_path / "data")])
    name = "名" * 2700  # 8,100 bytes of UTF-8 (the checks of text length cap it, so changed here as in test_loader)
    actors = ds.tables["actors"]
    ds.tables["actors"] = actors.with_columns(
        pl.when(pl.col("id") == "org-quoted").then(pl.lit(name)).otherwise(pl.col("name")).alias("name")
    )
    with pytest.raises(DataError) as info:
        bulk.bulk_load(ds, instance_dir=tmp_path / "inst")
    (p,) = info.value.problems
    assert (p.file, p.line, p.id, p.field) == (str(tmp_path / "data" / "actors.csv"), 2, "org-quoted", "name")
    assert p.message.startswith("is 8100 bytes of UTF-8; Neo4j indexes at most 8000 bytes")
    assert not (tmp_path / "inst" / "data" / "databases" / "neo4j").exists()
