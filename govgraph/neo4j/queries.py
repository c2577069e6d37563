"""The Cypher govgraph sends to Neo4j, as pure functions returning strings.

Values travel only as parameters (``$rows``, ``$ids``); the only words spliced into the text are labels and
relationship types, and each is checked first: actor labels and relation types come from the closed vocabulary,
the few structural ones (``Source``, ``IN_ISSUE_AREA`` ...) from the fixed tables below. Every write is a
``MERGE`` on a stable id, so a transaction the driver retries does the same thing twice.
"""

from __future__ import annotations

import re

from govgraph.schema_gen import AUX_LABELS
from govgraph.vocab import label_for_kind, rel_type_for, vocabulary

__all__ = [
    "AUX_NODE_LABELS",
    "LINK_TYPES",
    "actor_label",
    "count_nodes",
    "count_relationships",
    "count_type",
    "create_actors",
    "create_links",
    "create_nodes",
    "create_relations",
    "delete_moved_relations",
    "delete_nodes",
    "delete_unlisted_relations",
    "existing_ids",
    "merge_actors",
    "merge_nodes",
    "merge_relations",
    "read_nodes",
    "read_relations",
    "relation_rel_type",
    "sync_links",
]

#: Labels of the non-actor nodes govgraph manages (bibliography, figures, vocabulary terms; ``Term``: the terms
#: a data folder added to the vocabulary).
AUX_NODE_LABELS = (*AUX_LABELS, "Term")

#: Relationship types govgraph derives for browsing: (from label, type, to label). Not relations of the data.
LINK_TYPES = {
    "IN_ISSUE_AREA": ("Actor", "IssueArea"),
    "HAS_FUNCTION": ("Actor", "Function"),
    "SOURCED_FROM": (None, "Source"),  # from an Actor or a Figure
    "ABOUT": ("Figure", "Actor"),
}


def actor_label(kind: str) -> str:
    """The label of a kind of actor, checked against the vocabulary."""
    return label_for_kind(kind)


def relation_rel_type(name: str) -> str:
    """The relationship type of a relation type, checked against the vocabulary."""
    return rel_type_for(name)


def _node_label(label: str) -> str:
    """A label govgraph manages: ``Actor``, a kind's label or an auxiliary one; anything else is refused."""
    allowed = {"Actor", *AUX_NODE_LABELS, *(label_for_kind(k) for k in vocabulary().kinds)}
    if label not in allowed:
        raise ValueError(f"not a govgraph label: {label!r}")
    return label


def _link_type(rel_type: str) -> str:
    if rel_type not in LINK_TYPES:
        raise ValueError(f"not a govgraph link type: {rel_type!r}")
    return rel_type


_COUNTS = (
    "RETURN count(*) AS rows, count(CASE WHEN created THEN 1 END) AS created, "
    "count(CASE WHEN changed THEN 1 END) AS updated"
)


def merge_nodes(label: str) -> str:
    """Upsert ``$rows`` ({id, props}) as nodes of ``label``; props replace the old ones. Returns counts."""
    lab = _node_label(label)
    return (
        "UNWIND $rows AS row\n"
        f"OPTIONAL MATCH (old:{lab} {{id: row.id}})\n"
        "WITH row, old IS NULL AS created, old IS NOT NULL AND properties(old) <> row.props AS changed\n"
        f"MERGE (n:{lab} {{id: row.id}})\n"
        "SET n = row.props\n"
        f"{_COUNTS}"
    )


def merge_actors(kind: str) -> str:
    """Upsert ``$rows`` as ``:Actor`` nodes of one kind (``$other_labels``: the other kinds' labels).

    The kind's label is set and the other kinds' labels removed, so an actor whose kind changed moves over.
    """
    label = actor_label(kind)
    others = [actor_label(k) for k in vocabulary().kinds if k != kind]
    return (
        "UNWIND $rows AS row\n"
        "OPTIONAL MATCH (old:Actor {id: row.id})\n"
        "WITH row, old IS NULL AS created, old IS NOT NULL AND (properties(old) <> row.props\n"
        f"     OR NOT old:{label} OR any(l IN labels(old) WHERE l IN $other_labels)) AS changed\n"
        "MERGE (n:Actor {id: row.id})\n"
        "SET n = row.props\n"
        f"REMOVE n:{':'.join(others)}\n"
        f"SET n:{label}\n"
        f"{_COUNTS}"
    )


def merge_relations(name: str) -> str:
    """Upsert ``$rows`` ({id, source, target, props}) as relationships of one relation type. Returns counts."""
    rtype = relation_rel_type(name)
    return (
        "UNWIND $rows AS row\n"
        "MATCH (a:Actor {id: row.source})\n"
        "MATCH (b:Actor {id: row.target})\n"
        f"OPTIONAL MATCH (a)-[old:{rtype} {{id: row.id}}]->(b)\n"
        "WITH a, b, row, old IS NULL AS created, old IS NOT NULL AND properties(old) <> row.props AS changed\n"
        f"MERGE (a)-[r:{rtype} {{id: row.id}}]->(b)\n"
        "SET r = row.props\n"
        f"{_COUNTS}"
    )


def sync_links(from_label: str, rel_type: str, to_label: str) -> str:
    """Make each node's ``rel_type`` links exactly ``row.links`` ([{key, props}]): drop the others, merge these."""
    src, rt, dst = _node_label(from_label), _link_type(rel_type), _node_label(to_label)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (n:{src} {{id: row.id}})\n"
        f"OPTIONAL MATCH (n)-[old:{rt}]->(t:{dst})\n"
        "WHERE NOT t.id IN [l IN row.links | l.key]\n"
        "DELETE old\n"
        "WITH DISTINCT n, row\n"
        "UNWIND row.links AS link\n"
        f"MATCH (t:{dst} {{id: link.key}})\n"
        f"MERGE (n)-[r:{rt}]->(t)\n"
        "SET r = link.props\n"
        "RETURN count(*) AS links"
    )


