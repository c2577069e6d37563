#!/usr/bin/env bash
# Idempotent preparation for the tests that compile what govgraph writes for papers (called by .ci/run):
#   TeX Live from Debian (pdflatex, bibtex, siunitx, xltabular): the LaTeX and BibTeX tests must run when CI=true;
#   R igraph from Debian: the R test reads the exports with R's defaults (it skips where R cannot be had).
# Each step is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
CI_STEP=tools-prepare
# shellcheck source=.ci/lib.sh
. .ci/lib.sh

if ! command -v pdflatex >/dev/null 2>&1 || ! kpsewhich siunitx.sty >/dev/null 2>&1 || ! kpsewhich xltabular.sty >/dev/null 2>&1; then
  apt_install texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-science
fi
log "pdflatex: $(pdflatex --version 2>/dev/null | head -n 1 || echo missing)"
if ! Rscript -e 'library(igraph)' >/dev/null 2>&1; then
  apt_install r-base-core r-cran-igraph || log "R igraph could not be installed: the R test will skip"
fi
