"""Data folders with tables: YAML and bulk tables validated together into one :class:`BulkDataset`.

YAML records go through the models as before (:mod:`govgraph.dataset`); table rows are checked column by column
(:mod:`govgraph.columnar`) and across records by joins here: every reference to an actor or a source is looked up
among the table rows and the YAML records alike, the kinds at both ends of a tie and its dates are checked against
the actors' lifetimes, and an id used twice (in tables, or in a table and a YAML file) is a duplicate. Table actors
that YAML records refer to take part in the YAML checks as ordinary records, so "unknown actor", kinds and dates are
checked in both directions.

The valid rows stay columnar: :class:`BulkDataset` is a :class:`~govgraph.model.Dataset` whose ``actors``,
``relations`` and ``origins`` are built from the rows (without validating them again) the first time they are read,
so ``govgraph validate`` and the graph builder (:func:`govgraph.graph.build_graph`) never hold a million pydantic
objects. ``actor(id)``, ``sources`` and ``figures`` work as for YAML.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import polars as pl
from pydantic import BaseModel, PrivateAttr
from pydantic_core import PydanticUndefined

from govgraph.columnar import Checker, check_section, citation_items, fuzzy_before, has_part
from govgraph.dataset import SECTIONS, Entry, assemble, read_file, suggest
from govgraph.dates import FuzzyDate
from govgraph.errors import DataError, Problem
from govgraph.model import ACTOR_MODELS, Citation, Dataset, Headquarters, Relation, Source
from govgraph.tableio import COLUMNS, LIST_COLUMNS, read_table
from govgraph.vocab import vocabulary
from govgraph.yamlio import LocDict, load_fast, locate

__all__ = ["BULK_YAML_RELATIONS", "BulkDataset", "load_with_tables", "load_yaml_bulk"]

_LAZY = ("actors", "relations", "origins")
_INTS = {"cow_code", "year", "ref"}


@cache
def _defaults(model: type[BaseModel]) -> tuple[dict[str, Any], tuple[str, ...], tuple[str, ...]]:
    """A model's scalar defaults, its fields that default to a new list, and all its fields in order."""
    scalars, lists = {}, []
    for name, info in model.model_fields.items():
        if info.default_factory is list:
            lists.append(name)
        else:
            scalars[name] = info.default if info.default is not PydanticUndefined else None
    return scalars, tuple(lists), tuple(model.model_fields)


def construct(model: type[BaseModel], values: dict[str, Any]) -> Any:
    """``model.model_construct(**values)`` without its per-call overhead (values already valid).

    As ``model_construct``: no validation, unset fields take their defaults, ``model_fields_set`` is the given
    names. About ten times faster, which matters for a million relations.
    """
    scalars, lists, order = _defaults(model)
    data = {n: values[n] if n in values else [] if n in lists else scalars[n] for n in order}
    obj = model.__new__(model)
    object.__setattr__(obj, "__dict__", data)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


@lru_cache(maxsize=65536)
def _date(text: str) -> FuzzyDate:
    """The date of a canonical cell (dates are immutable, and a million ties share a few hundred years)."""
    circa = text.startswith("~")
    parts = [int(p) for p in text.lstrip("~").split("-")]
    return FuzzyDate(parts[0], *([*parts[1:], None, None])[:2], circa=circa)  # type: ignore[arg-type]


@lru_cache(maxsize=65536)
def _citation(key: str, at: str) -> Citation:
    """One citation (frozen, so rows citing the same place share it)."""
    return construct(Citation, {"key": key, "at": at} if at else {"key": key})


def _citations(cell: str) -> list[Citation]:
    out = []
    for item in cell.split(";"):
        key, _, at = item.strip().partition("@")
        if key.strip():
            out.append(_citation(key.strip(), at.strip()))
    return out


