"""The seeds' BibTeX through pdflatex + bibtex (plainnat, natbib): no error, every entry typeset, and text in
other scripts never stops pdflatex. Skipped without TeX, except in CI (CI=true), where TeX must be installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from govgraph.dataset import load_dataset
from govgraph.export import exporter
from govgraph.export.sources import cited_keys
from govgraph.graph import build_graph
from tests.conftest import run_govgraph


def need(*programs: str) -> None:
    """Skip unless every program is installed; in CI a missing one is a failure."""
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{', '.join(missing)} not installed (CI must install TeX Live: see .ci)")
        pytest.skip(f"{', '.join(missing)} not installed")


DOC = r"""\documentclass{article}
\usepackage{url}
\usepackage{natbib}
\begin{document}
\nocite{*}
\bibliographystyle{plainnat}
\bibliography{refs}
\end{document}
"""


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def test_seed_bibliography_compiles(tmp_path):
    need("pdflatex", "bibtex")
    proc = run_govgraph("export", "-f", "bibtex", "-o", str(tmp_path / "refs.bib"))
    assert proc.returncode == 0, proc.stderr
    (tmp_path / "doc.tex").write_text(DOC, encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    assert run(latex, tmp_path).returncode == 0
    bib = run(["bibtex", "doc"], tmp_path)
    assert bib.returncode == 0, bib.stdout  # 1 = warnings only would also do, 2 = errors
    blg = (tmp_path / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert "error message" not in blg and "isn't valid ASCII" not in blg
    for _ in range(2):
        done = run(latex, tmp_path)
        assert done.returncode == 0, done.stdout[-3000:]
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    g = build_graph(load_dataset())
    assert bbl.count(r"\bibitem") == len(cited_keys(g) & set(g.graph["bibliography"]))
    assert r"\govgraphforeign" in bbl  # the Chinese references are there, wrapped for pdflatex
    log = (tmp_path / "doc.log").read_text(encoding="utf-8", errors="replace")
    assert "Citation" not in log or "undefined" not in log


def test_hostile_bibliography_compiles(small_graph, tmp_path):
    need("pdflatex", "bibtex")
    exporter("bibtex").write(small_graph, tmp_path / "refs.bib")
    (tmp_path / "doc.tex").write_text(DOC, encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    assert run(latex, tmp_path).returncode == 0
    assert run(["bibtex", "doc"], tmp_path).returncode in (0, 1)
    for _ in range(2):
        done = run(latex, tmp_path)
        assert done.returncode == 0, done.stdout[-3000:]
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert r"Global S\&T governance: 100\% \{composite\} actors\_and \#regimes" in bbl
