"""Importers: data researchers already hold (Correlates of War IGO data, plain CSV tables) -> govgraph YAML."""

from __future__ import annotations

from govgraph.importers.cow_igo import CowImport, import_cow_igo
from govgraph.importers.csv_tables import CsvImport, import_csv_tables

__all__ = ["CowImport", "CsvImport", "import_cow_igo", "import_csv_tables"]