def _fields(row: dict[str, Any], columns: tuple[str, ...]) -> dict[str, Any]:
    """A valid row's cells as model field values (dates, lists, integers, citations, headquarters)."""
    out: dict[str, Any] = {}
    for column in columns:
        value = row.get(column)
        if value is None:
            continue
        if column in ("founded", "founded_disputed", "dissolved", "start", "end"):
            out[column] = _date(value)
        elif column == "sources":  # citations (the sources table has no such column)
            out[column] = _citations(value)
        elif column in LIST_COLUMNS:
            out[column] = [p.strip() for p in value.split(";") if p.strip()]
        elif column in _INTS:
            out[column] = int(value)
        elif column == "accessed":
            import datetime as dt

            out[column] = dt.date.fromisoformat(value)
        elif column in ("hq_country", "hq_city"):
            continue
        else:
            out[column] = value
    if row.get("hq_country"):
        hq = {"country": row["hq_country"]} | ({"city": row["hq_city"]} if row.get("hq_city") else {})
        out["headquarters"] = construct(Headquarters, hq)
    return out


def actor_record(row: dict[str, Any]) -> Any:
    """The actor model of one valid table row (built without validating again)."""
    return construct(ACTOR_MODELS[row["kind"]], _fields(row, COLUMNS["actors"]))


def relation_record(row: dict[str, Any]) -> Relation:
    """The relation model of one valid table row."""
    return construct(Relation, _fields(row, COLUMNS["relations"]))


def source_record(row: dict[str, Any]) -> Source:
    """The source model of one valid table row."""
    return construct(Source, _fields(row, COLUMNS["sources"]))


def _located(row: dict[str, Any], cols: dict[str, int]) -> LocDict:
    raw = LocDict({k: v for k, v in row.items() if not k.startswith("_") and v is not None})
    raw.line, raw.col = row["_row"], 1
    raw.positions = {k: (row["_row"], cols.get(k, 1)) for k in raw}
    return raw


class BulkDataset(Dataset):
    """A Dataset whose table records stay in columns until ``actors``, ``relations`` or ``origins`` is read.

    ``tables`` holds the valid rows: ``actors`` and ``relations`` frames (text cells, date parts, ``key`` for
    relations, ``_file`` and ``_row``) in file order; whoever needs an order sorts (by id, by key).
    ``counts()`` counts without building records.
    """

    _tables: dict[str, pl.DataFrame] = PrivateAttr(default_factory=dict)
    _yaml: Dataset | None = PrivateAttr(None)
    #: YAML files whose relations were read as rows (see :func:`load_yaml_bulk`), to locate them for origins.
    _from_yaml: dict[str, Any] = PrivateAttr(default_factory=dict)

    @classmethod
    def of(cls, yaml_part: Dataset, tables: dict[str, pl.DataFrame]) -> BulkDataset:
        ds = cls.model_construct(sources=yaml_part.sources, figures=yaml_part.figures, vocab=yaml_part.vocab)
        for name in _LAZY:
            ds.__dict__.pop(name, None)
        ds._yaml = yaml_part
        ds._tables = tables
        return ds

    @property
    def tables(self) -> dict[str, pl.DataFrame]:
        """The valid table rows, by section (``actors``, ``relations``)."""
        return self._tables

    @property
    def yaml_part(self) -> Dataset:
        """The records read from YAML (and the sources of both)."""
        assert self._yaml is not None
        return self._yaml

    def counts(self) -> dict[str, int]:
        """Actors, relations, sources and figures, counted without building a record."""
        y = self.yaml_part
        return {
            "actors": len(y.actors) + self._tables["actors"].height,
            "relations": len(y.relations) + self._tables["relations"].height,
            "sources": len(self.sources),
            "figures": len(self.figures),
        }

    def __getattr__(self, name: str) -> Any:
        if name in _LAZY:
            value = getattr(self, f"_build_{name}")()
            self.__dict__[name] = value
            return value
        return super().__getattr__(name)  # type: ignore[misc]

    def _rows(self, section: str) -> Iterator[dict[str, Any]]:
        return self._tables[section].iter_rows(named=True)

    def _build_actors(self) -> dict[str, Any]:
        merged = dict(self.yaml_part.actors)
        merged.update((row["id"], actor_record(row)) for row in self._rows("actors"))
        return dict(sorted(merged.items()))

    def _build_relations(self) -> list[Relation]:
        records = [relation_record(row) for row in self._rows("relations")]
        return sorted([*self.yaml_part.relations, *records], key=lambda r: r.key)

    def _build_origins(self) -> dict[str, str]:
        out = dict(self.yaml_part.origins)
        a, r = self._tables["actors"], self._tables["relations"]
        where = pl.concat_str([pl.col("_file"), pl.col("_row").cast(pl.String)], separator=":")
        for prefix, frame, key in (("actor:", a, "id"), ("relation:", r, "key")):
            pairs = frame.select((prefix + pl.col(key)).alias("k"), where.alias("v"))
            out.update(zip(pairs["k"].to_list(), pairs["v"].to_list(), strict=True))
        for name, locator in self._from_yaml.items():  # `_row` holds the record's index in the file's list
            rows = r.filter(pl.col("_file") == name).select("key", "_row")
            for key, index in rows.iter_rows():
                out[f"relation:{key}"] = f"{name}:{locate(locator.record('relations', index), ())[0]}"
        return out