def existing_ids(label: str) -> str:
    """The ids (and labels) of every node of ``label``."""
    return f"MATCH (n:{_node_label(label)}) RETURN n.id AS id, labels(n) AS labels"


_CREATED = "RETURN count(*) AS rows, count(*) AS created, 0 AS updated"

#: what a property name spliced into a query may look like (names come from the record models, never data)
_PROPERTY_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")


def _property_map(names: list[str], first: int) -> str:
    """``{name: row[first], ...}``: the row's columns from ``first`` on as a property map, names checked."""
    for name in names:
        if not _PROPERTY_NAME.fullmatch(name):
            raise ValueError(f"not a govgraph property name: {name!r}")
    return "{" + ", ".join(f"{name}: row[{first + i}]" for i, name in enumerate(names)) + "}"


def create_relations(name: str, columns: list[str]) -> str:
    """Create ``$rows`` ([source, target, *values of ``columns``]) as relationships of a type the database holds
    none of yet (a first load): no lookup of an old relationship per row, rows as lists and the properties as a
    map literal (a null value sets nothing), which the server writes fastest. A retried transaction was rolled
    back first, so it creates each one once."""
    rtype = relation_rel_type(name)
    return (
        "UNWIND $rows AS row\n"
        "MATCH (a:Actor {id: row[0]})\n"
        "MATCH (b:Actor {id: row[1]})\n"
        f"CREATE (a)-[r:{rtype} {_property_map(columns, 2)}]->(b)\n"
        f"{_CREATED}"
    )


def create_nodes(label: str) -> str:
    """Create ``$rows`` ({id, props}) as nodes of ``label``, of which the database holds none yet."""
    return f"UNWIND $rows AS row\nCREATE (n:{_node_label(label)})\nSET n = row.props\n{_CREATED}"


def create_actors(kind: str) -> str:
    """Create ``$rows`` ({id, props}) as ``:Actor`` nodes of one kind, where the database holds no actor yet."""
    return f"UNWIND $rows AS row\nCREATE (n:Actor:{actor_label(kind)})\nSET n = row.props\n{_CREATED}"


def create_links(from_label: str, rel_type: str, to_label: str) -> str:
    """Create ``$rows`` ([node id, target id, props]) as ``rel_type`` links, of which the database holds none
    yet (so there are no old links to drop)."""
    src, rt, dst = _node_label(from_label), _link_type(rel_type), _node_label(to_label)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (n:{src} {{id: row[0]}})\n"
        f"MATCH (t:{dst} {{id: row[1]}})\n"
        f"CREATE (n)-[r:{rt}]->(t)\n"
        "SET r = row[2]\n"
        "RETURN count(*) AS links"
    )


def count_type(rel_type: str) -> str:
    """How many relationships of one vocabulary or link type there are (from Neo4j's count store: no scan)."""
    return f"MATCH ()-[r:{_checked_type(rel_type)}]->() RETURN count(r) AS n"


def _checked_type(rel_type: str) -> str:
    if rel_type not in {relation_rel_type(n) for n in vocabulary().relation_types} | set(LINK_TYPES):
        raise ValueError(f"not a govgraph relationship type: {rel_type!r}")
    return rel_type


def delete_moved_relations(rel_type: str) -> str:
    """Delete relationships of ``rel_type`` whose id is a row's (``$rows``: {id, type, source, target}) but whose
    type or ends are not that row's: an explicit id the data moved. Found through the type's index on ``id``."""
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a)-[r:{_checked_type(rel_type)} {{id: row.id}}]->(b)\n"
        "WHERE NOT (row.type = type(r) AND a.id = row.source AND b.id = row.target)\n"
        "DELETE r\n"
        "RETURN count(*) AS removed"
    )


def delete_unlisted_relations() -> str:
    """Delete the vocabulary-typed relationships (``$types``) out of each actor of ``$rows`` ({id, keep}) that
    its ``keep`` list ("TYPE|target|id") does not name: what ``--replace`` removes, found from the data's actors."""
    return (
        "UNWIND $rows AS row\n"
        "MATCH (a:Actor {id: row.id})-[r]->(b:Actor)\n"
        "WHERE type(r) IN $types AND NOT (type(r) + '|' + b.id + '|' + coalesce(r.id, '')) IN row.keep\n"
        "WITH type(r) AS type, r\n"
        "DELETE r\n"
        "RETURN type, count(*) AS removed"
    )


def delete_nodes(label: str) -> str:
    """Delete the nodes of ``label`` whose ids are ``$ids``, with their relationships."""
    return f"UNWIND $ids AS id\nMATCH (n:{_node_label(label)} {{id: id}})\nDETACH DELETE n\nRETURN count(*) AS removed"


def read_nodes(label: str) -> str:
    """Every node of ``label`` with its labels and properties, by id."""
    return (
        f"MATCH (n:{_node_label(label)})\n"
        "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, elementId(n) AS eid ORDER BY id, eid"
    )


def read_relations() -> str:
    """Every relationship of a vocabulary type (``$types``) between actors, with its properties."""
    return (
        "MATCH (a:Actor)-[r]->(b:Actor) WHERE type(r) IN $types\n"
        "RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props, elementId(r) AS eid\n"
        "ORDER BY r.id, source, type, target, eid"
    )


def count_nodes(label: str) -> str:
    """How many nodes carry ``label``."""
    return f"MATCH (n:{_node_label(label)}) RETURN count(n) AS n"


def count_relationships() -> str:
    """How many relationships there are of each type."""
    return "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n ORDER BY type"
