"""The Cypher that writes analysis results back into Neo4j, as pure functions returning strings.

Results are centrality scores kept as ``centrality_*`` properties of ``:Actor`` nodes and regime complexes kept
as ``:RegimeComplex`` nodes, tied to their institutions by ``(:Actor)-[:IN_COMPLEX]->`` and to their issue
area by ``-[:IN_ISSUE_AREA]->(:IssueArea)``. Labels and relationship types are the fixed literals below; every
value, including the names of the score properties, travels as a parameter (``SET n += row.props``, where a
null value removes the property). Every write is a ``MERGE`` on an id or a ``SET``, so a transaction the
driver retries does the same thing twice.
"""

from __future__ import annotations

__all__ = [
    "COMPLEX_LABEL",
    "IN_COMPLEX",
    "complex_constraint",
    "delete_complex_links",
    "delete_stale_complexes",
    "found_actors",
    "link_complex_issue_areas",
    "link_complex_members",
    "merge_complexes",
    "read_complexes",
    "read_scored_actors",
    "set_actor_properties",
]

#: The label of a regime complex's node and the type of an institution's tie to it.
COMPLEX_LABEL = "RegimeComplex"
IN_COMPLEX = "IN_COMPLEX"


def complex_constraint() -> str:
    """Uniqueness of ``id`` on ``:RegimeComplex`` (a schema statement: its own transaction)."""
    return "CREATE CONSTRAINT regimecomplex_id IF NOT EXISTS FOR (n:RegimeComplex) REQUIRE n.id IS UNIQUE"


def found_actors() -> str:
    """Which of the actor ids ``$ids`` are ``:Actor`` nodes."""
    return "UNWIND $ids AS id\nMATCH (n:Actor {id: id})\nRETURN collect(n.id) AS found"


def read_scored_actors() -> str:
    """Every actor holding a property whose name starts with ``$prefix``, with all its properties."""
    return (
        "MATCH (n:Actor)\n"
        "WHERE any(k IN keys(n) WHERE k STARTS WITH $prefix)\n"
        "RETURN n.id AS id, properties(n) AS props ORDER BY id"
    )


def set_actor_properties() -> str:
    """Merge ``row.props`` into the properties of the actor ``row.id`` (a null value removes a property)."""
    return "UNWIND $rows AS row\nMATCH (n:Actor {id: row.id})\nSET n += row.props\nRETURN count(n) AS written"


def read_complexes() -> str:
    """Every ``:RegimeComplex`` with its properties, its institutions (id, tie properties) and issue areas."""
    return (
        "MATCH (c:RegimeComplex)\n"
        "RETURN c.id AS id, properties(c) AS props,\n"
        "       [(a:Actor)-[m:IN_COMPLEX]->(c) | {key: a.id, props: properties(m)}] AS members,\n"
        "       [(c)-[:IN_ISSUE_AREA]->(t:IssueArea) | t.id] AS issue_areas\n"
        "ORDER BY id"
    )


def merge_complexes() -> str:
    """Upsert ``$rows`` ({id, props}) as ``:RegimeComplex`` nodes; props replace the old ones."""
    return "UNWIND $rows AS row\nMERGE (c:RegimeComplex {id: row.id})\nSET c = row.props\nRETURN count(c) AS written"


def delete_complex_links() -> str:
    """Remove the ``IN_COMPLEX`` and ``IN_ISSUE_AREA`` ties of the complexes ``$ids`` (before writing them anew)."""
    return (
        "UNWIND $ids AS id\n"
        "MATCH (c:RegimeComplex {id: id})\n"
        "OPTIONAL MATCH (:Actor)-[m:IN_COMPLEX]->(c)\n"
        "OPTIONAL MATCH (c)-[t:IN_ISSUE_AREA]->(:IssueArea)\n"
        "WITH collect(DISTINCT m) + collect(DISTINCT t) AS ties\n"
        "FOREACH (r IN ties | DELETE r)\n"
        "RETURN size(ties) AS removed"
    )


def link_complex_members() -> str:
    """Tie each complex ``row.id`` to its institutions ``row.members`` ([{key, props}])."""
    return (
        "UNWIND $rows AS row\n"
        "MATCH (c:RegimeComplex {id: row.id})\n"
        "UNWIND row.members AS member\n"
        "MATCH (a:Actor {id: member.key})\n"
        "MERGE (a)-[m:IN_COMPLEX]->(c)\n"
        "SET m = member.props\n"
        "RETURN count(m) AS links"
    )


def link_complex_issue_areas() -> str:
    """Tie each complex ``row.id`` to the ``:IssueArea`` ``row.issue_area``."""
    return (
        "UNWIND $rows AS row\n"
        "MATCH (c:RegimeComplex {id: row.id})\n"
        "MATCH (t:IssueArea {id: row.issue_area})\n"
        "MERGE (c)-[:IN_ISSUE_AREA]->(t)\n"
        "RETURN count(t) AS links"
    )


def delete_stale_complexes() -> str:
    """Delete every ``:RegimeComplex`` whose id is not in ``$keep``, with its ties."""
    return "MATCH (c:RegimeComplex)\nWHERE NOT c.id IN $keep\nDETACH DELETE c\nRETURN count(*) AS removed"
