"""``govgraph load --bulk``: fill an empty local database with Neo4j's own offline importer.

``neo4j-admin database import full`` writes the store files directly, far faster than transactions, but only
into a database that holds nothing and with the server stopped; both are checked first, and refused with the
reason. The records are the loader's own (:func:`govgraph.neo4j.loader.plan_batches`: the same properties,
labels and relationships as a Bolt load, checked by the same preflight), written as the importer's CSV
(one file per label or relationship type, typed headers, every text quoted, lists joined by U+001F, which no
govgraph text may hold). The table rows of a :class:`~govgraph.bulk.BulkDataset` never become records: their
properties are computed on the polars columns (:func:`govgraph.neo4j.properties.actor_columns` and the like,
which give each row what the record would get) and written by polars, a million memberships in a few seconds;
only rows whose indexed texts are too long are built as records, to be reported as the loader reports them.
While the importer runs, the initial password of a new instance is set beside it; the server is then started
and the constraints and indexes are created in one transaction, as a Bolt load creates them, and populated
before this returns.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from collections import ChainMap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.errors import DataError, Problem, UsageError
from govgraph.gcpause import no_cyclic_gc
from govgraph.model import Dataset
from govgraph.neo4j import server
from govgraph.neo4j.loader import plan_batches
from govgraph.neo4j.preflight import unwritable

__all__ = ["BulkReport", "bulk_load", "database_is_empty"]

DATABASE = "neo4j"
_ARRAY = "\x1f"
#: id spaces of the importer: the node group each kind of id belongs to
_SPACE = {"Source": "Source", "IssueArea": "IssueArea", "Function": "Function", "Figure": "Figure", "Term": "Term"}
#: (start group, end group) of the derived link types, by the loader's batch record
_LINK_ENDS = {
    ("IN_ISSUE_AREA", "actor"): ("Actor", "IssueArea"),
    ("HAS_FUNCTION", "actor"): ("Actor", "Function"),
    ("SOURCED_FROM", "actor"): ("Actor", "Source"),
    ("SOURCED_FROM", "figure"): ("Figure", "Source"),
    ("ABOUT", "figure"): ("Figure", "Actor"),
}


@dataclass
class BulkReport:
    """What ``bulk_load`` wrote, how long the importer took, and where the server now runs."""

    nodes: int
    relationships: int
    import_seconds: float
    seconds: float
    bolt_uri: str
    instance: Path
    #: seconds spent writing the importer's files, starting the server, creating the constraints and indexes
    files_seconds: float = 0.0
    start_seconds: float = 0.0
    schema_seconds: float = 0.0

    def line(self) -> str:
        return (
            f"{self.nodes} nodes and {self.relationships} relationships imported into {self.instance} in "
            f"{self.seconds:.1f} s (importer {self.import_seconds:.1f} s); Neo4j is running at {self.bolt_uri}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "relationships": self.relationships,
            "import_seconds": round(self.import_seconds, 3),
            "seconds": round(self.seconds, 3),
            "files_seconds": round(self.files_seconds, 3),
            "start_seconds": round(self.start_seconds, 3),
            "schema_seconds": round(self.schema_seconds, 3),
            "bolt_uri": self.bolt_uri,
            "instance": str(self.instance),
        }


def database_is_empty(inst: Path) -> bool:
    """True when the instance's database was never created or never held a node or relationship (its node and
    relationship stores are still zero bytes: deleting everything does not make a store empty again)."""
    store = inst / "data" / "databases" / DATABASE
    if not store.exists():
        return True
    files = [store / "neostore.nodestore.db", store / "neostore.relationshipstore.db"]
    return all(f.exists() and f.stat().st_size == 0 for f in files)


_BASE = {str: "string", int: "long", float: "double", bool: "boolean"}


def _column_type(name: str, values: Sequence[Any]) -> str:
    """The importer's header type for one property, from the Python values it takes (one type per column; read
    twice, so a sequence)."""
    kinds = {_plain(type(v)) for v in values}
    items: set[type] = set()
    if list in kinds:
        items = {_plain(type(x)) for v in values if isinstance(v, list) for x in v}
    if len(kinds) != 1 or len(items) > 1:
        found = sorted(k.__name__ for k in kinds | items)
        raise ValueError(f"property {name!r} holds values of several types: {found}")
    (kind,) = kinds
    return f"{_BASE[next(iter(items), str)]}[]" if kind is list else _BASE[kind]


def _plain(kind: type) -> type:
    """The importer's kind of a Python type (``bool`` before ``int``: it is one)."""
    if kind in _BASE or kind is list:
        return kind
    for base in (bool, int, float, str, list):
        if issubclass(kind, base):
            return base
    raise ValueError(f"cannot write {kind.__name__} to Neo4j")