def _empty(section: str) -> pl.DataFrame:
    schema = dict.fromkeys(COLUMNS[section], pl.String) | {"_row": pl.Int64, "_file": pl.String}
    return pl.DataFrame(schema=schema)


def _read_tables(paths: list[Path], problems: list[Problem]) -> dict[str, Checker]:
    """The tables at ``paths``, each section checked row by row."""
    frames: dict[str, list[pl.DataFrame]] = {s: [] for s in COLUMNS}
    cols: dict[str, dict[str, dict[str, int]]] = {s: {} for s in COLUMNS}
    for path in paths:
        table, found = read_table(path)
        problems.extend(found)
        if table is not None:
            frames[table.section].append(table.frame)
            cols[table.section][table.file] = table.cols
    return {
        s: check_section(s, pl.concat(fs, how="diagonal", rechunk=False) if fs else _empty(s), cols[s])
        for s, fs in frames.items()
    }


def _duplicates(c: Checker, frame: pl.DataFrame, key: str, what: str) -> None:
    """Rows whose ``key`` an earlier row already has: "duplicate ... (first at FILE:ROW)"."""
    # a 64-bit hash finds the candidates (cheap); only they are compared as text
    hashed = pl.col(key).hash(0)
    if frame.select(hashed.n_unique()).item() == frame.height:
        return  # no two hashes alike (counting them is cheaper than marking each repeated one)
    repeated = frame.filter(hashed.is_duplicated())
    repeated = repeated.filter(pl.col(key).is_duplicated())
    if repeated.height == 0:
        return
    first = pl.concat_str([pl.col("_file"), pl.col("_row").cast(pl.String)], separator=":").first().over(key)
    marked = repeated.with_columns(first.alias("_first"), pl.int_range(pl.len()).over(key).alias("_seen"))
    c.report(
        pl.col("_seen") > 0,
        "id",
        lambda r: f"duplicate {what} id (first at {r['_first']})",
        frame=marked,
        needs=("_first",),
    )


