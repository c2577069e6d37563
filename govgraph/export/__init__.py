"""Exporters: one interface (:class:`Exporter`), one module per format, looked up by format name."""

from __future__ import annotations

from govgraph.export.base import Exporter, exporter, formats, register

__all__ = ["Exporter", "exporter", "formats", "register"]
