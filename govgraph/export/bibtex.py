"""BibTeX of every source behind the exported facts: one entry per cited source, keyed by the source id.

Articles (and the paper, when it names its journal) are ``@article``, books ``@book``, everything else
``@misc``. Text fields are LaTeX-escaped and braced; URLs are written as they are, with braces
percent-encoded, for ``\\url``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph.export.base import register
from govgraph.export.sources import cited_bibliography
from govgraph.fileio import atomic_write_text
from govgraph.render.latex import escape

__all__ = ["BibtexExporter", "bibtex_entry", "bibtex_text"]


def _entry_type(source: dict[str, Any]) -> str:
    kind = source.get("type")
    if kind in ("article", "paper") and source.get("container"):
        return "article"
    if kind == "book":
        return "book"
    return "misc"


def _url(url: str) -> str:
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _author(text: str) -> str:
    """An author; a corporate name (no comma, four words or more) is braced so BibTeX keeps it whole."""
    text = escape(text)
    return "{" + text + "}" if "," not in text and len(text.split()) >= 4 else text


def bibtex_entry(key: str, source: dict[str, Any]) -> str:
    """One BibTeX entry for a bibliography record."""
    entry = _entry_type(source)
    fields: list[tuple[str, str]] = [("title", "{" + escape(source["title"]) + "}")]
    if source.get("authors"):
        fields.append(("author", " and ".join(_author(a) for a in source["authors"])))
    if source.get("year") is not None:
        fields.append(("year", str(source["year"])))
    container = source.get("container")
    if container:
        field = {"article": "journal", "book": "publisher"}.get(entry, "howpublished")
        fields.append((field, escape(container)))
    if source.get("url"):
        fields.append(("url", _url(source["url"])))
    if source.get("accessed"):
        fields.append(("urldate", str(source["accessed"])))
    notes = []
    if source.get("ref") is not None:
        notes.append(f"Reference [{source['ref']}] of the paper")
    if source.get("note"):
        notes.append(source["note"])
    if notes:
        fields.append(("note", escape(". ".join(notes))))
    fields.append(("keywords", escape(f"govgraph:{source.get('type', 'source')}")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry}{{{key},\n{body}\n}}\n"


def bibtex_text(g: nx.MultiDiGraph) -> str:
    """The BibTeX file of every source cited by ``g``'s nodes and edges, sorted by key."""
    bib = cited_bibliography(g)
    head = f"% govgraph: the {len(bib)} sources behind the exported facts; keys are govgraph source ids.\n"
    return head + "".join("\n" + bibtex_entry(k, s) for k, s in sorted(bib.items()))


@dataclass(frozen=True)
class BibtexExporter:
    name: str = "bibtex"
    suffix: str = ".bib"
    description: str = "BibTeX of every source behind the exported nodes and relations"

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        with atomic_write_text(path) as fh:
            fh.write(bibtex_text(g))
        return [path]


register(BibtexExporter())