def _actor_index(actors: pl.DataFrame, yaml_actors: list[Any]) -> pl.DataFrame:
    """id, kind and date parts of every valid actor, table and YAML; ``founded`` is the earliest founding (a
    disputed founding range counts whole, as in the YAML checks)."""
    parts = ("founded_y", "founded_m", "founded_d", "dissolved_y", "dissolved_m", "dissolved_d")
    if "founded_disputed_y" in actors.columns and "founded_y" in actors.columns:
        earlier = pl.col("founded_y").is_not_null() & fuzzy_before("founded_disputed", "founded")
        actors = actors.with_columns(
            pl.when(earlier).then(pl.col(f"founded_disputed{x}")).otherwise(pl.col(f"founded{x}")).alias(f"founded{x}")
            for x in ("", "_y", "_m", "_d")
        )
    rows = []
    for a in yaml_actors:
        f, d = a.earliest_founded, a.dissolved
        dates = (*((f.year, f.month, f.day) if f else (None,) * 3), *((d.year, d.month, d.day) if d else (None,) * 3))
        rows.append((a.id, a.kind, str(f) if f else None, str(d) if d else None, *dates))
    schema = {"id": pl.String, "kind": pl.String, "founded": pl.String, "dissolved": pl.String} | dict.fromkeys(
        parts, pl.Int32
    )
    yaml_frame = pl.DataFrame(rows, schema=schema, orient="row")
    return pl.concat([actors.select(list(schema)), yaml_frame])


def _suggest_actor(ref: str, ids: list[str], cache: dict[str, str]) -> str:
    """Did-you-mean over actor ids, for the first few distinct unknown ids (difflib over 10⁵ ids is slow)."""
    if ref not in cache:
        cache[ref] = suggest(ref, ids) if len(cache) < 20 else ""
    return cache[ref]


def _check_references(c: Checker, index: pl.DataFrame, broken: set[str]) -> None:
    """Ends of table relations: known actors of allowed kinds, ties inside both lifetimes.

    The joins carry only what the checks compare (kinds, date parts, the actor's row in ``index``): text that a
    message shows is looked up for the failing rows alone.
    """
    vocab = vocabulary()
    index = index.with_columns(pl.int_range(pl.len(), dtype=pl.UInt32).alias("_i"))
    valid = c.valid()
    lifetime = [f"{d}_{p}" for d in ("founded", "dissolved") for p in "ymd" if p == "y" or has_part(index, f"{d}_m")]
    tie = [f"{d}_{p}" for d in ("start", "end") for p in "ymd" if p == "y" or has_part(valid, f"{d}_m")]
    rels = valid.select("_n", "source", "type", "target", *tie)
    ends = {"source": "_s", "target": "_t"}
    lookup = index.select("id", "_i", "kind", *lifetime)
    for field, suffix in ends.items():
        other = lookup.rename({k: f"{k}{suffix}" for k in lookup.columns if k != "id"})
        rels = rels.join(other, left_on=field, right_on="id", how="left", coalesce=True, maintain_order="left")
    ids: list[str] = []
    cache: dict[str, str] = {}
    broken_ids = pl.Series(sorted(broken), dtype=pl.String)
    for field, suffix in ends.items():
        unknown = pl.col(f"kind{suffix}").is_null() & ~pl.col(field).is_in(broken_ids.implode())
        if rels.select(unknown.any()).item() and not ids:
            ids = index["id"].to_list()
        c.report(
            unknown,
            field,
            lambda r, f=field, pool=ids: f"unknown actor {r[f]!r}{_suggest_actor(r[f], pool, cache)}",
            frame=rels,
            needs=(field,),
        )
        allowed = pl.DataFrame(
            [(n, k) for n, r in vocab.relation_types.items() for k in getattr(r, f"{field}s")],
            schema={"type": pl.String, f"kind{suffix}": pl.String},
            orient="row",
        )
        pair = ["type", f"kind{suffix}"]  # a few distinct pairs among a million rows: those are checked
        wrong = rels.group_by(pair).len().filter(pl.col(pair[1]).is_not_null()).join(allowed, on=pair, how="anti")
        if wrong.height:
            wrong = rels.select("_n", "type", field, pair[1]).join(wrong.drop("len"), on=pair, how="semi")

        def message(r: dict[str, Any], f: str = field, s: str = suffix) -> str:
            kinds = " or ".join(getattr(vocab.relation_types[r["type"]], f"{f}s"))
            return f"a {r['type']} {f} must be a {kinds}, not a {r[f'kind{s}']} ({r[f]})"

        c.report(pl.lit(True), field, message, frame=wrong, needs=("type", field, f"kind{suffix}"))
    founded, dissolved = index["founded"], index["dissolved"]
    dated = pl.col("type") != "succeeded_by"
    checks = []
    for suffix, end in (("_s", "source"), ("_t", "target")):
        rels = rels.with_columns(
            pl.col(f"{d}_{p}{suffix}").alias(f"{d}{suffix}_{p}")
            for d in ("founded", "dissolved")
            for p in "ymd"
            if f"{d}_{p}" in lifetime
        )
        cols = (end, "start", "end", f"_i{suffix}")
        # (earlier, later, field, message): the tie's dates against this end's lifetime, as the YAML checks word them
        rules = (
            (f"dissolved{suffix}", "start", "start", "starts {start}, after {actor} was dissolved ({dissolved})"),
            ("end", f"founded{suffix}", "end", "ends {end}, before {actor} was founded ({founded})"),
            ("start", f"founded{suffix}", "start", "starts {start}, before {actor} was founded ({founded})"),
        )
        for earlier, later, field, text in rules:

            def message(r: dict[str, Any], s: str = suffix, e: str = end, t: str = text) -> str:
                i = r[f"_i{s}"]
                return t.format(actor=r[e], founded=founded[i], dissolved=dissolved[i], **r)

            checks.append((dated & fuzzy_before(earlier, later, rels), field, message, cols))
    c.report_all(rels, checks)


