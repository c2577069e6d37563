"""BibTeX of every source behind the exported facts: one entry per cited source, keyed by the source id,
written with bibtexparser (v2) and read back by it in the tests.

Entry types follow the source: the paper, its references and articles are ``@article`` with ``journal``,
``volume``, ``number`` and ``pages`` when their container reads like ``Research Policy 28(2/3) 251-274``;
``@incollection`` or ``@book`` (``publisher``, ``address``, ``pages``) when it reads like ``Cambridge: Polity
Press, pp. 1-36``; web pages (and references printed as ``[EB/OL]``) are ``@misc`` with ``url``, ``urldate`` and
``howpublished``; datasets ``@manual``; documents ``@misc``. Names are written "Last, First" (``Keohane R. O.``
becomes ``Keohane, R. O.``; a Chinese name romanised before its characters, ``Yang Liwei (杨理伟)``, keeps the
family name first; a Western name after a Chinese transliteration, ``扬 (Oran R. Young)``, is used as the name);
organisations are braced so BibTeX keeps them whole; ``et al.`` becomes ``and others``. Text is escaped by
:func:`govgraph.latex_text.escape` (non-ASCII letters as accent commands, other scripts inside
``\\govgraphforeign``, defined in the file's ``@preamble``: printed by XeLaTeX and LuaLaTeX, a placeholder under
pdflatex). The sources' own notes (what govgraph's curators wrote) are not written.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from govgraph.export.base import register
from govgraph.export.sources import cited_bibliography
from govgraph.fileio import atomic_write_text
from govgraph.latex_text import FOREIGN_DEFINITION, escape

__all__ = ["BibtexExporter", "bib_name", "bibtex_entry", "bibtex_text", "parse_container"]

_JOURNAL = re.compile(
    r"^(?P<journal>.*?\S)\s+(?P<volume>\d{1,4})(?:\s*\((?P<number>[^)]+)\))?,?\s+(?P<pages>\d+(?:\s*-+\s*\d+)?)$"
)
_BOOK = re.compile(
    r"^(?:(?P<editors>[^()]+?)\s*\(eds?\.?\),\s*(?P<booktitle>.+?)\.\s+|(?P<booktitle2>.+?)\.\s+)?"
    r"(?P<address>[^:.,]+?)\s*:\s*(?P<publisher>[^,]+?)(?:,\s*pp?\.\s*(?P<pages>\d+(?:\s*-+\s*\d+)?))?$"
)
_ONLINE = re.compile(r"^\[(?P<code>[A-Z]+)/OL\]")
_READ = re.compile(r"read (\d{4}-\d{2}-\d{2})")
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]$")
_ET_AL = {"et al.", "et al", "等", "等.", "others"}


def _pages(text: str) -> str:
    return re.sub(r"\s*-+\s*", "--", text.strip())


def parse_container(container: str) -> dict[str, str]:
    """The parts of a container as BibTeX fields (raw text): journal/volume/number/pages, or
    booktitle/editor/address/publisher/pages, or ``online`` for ``[EB/OL]``-style web references."""
    text = container.strip()
    if m := _ONLINE.match(text):
        out = {"online": m.group("code")}
        if r := _READ.search(text):
            out["urldate"] = r.group(1)
        return out
    if m := _JOURNAL.match(text):
        parts = {"journal": m.group("journal"), "volume": m.group("volume"), "pages": _pages(m.group("pages"))}
        if m.group("number"):
            parts["number"] = m.group("number")
        return parts
    if m := _BOOK.match(text):
        parts = {"address": m.group("address"), "publisher": m.group("publisher")}
        booktitle = m.group("booktitle") or m.group("booktitle2")
        if booktitle:
            parts["booktitle"] = booktitle
        if m.group("editors"):
            parts["editor"] = " and ".join(bib_name(e) for e in _split_names(m.group("editors")))
        if m.group("pages"):
            parts["pages"] = _pages(m.group("pages"))
        return parts
    return {"container": text}


def _split_names(text: str) -> list[str]:
    """``Quayle P., Gao X.`` -> two names (commas separate names written Last-initials)."""
    return [p.strip() for p in text.split(",") if p.strip()]


def _latin(text: str) -> bool:
    return any(ch.isascii() and ch.isalpha() for ch in text) and not any(_cjk(ch) for ch in text)


def _cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0002fa1f"


def _name_word(word: str) -> bool:
    """A capitalised word or an initial ("Oran", "R.")."""
    return bool(_INITIAL.match(word)) or (word[:1].isupper() and word[1:].islower())


def bib_name(author: str) -> str:
    """One author as BibTeX text: "Last, First", a braced organisation, or ``others``."""
    text = " ".join(author.split())
    if text.lower() in _ET_AL:
        return "others"
    family_first = False
    if m := re.fullmatch(r"(?P<outer>.+?)\s*\((?P<inner>[^()]+)\)", text):
        outer, inner = m.group("outer"), m.group("inner")
        if _latin(outer) and not _latin(inner):
            text, family_first = outer, True  # "Yang Liwei (杨理伟)": a romanised Chinese name
        elif _latin(inner) and not _latin(outer):
            text = inner  # "扬 (Oran R. Young)": the original name after its transliteration
    if "," in text:
        last, first = (p.strip() for p in text.split(",", 1))
        return f"{escape(last)}, {escape(first)}" if first else "{" + escape(last) + "}"
    words = text.split()
    initials = [i for i, w in enumerate(words) if _INITIAL.match(w)]
    if initials and initials[0] > 0 and all(_INITIAL.match(w) for w in words[initials[0] :]):
        cut = initials[0]  # "Keohane R. O."
        return f"{escape(' '.join(words[:cut]))}, {escape(' '.join(words[cut:]))}"
    if family_first and len(words) >= 2:
        return f"{escape(words[0])}, {escape(' '.join(words[1:]))}"
    if m is not None and _latin(text) and 2 <= len(words) <= 4 and all(map(_name_word, words)):
        return f"{escape(words[-1])}, {escape(' '.join(words[:-1]))}"  # an original name: "Oran R. Young"
    return "{" + escape(text) + "}"  # an organisation, or a name BibTeX must not split


def _url(url: str) -> str:
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _fields(source: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    """(entry type, fields) of one source."""
    kind = source.get("type")
    container = source.get("container")
    parts = parse_container(container) if container else {}
    if kind == "web" or "online" in parts:
        entry = "misc"
    elif kind == "dataset":
        entry = "manual"
    elif "journal" in parts:
        entry = "article"
    elif "booktitle" in parts:
        entry = "incollection"
    elif "publisher" in parts:
        entry = "book"
    elif kind == "book":
        entry, parts = "book", ({"publisher": container} if container else {})
    elif kind in ("article", "paper", "reference") and container:
        entry, parts = "article", {"journal": container}
    else:
        entry = "misc"
    fields: list[tuple[str, str]] = []
    if source.get("authors"):
        names = [bib_name(a) for a in source["authors"]]
        field = "organization" if entry == "manual" and len(names) == 1 and names[0].startswith("{") else "author"
        fields.append((field, " and ".join(names) if field == "author" else names[0][1:-1]))
    else:  # author-year styles label and sort by ``key`` when there is no author: the title, cut at a word
        fields.append(("key", escape(textwrap.shorten(source["title"], 48, placeholder="..."))))
    fields.append(("title", "{" + escape(source["title"]) + "}"))
    for name in ("booktitle", "journal", "editor", "volume", "number", "pages", "publisher", "address"):
        if name in parts and entry != "manual":
            value = parts[name] if name in ("editor", "pages") else escape(parts[name])
            fields.append((name, value))
    if entry == "manual" and container:
        fields.append(("note", escape(container)))  # a dataset's home: a journal article, an organisation
    elif "container" in parts and entry == "misc":
        fields.append(("howpublished", escape(parts["container"])))
    if source.get("year") is not None:
        fields.append(("year", str(source["year"])))
    if source.get("url"):
        fields.append(("url", _url(source["url"])))
    urldate = str(source["accessed"]) if source.get("accessed") else parts.get("urldate")
    if urldate:
        fields.append(("urldate", urldate))
        if entry == "misc":
            fields.append(("note", f"Accessed {urldate}"))
    return entry, fields


def bibtex_entry(key: str, source: dict[str, Any]):
    """One bibtexparser entry for a bibliography record."""
    from bibtexparser.model import Entry, Field

    entry, fields = _fields(source)
    return Entry(entry, key, [Field(name, value) for name, value in fields])


def bibtex_text(g: nx.MultiDiGraph) -> str:
    """The BibTeX file of every source cited by ``g``'s nodes and edges, sorted by key."""
    import bibtexparser
    from bibtexparser.model import ExplicitComment, Preamble

    bib = cited_bibliography(g)
    lib = bibtexparser.Library()
    lib.add(
        ExplicitComment(
            f"govgraph: the {len(bib)} sources behind the exported facts; keys are govgraph source ids. "
            "Text in other scripts is inside \\govgraphforeign (printed by XeLaTeX and LuaLaTeX)."
        )
    )
    lib.add(Preamble('"' + FOREIGN_DEFINITION + '"'))
    for key, source in sorted(bib.items()):
        lib.add(bibtex_entry(key, source))
    return bibtexparser.write_string(lib)


@dataclass(frozen=True)
class BibtexExporter:
    name: str = "bibtex"
    suffix: str = ".bib"
    description: str = "BibTeX of every source behind the exported nodes and relations"

    def write(self, g: nx.MultiDiGraph, path: Path) -> list[Path]:
        text = bibtex_text(g)
        with atomic_write_text(path) as fh:
            fh.write(text)
        return [path]


register(BibtexExporter())
