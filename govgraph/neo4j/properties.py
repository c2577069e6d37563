"""How govgraph's records become Neo4j properties, and how properties become record fields again.

The two directions sit side by side so that they stay exact inverses (the round trip YAML -> Neo4j -> graph
equals YAML -> graph). Properties are flat: lists stay lists, dates are their canonical text (``~1931``,
``1945-11-16``) plus integer years for Cypher, headquarters become ``hq_country``/``hq_city``, and citations
(key, at, note) are kept whole as a JSON text property ``citations`` beside the list of keys ``sources``.
Actors also get ``caption``, what Neo4j Browser writes on the node (the name, or the acronym where the name is
long). Derived properties (years, ``sources``, ``category``, ``caption``) are rewritten at every load; a Browser
user edits the authoritative ones (``founded``, ``start``, ``citations``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from govgraph.dates import FuzzyDate
from govgraph.graph import edge_attrs, node_attrs
from govgraph.model import Figure, Relation, Source
from govgraph.vocab import vocabulary

__all__ = [
    "CAPTION_LENGTH",
    "DERIVED_ACTOR",
    "DERIVED_RELATION",
    "RESULT_PREFIX",
    "PropertyError",
    "actor_columns",
    "actor_fields",
    "actor_link_columns",
    "actor_props",
    "caption_of",
    "citation_cells",
    "citation_cells_by_record",
    "citation_links",
    "citations_text",
    "edge_properties",
    "figure_fields",
    "figure_properties",
    "figure_props",
    "node_properties",
    "relation_columns",
    "relation_fields",
    "relation_key",
    "relation_props",
    "source_properties",
    "source_props",
    "user_term_rows",
    "user_term_spec",
]

DERIVED_ACTOR = ("founded_year", "dissolved_year", "sources", "citations", "hq_country", "hq_city", "caption")
DERIVED_RELATION = ("start_year", "end_year", "sources", "citations", "category", "id")
#: Actor properties starting with this are analysis results (``govgraph neo4j write-results``), not data.
RESULT_PREFIX = "centrality_"


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    """Drop empty lists (the models default them), keep everything else as it is."""
    return {k: v for k, v in data.items() if v != []}


_CITATION_TEXT: dict[str, str] = {}


def citations_text(cites: list[dict[str, Any]]) -> str:
    """Citations as the JSON text stored in Neo4j (keys sorted, no spaces). Bulk data cites a few sources the
    same way in every record, so each distinct list is encoded once."""
    key = repr(cites)  # dicts in another key order only miss the cache
    text = _CITATION_TEXT.get(key)
    if text is None:
        text = json.dumps(cites, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        if len(_CITATION_TEXT) < 100_000:
            _CITATION_TEXT[key] = text
    return text


def _cite(data: dict[str, Any]) -> None:
    """Replace ``sources`` (citation dicts) by ``citations`` (JSON text) and ``sources`` (sorted keys)."""
    cites = data.pop("sources")
    data["citations"] = citations_text(cites)
    data["sources"] = sorted({c["key"] for c in cites})


#: names longer than this are shown in Neo4j Browser by a short alias (``caption``)
CAPTION_LENGTH = 24


def caption_of(name: str, aliases: list[str]) -> str:
    """What Browser writes on an actor's node: its name, or where that is long its first one-word alias of
    at most 16 characters (the acronym: UNESCO, BAdW, Leopoldina), else the name."""
    if len(name) <= CAPTION_LENGTH:
        return name
    return next((a for a in aliases if " " not in a and len(a) <= 16), name)


def node_properties(node_id: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """The Neo4j properties of an actor from its graph attributes (:func:`govgraph.graph.node_attrs`): the one
    way govgraph writes them, shared by ``load``, ``load --bulk`` and ``export -f cypher``; :func:`actor_fields`
    reads them back."""
    data = {"id": node_id, **attrs}
    data["citations"] = citations_text(data.get("citations") or [])
    if isinstance(data.get("name"), str):
        data["caption"] = caption_of(data["name"], list(data.get("aliases") or []))
    return _flat(data)


def edge_properties(attrs: dict[str, Any]) -> dict[str, Any]:
    """The Neo4j properties of a relation from its graph attributes (:func:`govgraph.graph.edge_attrs`; its
    type and ends are the relationship's own), shared like :func:`node_properties`."""
    data = {k: v for k, v in attrs.items() if k != "type"}
    data["citations"] = citations_text(data.get("citations") or [])
    return _flat(data)


def source_properties(entry: dict[str, Any]) -> dict[str, Any]:
    """The properties of a ``:Source`` node from a bibliography entry (``Source.model_dump(mode="json")``)."""
    return _flat({k: v for k, v in entry.items() if v is not None})


def figure_properties(entry: dict[str, Any]) -> dict[str, Any]:
    """The properties of a ``:Figure`` node from a figure (``Figure.model_dump(mode="json")``)."""
    data = {k: v for k, v in entry.items() if v is not None}
    _cite(data)
    return _flat(data)


def actor_props(actor: Any) -> dict[str, Any]:
    """The properties of an actor's node: :func:`node_properties` of its graph attributes."""
    return node_properties(actor.id, node_attrs(actor))


def relation_key(rel: Relation) -> str:
    """``rel.key`` (explicit id, else source:type:target:start), with each date written out once."""
    if rel.id:
        return rel.id
    start = f":{_date_text(rel.start)}" if rel.start else ""
    return f"{rel.source}:{rel.type}:{rel.target}{start}"


def relation_props(rel: Relation, key: str | None = None) -> dict[str, Any]:
    """The properties of a relation's relationship (its type and ends are the relationship's own): its graph
    attributes (:func:`govgraph.graph.edge_attrs`) with citations as JSON text.

    A million memberships pass through here, so fields of plain values are copied without ``model_dump``
    (the result equals the ``edge_attrs`` way, which a test checks on the seeds); others take that way.
    """
    data: dict[str, Any] = {}
    for name in _RELATION_FIELDS:
        value = getattr(rel, name)
        if value is None:
            continue
        if isinstance(value, FuzzyDate):
            data[name] = _date_text(value)
            data[f"{name}_year"] = value.year
        elif isinstance(value, str | int | float):
            data[name] = value
        else:
            return _relation_props_dumped(rel)
    data["id"] = key if key is not None else relation_key(rel)
    data["category"] = vocabulary().relation_types[rel.type].category
    data["citations"], data["sources"] = _relation_citations(tuple(rel.sources))
    return data


#: dates repeat across bulk data: each is written out once
_date_text = lru_cache(maxsize=65536)(str)
_RELATION_FIELDS = tuple(n for n in Relation.model_fields if n not in ("id", "type", "source", "target", "sources"))


@lru_cache(maxsize=4096)
def _relation_citations(cites: tuple[Any, ...]) -> tuple[str, list[str]]:
    dumped = [c.model_dump(mode="json", exclude_none=True) for c in cites]
    return citations_text(dumped), sorted({c["key"] for c in dumped})


def _relation_props_dumped(rel: Relation) -> dict[str, Any]:
    return edge_properties(edge_attrs(rel))


def source_props(source: Source) -> dict[str, Any]:
    """The properties of a bibliography entry's ``:Source`` node."""
    return source_properties(source.model_dump(mode="json", exclude_none=True))


def figure_props(figure: Figure) -> dict[str, Any]:
    """The properties of a ``:Figure`` node."""
    return figure_properties(figure.model_dump(mode="json", exclude_none=True))


def citation_links(record: Any) -> list[dict[str, Any]]:
    """One ``SOURCED_FROM`` link per cited source, with where in it (``at``, ``note``; several joined by '; ')."""
    by_key: dict[str, dict[str, list[str]]] = {}
    for c in record.sources:
        slot = by_key.setdefault(c.key, {"at": [], "note": []})
        for field in ("at", "note"):
            value = getattr(c, field)
            if value and value not in slot[field]:
                slot[field].append(value)
    return [
        {"key": key, "props": {f: "; ".join(v) for f, v in slot.items() if v}} for key, slot in sorted(by_key.items())
    ]


class PropertyError(ValueError):
    """A property holds something that cannot be read back; ``field`` names it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _citations(props: dict[str, Any]) -> Any:
    """The citations of a node or relationship: the JSON text if there, else the plain list of keys."""
    text = props.get("citations")
    if text is None:
        return list(props.get("sources") or [])
    if not isinstance(text, str):
        raise PropertyError("citations", "expected JSON text of a list of {key, at, note}")
    try:
        cites = json.loads(text)
    except ValueError as exc:
        raise PropertyError("citations", f"not valid JSON: {exc}") from None
    keys = props.get("sources")
    if isinstance(cites, list) and keys is not None:
        cited = sorted({c.get("key") if isinstance(c, dict) else c for c in cites}, key=str)
        if cited != sorted(keys, key=str):
            raise PropertyError(
                "sources", f"lists {sorted(keys)} but citations cite {cited}; edit both, or delete 'sources'"
            )
    return cites


def actor_fields(props: dict[str, Any], kinds_from_labels: list[str]) -> dict[str, Any]:
    """Record fields of an actor from its node's properties and the kinds its labels name."""
    data = {k: v for k, v in props.items() if k not in DERIVED_ACTOR and not k.startswith(RESULT_PREFIX)}
    if "kind" not in data and len(kinds_from_labels) == 1:
        data["kind"] = kinds_from_labels[0]
    if data.get("kind") is not None and kinds_from_labels != [data.get("kind")]:
        labels = ", ".join(":" + k.capitalize() for k in kinds_from_labels) or "no kind label"
        raise PropertyError("kind", f"kind {data.get('kind')!r} does not match the node's labels ({labels})")
    if props.get("hq_country") is not None or props.get("hq_city") is not None:
        data["headquarters"] = {"country": props.get("hq_country"), "city": props.get("hq_city")}
    data["sources"] = _citations(props)
    return data


def relation_fields(rtype: str, source: str, target: str, props: dict[str, Any]) -> dict[str, Any]:
    """Record fields of a relation from its relationship; an id equal to the derived key is left implicit."""
    data = {k: v for k, v in props.items() if k not in DERIVED_RELATION}
    data.update(type=rtype, source=source, target=target, sources=_citations(props))
    explicit = props.get("id")
    if explicit is not None:
        start = f":{data['start']}" if data.get("start") is not None else ""
        if explicit != f"{source}:{rtype}:{target}{start}":
            data["id"] = explicit
    return data


def figure_fields(props: dict[str, Any]) -> dict[str, Any]:
    """Record fields of a figure from its node's properties."""
    data = {k: v for k, v in props.items() if k not in ("sources", "citations")}
    data["sources"] = _citations(props)
    return data


def user_term_rows(vocab: Any) -> list[dict[str, Any]]:
    """The terms the data added to ``vocab`` as ``:Term`` node rows (``{id, props}``, id ``list:term``): the list,
    the term and its definition; a relation type also its category, ends, statuses (JSON text: a mapping),
    ``symmetric`` and ``parent``."""
    rows = []
    for name, terms in sorted(vocab.user.items()):
        for term in sorted(terms):
            props: dict[str, Any] = {"id": f"{name}:{term}", "list": name, "term": term, "definition": terms[term]}
            if name == "relation_types":
                r = vocab.relation_types[term]
                props |= {
                    "category": r.category,
                    "sources": list(r.sources),
                    "targets": list(r.targets),
                    "statuses": json.dumps(r.statuses, ensure_ascii=False),
                    "symmetric": r.symmetric,
                    "parent": r.parent,
                }
            rows.append({"id": props["id"], "props": props})
    return rows


def user_term_spec(props: dict[str, Any]) -> tuple[str, str, Any]:
    """(list, term, definition or relation-type mapping) of a ``:Term`` node's properties, as a ``vocabulary:``
    section writes it (the inverse of :func:`user_term_rows`; what is wrong is left for the checks to name)."""
    name, term = str(props.get("list", "")), str(props.get("term", ""))
    if name != "relation_types":
        return name, term, props.get("definition")
    spec = {k: props[k] for k in ("definition", "category", "sources", "targets", "symmetric", "parent") if k in props}
    statuses = props.get("statuses")
    if isinstance(statuses, str):
        try:
            spec["statuses"] = json.loads(statuses)
        except ValueError:
            spec["statuses"] = statuses  # reported as not a mapping
    return name, term, spec


# --- table rows as columns (``load --bulk`` of a BulkDataset) ---------------------------------------------------
# The same properties as ``actor_props`` / ``relation_props`` / ``citation_links`` give for the records that
# :mod:`govgraph.bulk` builds from the rows, computed on the columns: a million memberships never become objects.
# Whatever is derived from a cell (citations, captions) is computed once per distinct cell by the functions above,
# so the two doors cannot drift apart; a test compares them row by row.

#: characters json.dumps writes as \uXXXX: cells holding one (the checks let none through) take the record way
_JSON_CONTROL = "[\x00-\x08\x0b-\x1f]"


def _cells_schema() -> dict[str, Any]:
    import polars as pl

    link = pl.List(pl.Struct({"key": pl.String, "at": pl.String, "note": pl.String}))
    return {"_cell": pl.String, "citations": pl.String, "sources": pl.List(pl.String), "_links": link}


def citation_cells(cells: Any) -> Any:
    """Per distinct ``sources`` cell of a table (null: none): the ``citations`` JSON text, the sorted keys
    ``sources`` (null where none) and the ``SOURCED_FROM`` links (a list of ``{key, at, note}``), as a polars
    frame keyed by ``_cell``: what :func:`citations_text` and :func:`citation_links` give for the citations
    :func:`govgraph.bulk.relation_record` reads from the cell (``key@at; key``: items stripped, split at the
    first ``@``), computed on the columns, as a table may cite a different page in every row. A test compares
    the two ways on awkward cells."""
    import polars as pl

    distinct = pl.Series("_cell", cells, dtype=pl.String).unique(maintain_order=True)
    odd = distinct.str.contains(_JSON_CONTROL).fill_null(False)
    if odd.any():
        plain = citation_cells(distinct.filter(~odd))
        return pl.concat([plain, citation_cells_by_record(distinct.filter(odd).to_list())])

    def escaped(column: Any) -> Any:  # as json.dumps(ensure_ascii=False) writes the texts a table may hold
        for raw, text in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\t", "\\t")):
            column = column.str.replace_all(raw, text, literal=True)
        return column

    parts = pl.col("_item").str.strip_chars().str.splitn("@", 2)
    items = (
        distinct.to_frame()
        .with_row_index("_i")
        .with_columns(pl.col("_cell").str.split(";").alias("_item"))
        .explode("_item")
        .with_columns(
            parts.struct.field("field_0").str.strip_chars().alias("key"),
            parts.struct.field("field_1").str.strip_chars().alias("at"),
        )
        .filter(pl.col("key").is_not_null() & (pl.col("key") != ""))
        .with_columns(pl.when(pl.col("at") != "").then(pl.col("at")).alias("at"))
        .with_row_index("_n")
    )
    key, at = escaped(pl.col("key")), escaped(pl.col("at"))
    one = pl.when(pl.col("at").is_not_null())
    one = one.then(pl.concat_str([pl.lit('{"at":"'), at, pl.lit('","key":"'), key, pl.lit('"}')]))
    one = one.otherwise(pl.concat_str([pl.lit('{"key":"'), key, pl.lit('"}')]))
    cited = (
        items.sort("_n")
        .group_by("_i", maintain_order=True)
        .agg(
            (pl.lit("[") + one.str.join(",") + pl.lit("]")).alias("citations"),
            pl.col("key").unique().sort().alias("sources"),
        )
    )
    links = (
        items.sort("_n")
        .group_by("_i", "key", maintain_order=True)
        .agg(pl.col("at").drop_nulls().unique(maintain_order=True).str.join("; ").alias("at"))
        .with_columns(pl.when(pl.col("at") != "").then(pl.col("at")).alias("at"), pl.lit(None, pl.String).alias("note"))
        .sort("_i", "key")  # as citation_links orders them
        .group_by("_i", maintain_order=True)
        .agg(pl.struct("key", "at", "note").alias("_links"))
    )
    out = (
        distinct.to_frame()
        .with_row_index("_i")
        .join(cited, on="_i", how="left")
        .join(links, on="_i", how="left")
        .with_columns(pl.col("citations").fill_null("[]"), pl.col("_links").fill_null([]))
    )
    return out.select(list(_cells_schema())).cast(_cells_schema())


def citation_cells_by_record(cells: list[str | None]) -> Any:
    """:func:`citation_cells` the record way: each cell read by :func:`govgraph.bulk.relation_record` and
    written by :func:`citations_text` and :func:`citation_links` (for cells the columns do not take, and tests)."""
    import polars as pl

    from govgraph.bulk import relation_record

    texts, keys, links = [], [], []
    for cell in cells:
        record = relation_record({"sources": cell or ""})
        text, sorted_keys = _relation_citations(tuple(record.sources))
        texts.append(text)
        keys.append(sorted_keys or None)
        links.append(
            [
                {"key": x["key"], "at": x["props"].get("at"), "note": x["props"].get("note")}
                for x in citation_links(record)
            ]
        )
    data = {"_cell": cells, "citations": texts, "sources": keys, "_links": links}
    return pl.DataFrame(data, schema=_cells_schema())


def _list_column(name: str) -> Any:
    """A ``;``-separated cell as the list property (items stripped, empty ones dropped; null for no item)."""
    import polars as pl

    items = (
        pl.col(name)
        .str.split(";")
        .list.eval(pl.element().str.strip_chars())
        .list.eval(pl.element().filter(pl.element() != ""))
    )
    return pl.when(items.list.len() > 0).then(items).alias(name)


def actor_columns(frame: Any, kind: str) -> Any:
    """The node properties of the table actors of one ``kind`` (rows of :attr:`BulkDataset.tables` ``actors``),
    one column per property, null where a row has none: per row what :func:`actor_props` gives for its record.
    Also ``_cell`` (the ``sources`` cell, for :func:`citation_cells`) and ``_file``/``_row``."""
    import polars as pl

    from govgraph.model import ACTOR_MODELS
    from govgraph.tableio import LIST_COLUMNS

    frame = frame.filter(pl.col("kind") == kind)
    have = set(frame.columns)
    columns: list[Any] = [pl.col("id")]
    for name in ACTOR_MODELS[kind].model_fields:
        if name in ("id", "headquarters", "sources", "merge") or (name not in have and name != "kind"):
            continue
        if name == "kind":
            columns.append(pl.lit(kind, dtype=pl.String).alias("kind"))
        elif name in LIST_COLUMNS:
            columns.append(_list_column(name))
        elif name == "cow_code":
            columns.append(pl.col(name).str.strip_chars_start("+").cast(pl.Int64))
        else:
            columns.append(pl.col(name).cast(pl.String))
    if "hq_country" in have:
        columns.append(pl.col("hq_country"))
        if "hq_city" in have:
            columns.append(pl.when(pl.col("hq_country").is_not_null()).then(pl.col("hq_city")).alias("hq_city"))
    for name in ("founded", "dissolved"):
        if f"{name}_y" in have:
            columns.append(pl.col(f"{name}_y").cast(pl.Int64).alias(f"{name}_year"))
    columns += [pl.col("sources").alias("_cell"), pl.col("_file"), pl.col("_row")]
    out = frame.select(columns)
    out = out.join(citation_cells(out["_cell"]).drop("_links"), on="_cell", how="left", nulls_equal=True)
    return _with_captions(out)


def _with_captions(frame: Any) -> Any:
    """``frame`` with ``caption``: the name, or for a long name :func:`caption_of` of name and aliases (computed
    once per distinct pair)."""
    import polars as pl

    aliases = pl.col("aliases") if "aliases" in frame.columns else pl.lit(None, dtype=pl.List(pl.String))
    keyed = frame.with_columns(aliases.list.join(_ARRAY_KEY).alias("_ak"))
    long = keyed.filter(pl.col("name").str.len_chars() > CAPTION_LENGTH)
    pairs = long.select("name", "_ak", aliases.alias("_aliases")).unique(subset=["name", "_ak"], maintain_order=True)
    if pairs.height == 0:
        return frame.with_columns(pl.col("name").alias("caption"))
    pairs_list = zip(pairs["name"].to_list(), pairs["_aliases"].to_list(), strict=True)
    captions = [caption_of(n, a or []) for n, a in pairs_list]
    mapped = pairs.select("name", "_ak").with_columns(pl.Series("_caption", captions, dtype=pl.String))
    joined = keyed.join(mapped, on=["name", "_ak"], how="left", nulls_equal=True, maintain_order="left")
    return joined.with_columns(pl.coalesce("_caption", "name").alias("caption")).drop("_caption", "_ak")


#: joins list items into one key for grouping (no govgraph text holds it)
_ARRAY_KEY = "\x1f"


def relation_columns(frame: Any) -> Any:
    """The relationship properties of table relations (rows of :attr:`BulkDataset.tables` ``relations``), one
    column per property: per row what :func:`relation_props` gives for its record. Also ``source``, ``target``,
    ``type`` (the relation type), ``_cell``, ``_file`` and ``_row``."""
    import polars as pl

    have = set(frame.columns)
    category = {name: r.category for name, r in vocabulary().relation_types.items()}
    columns: list[Any] = [pl.col("source"), pl.col("target"), pl.col("type")]
    columns += [pl.col(n).cast(pl.String) for n in _RELATION_FIELDS if n in have]
    columns += [
        pl.col("key").alias("id"),
        pl.col("type").replace_strict(category, return_dtype=pl.String).alias("category"),
    ]
    columns += [pl.col(f"{n}_y").cast(pl.Int64).alias(f"{n}_year") for n in ("start", "end") if f"{n}_y" in have]
    columns += [pl.col("sources").alias("_cell"), pl.col("_file"), pl.col("_row")]
    out = frame.select(columns)
    return out.join(citation_cells(out["_cell"]).drop("_links"), on="_cell", how="left", nulls_equal=True)


def actor_link_columns(frame: Any) -> dict[str, Any]:
    """The derived links of table actors, by link type: ``IN_ISSUE_AREA`` and ``HAS_FUNCTION`` (``id``, ``key``:
    each term once per actor) and ``SOURCED_FROM`` (``id``, ``key``, ``at``, ``note``), as the loader's link
    batches give them for the records."""
    import polars as pl

    out = {}
    for rel_type, name in (("IN_ISSUE_AREA", "issue_areas"), ("HAS_FUNCTION", "functions")):
        if name in frame.columns:
            terms = frame.select("id", _list_column(name).alias("key")).explode("key").drop_nulls("key")
            out[rel_type] = terms.unique(subset=["id", "key"], maintain_order=True)
    cells = citation_cells(frame["sources"]).select("_cell", "_links")
    cited = frame.select("id", pl.col("sources").alias("_cell")).join(cells, on="_cell", how="left", nulls_equal=True)
    out["SOURCED_FROM"] = cited.explode("_links").drop_nulls("_links").select("id", pl.col("_links").struct.unnest())
    return out