def _check_cited(c: Checker, known: pl.Series) -> None:
    pool = known.to_list()
    cites = citation_items(c).filter(pl.col("_key").str.contains(r"^[a-z0-9][a-z0-9_.\-]*$"))
    c.report_items(
        "sources",
        cites,
        ~pl.col("_key").is_in(known.implode()),
        "sources",
        lambda r: f"unknown source {r['_key']!r}{suggest(r['_key'], pool)}",
        ("_key",),
    )


def _relation_keys() -> pl.Expr:
    # source:type:target, and :start when there is one (the three are required: never null in valid rows)
    derived = pl.concat_str(["source", "type", "target", "start"], separator=":", ignore_nulls=True)
    return pl.coalesce(pl.col("id"), derived).alias("key")


def load_with_tables(
    yaml_paths: list[Path], table_paths: list[Path], problems: list[Problem] | None = None
) -> BulkDataset:
    """Read and validate YAML files and tables together (see the module doc); raise every problem found, those
    already in ``problems`` (the vocabulary's) among them. Terms are checked against the active vocabulary."""
    problems = list(problems or [])
    broken: set[str] = set()
    parts: dict[str, list[Any]] = {s: [] for s in SECTIONS}
    for path in yaml_paths:
        for section, entries in read_file(path, problems, broken).items():
            parts[section].extend(entries)
    return _checked(parts, _read_tables(table_paths, problems), problems, broken)


