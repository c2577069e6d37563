"""BibTeX parsed back with bibtexparser: one entry per cited source, fields escaped."""

from __future__ import annotations

import bibtexparser

from govgraph.export import exporter
from govgraph.export.bibtex import bibtex_text
from govgraph.select import select

from .conftest import CITED


def _parse(text):
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks, [b.error for b in lib.failed_blocks]
    return {e.key: e for e in lib.entries}


def test_every_cited_source_once(small_graph, tmp_path):
    path = exporter("bibtex").write(small_graph, tmp_path / "s.bib")[0]
    entries = _parse(path.read_text(encoding="utf-8"))
    assert sorted(entries) == CITED  # 'unused' is in the bibliography but cited by nothing
    paper = entries["paper"]
    assert paper.entry_type == "article"
    assert paper.fields_dict["title"].value == r"{Global S\&T governance: 100\% \{composite\} actors\_and \#regimes}"
    assert paper.fields_dict["author"].value == "Li, Wei and Zhang San"
    assert paper.fields_dict["journal"].value == "Journal of Science Policy"
    assert paper.fields_dict["year"].value == "2022"
    assert entries["ipcc-book"].entry_type == "book"
    assert entries["ipcc-book"].fields_dict["author"].value == "{Intergovernmental Panel on Climate Change}"
    web = entries["unesco-web"]
    assert web.entry_type == "misc"
    assert web.fields_dict["url"].value == "https://www.unesco.org/en/about-us?tab=history_1&x=100%25"
    assert web.fields_dict["urldate"].value == "2024-03-05"
    assert entries["ref20"].fields_dict["note"].value == "Reference [20] of the paper"


def test_selection_cites_only_its_sources(small_graph):
    # UNEP's ego network: unep and ipcc (paper; ipcc also ipcc-book), the tie unep->ipcc (ipcc-book)
    entries = _parse(bibtex_text(select(small_graph, ego="unep", radius=1)))
    assert sorted(entries) == ["ipcc-book", "paper"]
