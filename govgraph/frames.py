"""A dataset as two polars frames, actors and relations, with the columns the year-by-year analysers read.

Building the networkx graph of a million ties costs more than the analyses that only need who is a member of what,
when, and who is tied to whom (about 26 s of CPU and 1.6 GiB at 100,000 organisations). These frames hold that much:
the table records of a :class:`~govgraph.bulk.BulkDataset` straight from its columns, YAML records (or a dataset
read back from Neo4j) turned into rows, so one code path serves every dataset. Years and lifetimes follow
:func:`govgraph.graph.snapshot`: an actor exists in a year between its founding and dissolution years, a tie holds
between its start and end years (ends inclusive, open ends unbounded) when both its ends exist.

``actors``: ``id`` (sorted), ``kind``, ``name``, ``founded_y``, ``dissolved_y``, ``functions``, ``issue_areas``
(lists of terms). ``relations``: ``source``, ``target``, ``type``, ``key``, ``start_y``, ``end_y``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

__all__ = ["Frames", "holds"]

_ACTOR_SCHEMA = {
    "id": pl.String,
    "kind": pl.String,
    "name": pl.String,
    "founded_y": pl.Int32,
    "dissolved_y": pl.Int32,
    "functions": pl.List(pl.String),
    "issue_areas": pl.List(pl.String),
}
_RELATION_SCHEMA = {
    "source": pl.String,
    "target": pl.String,
    "type": pl.String,
    "key": pl.String,
    "start_y": pl.Int32,
    "end_y": pl.Int32,
}
_TERM_LISTS = ("functions", "issue_areas")


def holds(start: str, end: str, year: int) -> pl.Expr:
    """Whether something with these start and end year columns held in ``year`` (ends inclusive, nulls open)."""
    return (pl.col(start).is_null() | (pl.col(start) <= year)) & (pl.col(end).is_null() | (pl.col(end) >= year))


def _year(value: Any) -> int | None:
    return value.year if value is not None else None


def _actor_rows(actors: Any) -> pl.DataFrame:
    rows = {name: [] for name in _ACTOR_SCHEMA}  # type: dict[str, list[Any]]
    for actor_id, a in actors.items():
        rows["id"].append(actor_id)
        rows["kind"].append(a.kind)
        rows["name"].append(a.name)
        rows["founded_y"].append(_year(a.founded))
        rows["dissolved_y"].append(_year(a.dissolved))
        for name in _TERM_LISTS:
            rows[name].append(list(getattr(a, name, None) or []))
    return pl.DataFrame(rows, schema=_ACTOR_SCHEMA)


def _relation_rows(relations: Any) -> pl.DataFrame:
    rows = [(r.source, r.target, r.type, r.key, _year(r.start), _year(r.end)) for r in relations]
    return pl.DataFrame(rows, schema=_RELATION_SCHEMA, orient="row")


def _table_actors(table: pl.DataFrame) -> pl.DataFrame:
    def terms(name: str) -> pl.Expr:
        items = pl.col(name).fill_null("").str.split(";").list.eval(pl.element().str.strip_chars())
        return items.list.eval(pl.element().filter(pl.element() != "")).alias(name)

    return table.select(
        "id", "kind", "name", pl.col("founded_y", "dissolved_y").cast(pl.Int32), *(terms(n) for n in _TERM_LISTS)
    )


@dataclass(frozen=True)
class Frames:
    """Every actor and every relation of a dataset, in columns (see the module's docstring)."""

    actors: pl.DataFrame
    relations: pl.DataFrame

    @classmethod
    def of(cls, dataset: Any) -> Frames:
        """The frames of any dataset: a table-backed one from its columns and YAML part, others from records."""
        from govgraph.bulk import BulkDataset

        if isinstance(dataset, BulkDataset) and "actors" not in dataset.__dict__:
            yaml_part = dataset.yaml_part
            actors = [_table_actors(dataset.tables["actors"]), _actor_rows(yaml_part.actors)]
            relations = dataset.tables["relations"].select(
                "source", "target", "type", "key", pl.col("start_y", "end_y").cast(pl.Int32)
            )
            relations = [relations, _relation_rows(yaml_part.relations)]
        else:
            actors, relations = [_actor_rows(dataset.actors)], [_relation_rows(dataset.relations)]
        return cls(pl.concat(actors).sort("id"), pl.concat(relations))

    def alive(self, year: int | None) -> pl.DataFrame:
        """The actors that existed in ``year`` (every one with None)."""
        return self.actors if year is None else self.actors.filter(holds("founded_y", "dissolved_y", year))

    def relations_at(self, year: int | None) -> pl.DataFrame:
        """The ties that held in ``year`` between actors that existed then (every tie with None)."""
        if year is None:
            return self.relations
        alive = self.alive(year)["id"].implode()
        ends = pl.col("source").is_in(alive) & pl.col("target").is_in(alive)
        return self.relations.filter(holds("start_y", "end_y", year) & ends)

    def names(self, ids: list[str]) -> list[str]:
        """The names of ``ids``, in their order (an id without a name stands for itself)."""
        wanted = pl.DataFrame({"id": ids}, schema={"id": pl.String}).with_row_index("_at")
        found = wanted.join(self.actors.select("id", "name"), on="id", how="left").sort("_at")
        return found.select(pl.col("name").fill_null(pl.col("id")))["name"].to_list()

    def tied_pairs(self, ids: list[str], year: int | None) -> tuple[np.ndarray, np.ndarray]:
        """The positions in ``ids`` (sorted, actors that existed in ``year``) of the pairs that :meth:`ties_between`
        gives, lower position first, as two arrays: for counting without a dict per pair."""
        at = pl.DataFrame(
            {"id": ids, "at": np.arange(len(ids), dtype=np.int64)}, schema={"id": pl.String, "at": pl.Int64}
        )
        ends = self._ties(ids, year).join(at.rename({"id": "source", "at": "s"}), on="source")
        ends = ends.join(at.rename({"id": "target", "at": "t"}), on="target")
        pairs = ends.select(pl.min_horizontal("s", "t").alias("i"), pl.max_horizontal("s", "t").alias("j")).unique()
        return pairs["i"].to_numpy(), pairs["j"].to_numpy()

    def _ties(self, ids: list[str], year: int | None) -> pl.DataFrame:
        wanted = pl.Series(ids, dtype=pl.String).implode()
        ties = self.relations.filter(
            pl.col("source").is_in(wanted) & pl.col("target").is_in(wanted) & (pl.col("source") != pl.col("target"))
        )
        return ties.filter(holds("start_y", "end_y", year)) if year is not None else ties

    def ties_between(self, ids: list[str], year: int | None) -> dict[tuple[str, str], list[str]]:
        """Types of the ties between two of ``ids`` (actors that existed in ``year``) that held in ``year`` (every
        tie with None), either direction, keyed by the sorted pair: what the overlap analysers flag as linked."""
        pairs = (
            self._ties(ids, year)
            .select(
                pl.min_horizontal("source", "target").alias("a"),
                pl.max_horizontal("source", "target").alias("b"),
                "type",
            )
            .group_by("a", "b")
            .agg(pl.col("type").unique().sort())
        )
        return {(a, b): t for a, b, t in pairs.iter_rows()}