def _checked(
    parts: dict[str, list[Any]], checks: dict[str, Checker], problems: list[Problem], broken: set[str]
) -> BulkDataset:
    """YAML entries and checked table rows, cross-checked (references, kinds, lifetimes, duplicates)."""
    a, r, s = checks["actors"], checks["relations"], checks["sources"]
    for c in (a, s):
        broken.update(
            c.frame.filter(pl.col("_n").is_in(pl.Series(sorted(c.bad), dtype=pl.Int64).implode()))["id"]
            .drop_nulls()
            .to_list()
        )

    # table sources join the YAML ones (they are few); table actors that YAML records name join the YAML checks
    for row in s.valid().iter_rows(named=True):
        parts["sources"].append(Entry(source_record(row), _located(row, s.col_map(row["_file"])), row["_file"]))
    yaml_ids = {e.record.id for e in parts["actors"]}
    named = yaml_ids | {x for e in parts["relations"] for x in (e.record.source, e.record.target)}
    named |= {e.record.subject for e in parts["figures"] if e.record.subject}
    actors = a.valid()
    _duplicates(a, actors, "id", "actor")
    stubs = actors.filter(pl.col("id").is_in(pl.Series(sorted(named), dtype=pl.String).implode()))
    for row in stubs.iter_rows(named=True):
        record = actor_record(row).model_copy(update={"sources": []})
        parts["actors"].append(Entry(record, _located(row, a.col_map(row["_file"])), row["_file"]))
    in_tables = set(stubs["id"].to_list())
    for e in parts["actors"]:  # a table row is not a YAML record: `merge: true` cannot add to it
        if e.record.merge and e.record.id in in_tables and e.file.endswith((".yaml", ".yml")):
            msg = "merge: true adds to a YAML record; this actor is a table row (add the fields there)"
            problems.append(e.problem(e.record.id, "merge", msg))
    yaml_actors = [e.record for e in parts["actors"] if e.record.id in yaml_ids]
    try:
        yaml_part = assemble(parts, problems, broken)
    except DataError:
        yaml_part = None  # its problems are in ``problems``

    index = _actor_index(actors, yaml_actors)
    _check_references(r, index, broken)
    source_ids = [e.record.id for e in parts["sources"]] + sorted(broken)
    known = pl.Series(sorted(set(source_ids)), dtype=pl.String)
    _check_cited(a, known)
    _check_cited(r, known)
    relations = r.valid().with_columns(_relation_keys())
    yaml_keys = {e.record.key: e for e in parts["relations"]}
    _duplicates(r, relations.with_columns(pl.col("key").alias("_rid")), "key", "relation")
    clash = relations.filter(pl.col("key").is_in(pl.Series(sorted(yaml_keys), dtype=pl.String).implode()))
    r.report(
        pl.lit(True),
        "id",
        lambda row: f"duplicate relation id (first at {yaml_keys[row['key']].place()})",
        frame=clash,
        needs=("key",),
    )
    problems += a.problems + r.problems + s.problems
    if problems or yaml_part is None:
        raise DataError(sorted(set(problems)))
    stub_ids = set(stubs["id"].to_list())
    yaml_part.actors = {k: v for k, v in yaml_part.actors.items() if k not in stub_ids}
    helpers = pl.col("^.*_raw$", "_n")  # what the checks needed, not the records
    tables = {"actors": a.valid().drop(helpers), "relations": relations.drop(helpers)}
    return BulkDataset.of(yaml_part, tables)


#: From this many relations in YAML files (and no tables) on, the relations are checked as table rows.
BULK_YAML_RELATIONS = 10_000
_REL_DATES = frozenset({"start", "end"})


def _plain(value: Any) -> bool:
    """Text that a table cell holds as it is: non-empty, nothing to strip."""
    return type(value) is str and value != "" and value == value.strip()


def _citation_cell(value: Any) -> str | None:
    """A citation list as a ``sources`` cell (``key`` or ``key@at``, ``;``-separated); None when a cell cannot
    say exactly the same (a note, an empty or padded part, a ``;`` or ``@`` that the cell would read as a
    separator)."""
    if type(value) is not list or not value:
        return None
    parts = []
    for item in value:
        if type(item) is str:
            key, at = item, None
        elif type(item) is dict and "key" in item and item.keys() <= {"key", "at"}:
            key, at = item["key"], item.get("at", "")
            if at == "" or not _plain(at) or ";" in at:
                return None
        else:
            return None
        if not _plain(key) or ";" in key or "@" in key:
            return None
        parts.append(key if at is None else f"{key}@{at}")
    return ";".join(parts)