def _text(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    return value if isinstance(value, str) else repr(value)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if '"' in text else '"' + text + '"'


def _cell(value: Any) -> str:
    """One CSV cell: empty for None (no property), texts quoted, lists joined by U+001F, numbers as Python
    writes them (which Java reads back the same)."""
    kind = type(value)
    if kind is str:
        return _quote(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return _quote(_ARRAY.join(_text(v) for v in value))
    if isinstance(value, str):
        return _quote(value)
    return _text(value)


def _texts(values: list[Any]) -> list[str]:
    """The cells of one column: :func:`_cell` of each value, plain texts (most of them) without a call each."""
    return [
        ('"' + v + '"' if '"' not in v else _quote(v))
        if type(v) is str
        else ("" if v is None else str(v) if type(v) is int else _cell(v))
        for v in values
    ]


@dataclass
class _Files:
    """The importer's files as they are written: paths, row counts, and whether a text holds a line break
    (only then is the importer told to expect multi-line fields, which makes it read each file in one thread)."""

    nodes: list[Path] = field(default_factory=list)
    rels: list[Path] = field(default_factory=list)
    n_nodes: int = 0
    n_rels: int = 0
    multiline: bool = False

    def write(self, path: Path, header: list[str], columns: list[list[Any]], *, nodes: bool) -> None:
        """Write one importer file from its columns (of equal length)."""
        cells = [_texts(c) for c in columns]
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write(",".join(header) + "\n")
            for i in range(0, len(columns[0]), 50_000):
                rows = list(zip(*(c[i : i + 50_000] for c in cells), strict=True))
                text = "".join(",".join(row) + "\n" for row in rows)
                self.multiline = self.multiline or text.count("\n") != len(rows) or "\r" in text
                out.write(text)
        (self.nodes if nodes else self.rels).append(path)
        if nodes:
            self.n_nodes += len(columns[0])
        else:
            self.n_rels += len(columns[0])


def _typed(props: list[dict[str, Any]], skip: set[str]) -> tuple[list[list[Any]], list[str]]:
    """(a column of values for each property the rows hold, header cells), sorted by property name."""
    names = sorted({k for p in props for k in p} - skip)
    columns = [[p.get(k) for p in props] for k in names]
    return columns, [
        f"{k}:{_column_type(k, [v for v in c if v is not None])}" for k, c in zip(names, columns, strict=True)
    ]


def _quoted_cells(column: Any) -> Any:
    """Texts as :func:`_quote` writes them, as a polars expression (null stays null)."""
    import polars as pl

    return pl.lit('"') + column.str.replace_all('"', '""', literal=True) + pl.lit('"')


def _frame_cell(frame: Any, name: str) -> tuple[Any, str]:
    """(the polars expression of one column's CSV cells, its header type): as :func:`_cell` writes each value
    (texts quoted, lists joined by U+001F, empty for null), for the types that table properties have."""
    import polars as pl

    dtype = frame.schema[name]
    column = pl.col(name)
    if dtype == pl.String:
        cell, kind = _quoted_cells(column), "string"
    elif dtype == pl.List(pl.String):
        cell, kind = _quoted_cells(column.list.join(_ARRAY)), "string[]"
    elif dtype.is_integer():
        cell, kind = column.cast(pl.String), "long"
    elif dtype == pl.Boolean:
        cell, kind = pl.when(column).then(pl.lit("true")).otherwise(pl.lit("false")), "boolean"
    else:
        raise ValueError(f"cannot write a column of {dtype} to the importer: {name!r}")
    return cell.fill_null(""), kind


def _write_frame(
    files: _Files, path: Path, frame: Any, head: list[tuple[str, Any]], props: list[str], *, nodes: bool
) -> None:
    """Write one importer file from a polars frame: the ``head`` columns (header cell, expression of its cells),
    then the columns ``props`` as properties (sorted by name, typed by their dtype; one not set in any row is
    left out, as the record path leaves it out)."""
    import polars as pl

    header = [h for h, _ in head]
    cells = [c for _, c in head]
    for name in sorted(p for p in props if frame[p].null_count() < frame.height):
        cell, kind = _frame_cell(frame, name)
        header.append(f"{name}:{kind}")
        cells.append(cell)
    lines = frame.select(pl.concat_str(cells, separator=",").alias("line"))
    files.multiline = files.multiline or bool(lines["line"].str.contains("[\r\n]").any())
    with open(path, "wb") as out:
        out.write((",".join(header) + "\n").encode("utf-8"))
        lines.write_csv(out, include_header=False, quote_style="never")
    (files.nodes if nodes else files.rels).append(path)
    if nodes:
        files.n_nodes += frame.height
    else:
        files.n_rels += frame.height


def _properties(frame: Any, *skip: str) -> list[str]:
    """The property columns of a frame of :mod:`govgraph.neo4j.properties`' table columns."""
    return [c for c in frame.columns if not c.startswith("_") and c not in skip]


@dataclass
class _Plan:
    """What the importer's files hold: the loader's batches of the records (YAML, sources, vocabulary terms) and,
    for a BulkDataset, its table rows as property columns (:mod:`govgraph.neo4j.properties`), by kind of actor,
    by link type, and the relations."""

    batches: list[Any]
    actors: dict[str, Any] = field(default_factory=dict)
    links: dict[str, Any] = field(default_factory=dict)
    relations: Any = None


def _plan(dataset: Dataset) -> _Plan:
    """The loader's batches, with the table rows of a BulkDataset kept in columns (its records are never built)."""
    tables = getattr(dataset, "tables", None)
    if tables is None:
        return _Plan(plan_batches(dataset))
    from govgraph.neo4j import properties as P
    from govgraph.vocab import using, vocabulary

    with using(dataset.vocab or vocabulary()):
        actors = tables["actors"]
        return _Plan(
            plan_batches(dataset.yaml_part),  # type: ignore[attr-defined]
            {kind: P.actor_columns(actors, kind) for kind in vocabulary().kinds},
            P.actor_link_columns(actors),
            P.relation_columns(tables["relations"]),
        )


def _problems(plan: _Plan, dataset: Dataset) -> list[Problem]:
    """What Neo4j cannot store (:func:`govgraph.neo4j.preflight.unwritable`): the records' batches as the loader
    checks them; of the table rows, those whose indexed texts are too long are found in the columns, and only
    they are built as records and checked the same way, with their ``FILE:ROW``."""
    import polars as pl

    from govgraph.bulk import actor_record, relation_record
    from govgraph.neo4j import properties as P
    from govgraph.neo4j.preflight import INDEX_KEY_BYTES, indexed_properties
    from govgraph.neo4j.queries import relation_rel_type
    from govgraph.vocab import label_for_kind, using, vocabulary

    if plan.relations is None:
        return unwritable(plan.batches, dataset.origins)
    yaml_part = dataset.yaml_part  # type: ignore[attr-defined]
    indexes = indexed_properties()
    batches, found_at = list(plan.batches), {}

    def flagged(frame: Any, indexed: set[str]) -> Any:
        long = [pl.col(c).str.len_bytes() > INDEX_KEY_BYTES for c in sorted(indexed) if c in frame.columns]
        return frame.filter(pl.any_horizontal(long)) if long else frame.clear()

    def where(row: dict[str, Any]) -> str:
        return f"{row['_file']}:{row['_row']}"

    with using(dataset.vocab or vocabulary()):
        tables = dataset.tables  # type: ignore[attr-defined]
        for kind, frame in plan.actors.items():
            label = label_for_kind(kind)
            bad = flagged(frame, indexes.get("Actor", set()) | indexes.get(label, set()))["id"]
            rows = tables["actors"].filter(pl.col("id").is_in(bad.implode())).iter_rows(named=True)
            found = [{"id": r["id"], "props": P.actor_props(actor_record(r)), "_at": where(r)} for r in rows]
            batches.append(_Rows(label, found, "actor", actors=True))
            found_at.update((f"actor:{r['id']}", r["_at"]) for r in found)
        for name in sorted(vocabulary().relation_types):
            rel_type = relation_rel_type(name)
            bad = flagged(plan.relations.filter(pl.col("type") == name), indexes.get(rel_type, set()))["id"]
            rows = tables["relations"].filter(pl.col("key").is_in(bad.implode())).iter_rows(named=True)
            found = [
                {"id": r["key"], "props": P.relation_props(relation_record(r), r["key"]), "_at": where(r)} for r in rows
            ]
            batches.append(_Rows(rel_type, found, "relation"))
            found_at.update((f"relation:{r['id']}", r["_at"]) for r in found)
    return unwritable(batches, ChainMap(found_at, yaml_part.origins))  # type: ignore[arg-type]


@dataclass
class _Rows:
    """Rows to check as :func:`unwritable` checks a loader batch."""

    name: str
    rows: list[dict[str, Any]]
    record: str
    actors: bool = False


def _table_files(plan: _Plan, files: _Files, folder: Path) -> None:
    """The importer's files of a BulkDataset's table rows, written from their columns (see the module doc)."""
    import polars as pl

    from govgraph.neo4j.queries import relation_rel_type
    from govgraph.vocab import label_for_kind, vocabulary

    def text(name: str) -> Any:
        return _quoted_cells(pl.col(name))

    for kind, frame in plan.actors.items():
        if frame.height:
            label = label_for_kind(kind)
            head = [("id:ID(Actor)", text("id")), (":LABEL", pl.lit(_quote(f"Actor{_ARRAY}{label}")))]
            _write_frame(files, folder / f"t-{label}.csv", frame, head, _properties(frame, "id"), nodes=True)
    for rel_type, frame in plan.links.items():
        if frame.height:
            end = _LINK_ENDS[(rel_type, "actor")][1]
            head = [(":START_ID(Actor)", text("id")), (f":END_ID({end})", text("key")), (":TYPE", pl.lit(rel_type))]
            _write_frame(files, folder / f"t-{rel_type}.csv", frame, head, _properties(frame, "id", "key"), nodes=False)
    frame = plan.relations
    if frame is not None and frame.height:
        types = {name: relation_rel_type(name) for name in vocabulary().relation_types}
        frame = frame.with_columns(pl.col("type").replace_strict(types, return_dtype=pl.String).alias("_type"))
        head = [(":START_ID(Actor)", text("source")), (":END_ID(Actor)", text("target")), (":TYPE", pl.col("_type"))]
        props = _properties(frame, "source", "target", "type")
        _write_frame(files, folder / "t-relations.csv", frame, head, props, nodes=False)


def write_import_files(dataset: Dataset, folder: Path) -> tuple[list[Path], list[Path], int, int]:
    """The importer's node and relationship CSV files for ``dataset`` in ``folder``, and their row counts."""
    with no_cyclic_gc():
        files = _write_import_files(_plan(dataset), folder)
    return files.nodes, files.rels, files.n_nodes, files.n_rels


def _write_import_files(plan: _Plan, folder: Path) -> _Files:
    files = _Files()
    _table_files(plan, files, folder)
    for i, batch in enumerate(plan.batches):
        if not batch.rows:
            continue
        path = folder / f"{i:02d}-{batch.name}.csv"
        if batch.relation is not None:  # relations of one type between actors
            columns, cells = _typed([r["props"] for r in batch.rows], set())
            header = [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", *cells]
            ends = [[r["source"] for r in batch.rows], [r["target"] for r in batch.rows]]
            files.write(path, header, [*ends, [batch.name] * len(batch.rows), *columns], nodes=False)
        elif "links" in batch.rows[0]:  # derived links: one row per link
            start, end = _LINK_ENDS[(batch.name, batch.record)]
            links = [(r["id"], link) for r in batch.rows for link in r["links"]]
            if not links:
                continue
            columns, cells = _typed([link["props"] for _, link in links], set())
            header = [f":START_ID({start})", f":END_ID({end})", ":TYPE", *cells]
            ends = [[rid for rid, _ in links], [link["key"] for _, link in links]]
            files.write(path, header, [*ends, [batch.name] * len(links), *columns], nodes=False)
        else:  # nodes of one label (actors: of one kind, also :Actor)
            space = "Actor" if batch.actors else _SPACE[batch.name]
            labels = _ARRAY.join(["Actor", batch.name] if batch.actors else [batch.name])
            columns, cells = _typed([r["props"] for r in batch.rows], {"id"})
            header = [f"id:ID({space})", ":LABEL", *cells]
            ids = [r["id"] for r in batch.rows]
            files.write(path, header, [ids, [labels] * len(ids), *columns], nodes=True)
    return files


def bulk_load(
    dataset: Dataset,
    *,
    instance_dir: Path | str | None = None,
    bolt_port: int = server.DEFAULT_BOLT_PORT,
    http_port: int = server.DEFAULT_HTTP_PORT,
    password: str | None = None,
    heap: str = server.DEFAULT_HEAP,
    pagecache: str = server.DEFAULT_PAGECACHE,
    progress: Callable[[str], None] | None = None,
) -> BulkReport:
    """Import ``dataset`` into the empty database of a stopped local instance, start it, create the schema.

    Raises UsageError (exit 2) when the server runs or the database is not empty, DataError when a value
    cannot be stored, Neo4jServerError when the importer fails (the database is then left as it was: empty).
    """
    started = time.monotonic()
    say = progress or (lambda _m: None)
    inst = server.instance_path(instance_dir)
    if server.status(instance_dir=inst).running:
        raise UsageError(
            f"the local Neo4j server of {inst} is running: --bulk writes the store files offline, so stop it "
            "first (govgraph neo4j stop), or load through Bolt without --bulk"
        )
    if not database_is_empty(inst):
        raise UsageError(
            f"the database {DATABASE!r} in {inst / 'data'} is not empty (it holds, or once held, nodes): --bulk "
            "only fills a new database. Load through Bolt without --bulk, or delete "
            f"{inst / 'data' / 'databases' / DATABASE} and {inst / 'data' / 'transactions' / DATABASE} "
            "to start afresh"
        )
    with no_cyclic_gc():  # a million new rows hold no cycles: the collector's passes would cost most of the time
        plan = _plan(dataset)
        problems = _problems(plan, dataset)
    if problems:
        raise DataError(problems)
    java = server.java_executable()
    lib = server.ensure_jars(progress)
    (inst / "import").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".govgraph-bulk-", dir=inst / "import") as tmp:
        folder = Path(tmp)
        say(f"Writing the importer's files into {folder}")
        t = time.monotonic()
        with no_cyclic_gc():
            files = _write_import_files(plan, folder)
        nodes, rels, n_nodes, n_rels = files.nodes, files.rels, files.n_nodes, files.n_rels
        del plan  # the rows are in the files now
        files_seconds = time.monotonic() - t
        conf = server.write_conf(inst, bolt_port=bolt_port, http_port=http_port, pagecache=pagecache)
        args = [
            "database",
            "import",
            "full",
            DATABASE,
            *(f"--nodes={p}" for p in nodes),
            *(f"--relationships={p}" for p in rels),
            f"--array-delimiter={_ARRAY}",
            f"--multiline-fields={'true' if files.multiline else 'false'}",
            "--overwrite-destination=true",  # the database is empty (checked above)
            f"--report-file={folder / 'import.report'}",
        ]
        say(f"Importing {n_nodes} nodes and {n_rels} relationships with neo4j-admin database import full")
        t = time.monotonic()
        with _password_beside(inst, password, say) as password_set:
            done = server.run_admin(java, lib, inst, conf, args, heap=heap)
        import_seconds = time.monotonic() - t
        if done.returncode != 0:
            shutil.rmtree(inst / "data" / "databases" / DATABASE, ignore_errors=True)
            shutil.rmtree(inst / "data" / "transactions" / DATABASE, ignore_errors=True)
            report = (folder / "import.report").read_text(encoding="utf-8", errors="replace")[:2000]
            raise server.Neo4jServerError(
                f"neo4j-admin database import failed (exit {done.returncode}); the database is left empty:\n"
                f"{server.tail(done.stdout + done.stderr + report)}"
            )
    t = time.monotonic()
    st = server.start(
        bolt_port=bolt_port,
        http_port=http_port,
        password=password,
        heap=heap,
        pagecache=pagecache,
        instance_dir=inst,
        progress=progress,
        password_set=password_set,
    )
    start_seconds = time.monotonic() - t
    say("Creating constraints and indexes")
    from govgraph.vocab import using, vocabulary

    t = time.monotonic()
    with using(dataset.vocab or vocabulary()):  # indexes on the relation types the data added too
        _create_schema(st.bolt_uri, password)
    schema_seconds = time.monotonic() - t
    return BulkReport(
        n_nodes,
        n_rels,
        import_seconds,
        time.monotonic() - started,
        st.bolt_uri,
        inst,
        files_seconds=files_seconds,
        start_seconds=start_seconds,
        schema_seconds=schema_seconds,
    )


@contextmanager
def _password_beside(inst: Path, password: str | None, say: Callable[[str], None]) -> Iterator[bool]:
    """Set the initial password of a never-started instance in a thread while the block runs (the importer: the
    two write different files), so that the first start need not; yields whether it is being set."""
    password = password if password is not None else os.environ.get(server.PASSWORD_ENV) or None
    if password is None or not server.first_start(inst):
        yield False
        return
    say(f"Setting the initial password of user {server.USER!r}")
    failed: list[BaseException] = []

    def work() -> None:
        try:
            server.set_initial_password(password, instance_dir=inst)
        except BaseException as exc:  # handed to the caller's thread below
            failed.append(exc)

    thread = threading.Thread(target=work, name="govgraph-initial-password")
    thread.start()
    try:
        yield True
    finally:
        thread.join()
    if failed:
        raise failed[0]


def _create_schema(uri: str, password: str | None) -> None:
    """The loader's constraints and indexes, created after the import and populated before returning."""
    from govgraph.neo4j.connection import ConnectionSettings, connect, db_errors
    from govgraph.schema_gen import neo4j_schema_statements

    settings = ConnectionSettings(uri=uri, password=password)
    doing = "creating constraints after the import"
    with connect(settings) as driver, db_errors(settings, doing), driver.session() as session:  # type: ignore[attr-defined]
        with session.begin_transaction() as tx:  # one commit: the indexes are populated together
            for statement in neo4j_schema_statements():
                tx.run(statement).consume()
            tx.commit()
        session.run("CALL db.awaitIndexes(600)").consume()
