"""Views generated from the one vocabulary: the JSON Schema, Neo4j constraints, and the vocabulary docs.

``govgraph schema`` writes them to ``schema/``; a test fails when the committed files are stale. Each view is of
the *active* vocabulary: ``govgraph schema --data DIR -o OUT`` makes the data's terms active, so its views list
them (marked "added by the data" in the docs).
"""

from __future__ import annotations

import json
from pathlib import Path

from govgraph.model import SeedFile
from govgraph.vocab import EXTENSIBLE, VOCAB_LISTS, Vocabulary, label_for_kind, using, vocabulary

__all__ = ["generate", "json_schema_text", "neo4j_schema_statements", "neo4j_schema_text", "vocabulary_markdown"]

SCHEMA_FILE = "govgraph.schema.json"
NEO4J_FILE = "neo4j-constraints.cypher"
VOCAB_FILE = "vocabulary.md"
TABLES_FILE = "tables.md"

#: Labels of the non-actor nodes the loader writes (sources, vocabulary terms, figures).
AUX_LABELS = ("Source", "IssueArea", "Function", "Figure")


def json_schema_text() -> str:
    """The JSON Schema of a govgraph data file."""
    schema = SeedFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "govgraph.schema.json"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def neo4j_schema_statements() -> list[str]:
    """Uniqueness constraints on ``id`` for every label, and indexes on names and relationship ids."""
    labels = ["Actor", *(label_for_kind(k) for k in vocabulary().kinds), *AUX_LABELS]
    out = [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE" for label in labels
    ]
    out.append("CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name)")
    for rel in sorted(vocabulary().relation_types.values(), key=lambda r: r.name):
        out.append(f"CREATE INDEX rel_{rel.name}_id IF NOT EXISTS FOR ()-[r:{rel.neo4j_type}]-() ON (r.id)")
    return out


def neo4j_schema_text() -> str:
    """The Neo4j schema as a Cypher script."""
    head = "// govgraph's Neo4j constraints and indexes, generated from govgraph/vocabulary.yaml.\n"
    return head + "".join(s + ";\n" for s in neo4j_schema_statements())


def vocabulary_markdown() -> str:
    """The vocabulary as Markdown, one section per list, with definitions."""
    v = vocabulary()
    origin = (
        "`govgraph/vocabulary.yaml` and the data's `vocabulary:` sections" if v.user else "`govgraph/vocabulary.yaml`"
    )
    lines = ["# govgraph vocabulary", "", f"Generated from {origin}; do not edit by hand.", ""]
    lines += [
        "A data folder may add terms, each with its definition, to "
        + ", ".join(f"`{n}`" for n in EXTENSIBLE)
        + " in a `vocabulary:` section of one of its YAML files; it cannot redefine a term listed here. "
        "`govgraph schema --data DIR --out-dir OUT` writes these views with the folder's terms.",
        "",
    ]

    def mark(name: str, term: str) -> str:
        return " *(added by the data)*" if v.is_user_term(name, term) else ""

    for name in (n for n in VOCAB_LISTS if n != "relation_types"):  # relation types get their own table below
        lines += [f"## {name.replace('_', ' ').capitalize()}", "", "| term | definition |", "|---|---|"]
        lines += [f"| `{k}` | {_cell(d)}{mark(name, k)} |" for k, d in v.terms(name).items()]
        lines.append("")
    lines += [
        "## Relation types",
        "",
        "| type | Neo4j type | category | from | to | statuses | definition |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in sorted(v.relation_types.values(), key=lambda r: r.name):
        statuses = ", ".join(r.statuses) or "-"
        lines.append(
            f"| `{r.name}` | `{r.neo4j_type}` | {r.category} | {', '.join(r.sources)} | "
            f"{', '.join(r.targets)} | {statuses} | {_cell(r.definition)}{mark('relation_types', r.name)} |"
        )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text as one Markdown table cell (a user's definition may hold ``|`` or a line break)."""
    return " ".join(text.split()).replace("|", "\\|")


def generate(vocab: Vocabulary | None = None) -> dict[str, str]:
    """File name -> content of every generated view, of ``vocab`` (default: the active vocabulary)."""
    from govgraph.tableio import tables_markdown

    with using(vocab or vocabulary()):
        return {
            SCHEMA_FILE: json_schema_text(),
            NEO4J_FILE: neo4j_schema_text(),
            VOCAB_FILE: vocabulary_markdown(),
            TABLES_FILE: tables_markdown(),
        }


def write(directory: Path, vocab: Vocabulary | None = None) -> list[Path]:
    """Write every generated view (of ``vocab``, default the active one) into ``directory``; return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(vocab).items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