def _relation_columns(items: list[Any]) -> pl.DataFrame | None:
    """YAML relation records as the text cells of a relations table, or None when some record holds what a
    table row would read differently (a type other than text, a year or a citation list; an explicit null; text
    to strip; an unknown field): then the records go through the models, which report it in place."""
    if any(type(r) is not dict for r in items):
        return None
    n, given = len(items), sum(map(len, items))
    keys = COLUMNS["relations"]
    rows = [tuple(map(r.get, keys)) for r in items]  # each record touched once (a million dicts: memory-bound)
    transposed = list(zip(*rows, strict=True)) if rows else [()] * len(keys)
    del rows
    columns: dict[str, Any] = {}
    for i, key in enumerate(keys):
        values, transposed[i] = transposed[i], ()
        present = n - values.count(None)
        given -= present
        if key in _REL_DATES:
            values = [str(v) if type(v) is int else v for v in values]
        elif key == "sources":  # most cite one source by its key alone: that key is the cell
            values = [
                v[0]
                if type(v) is list and len(v) == 1 and type(v[0]) is str and "@" not in v[0] and ";" not in v[0]
                else None
                if v is None
                else _citation_cell(v)
                for v in values
            ]
            if n - values.count(None) < present:  # a citation list that no cell says alike
                return None
        columns[key] = list(values)
    if given:  # a key that is no column, or an explicit null
        return None
    try:
        frame = pl.DataFrame(columns, schema=dict.fromkeys(COLUMNS["relations"], pl.String), strict=True)
    except (TypeError, pl.exceptions.PolarsError):  # a value that is not text (a number, a list, true)
        return None
    text = [c for c in COLUMNS["relations"] if c != "sources"]
    # text that is empty or would be stripped (by Python's rule, whose extra characters the text checks refuse)
    unplain = pl.any_horizontal((pl.col(c) == "") | (pl.col(c).str.strip_chars() != pl.col(c)) for c in text)
    return None if frame.select(unplain.any()).item() else frame


def load_yaml_bulk(yaml_paths: list[Path]) -> BulkDataset | None:
    """YAML files with many relations (:data:`BULK_YAML_RELATIONS`), their relations checked as table rows.

    The relations of files that the fast reader reads become rows of a relations table (the same cells a CSV
    would hold); sources, actors and figures go through the models. Any doubt gives None, and the caller reads
    the files as always: a file the fast reader cannot vouch for, a record a table row would read differently,
    or any problem at all (the models then report every problem in place, as they word them). So a valid dataset
    is read about three times faster, and an invalid one is reported exactly as before.
    """
    from govgraph.dataset import Locator, read_fast
    from govgraph.gcpause import no_cyclic_gc

    with no_cyclic_gc():  # a million new dicts hold no cycles: the collector's passes over them would double the time
        read = []
        for path in yaml_paths:
            data = load_fast(path, str(path))
            if data is None:
                return None
            read.append((path, data))
        if sum(len(d["relations"]) for _, d in read if type(d.get("relations")) is list) < BULK_YAML_RELATIONS:
            return None
        parts: dict[str, list[Any]] = {s: [] for s in SECTIONS}
        frames, located = [], {}
        for path, data in read:
            name = str(path)
            items = data.pop("relations", None)
            if items is not None:
                frame = _relation_columns(items) if type(items) is list else None
                del items  # the cells hold what the checks need
                if frame is None:
                    return None
                index = pl.int_range(pl.len(), dtype=pl.Int64).alias("_row")
                file = pl.repeat(pl.lit(name, dtype=pl.Categorical), pl.len()).alias("_file")
                frames.append(frame.with_columns(index, file))
                located[name] = Locator(path, name)
            records = read_fast(data, path, located.get(name))  # one locator a file: it reads the file at most once
            if records is None:
                return None
            for section, entries in records.items():
                parts[section].extend(entries)
        problems: list[Problem] = []
        relations = pl.concat(frames, how="vertical")
        checks = {s: check_section(s, relations if s == "relations" else _empty(s), {}) for s in COLUMNS}
        try:
            ds = _checked(parts, checks, problems, set())
        except DataError:
            return None
    ds._from_yaml = located
    return ds
