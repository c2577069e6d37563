"""Analysers: plain functions of a networkx graph, each returning a typed result (one module per analyser)."""
