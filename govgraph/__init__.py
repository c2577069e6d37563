"""govgraph: a relational knowledge graph of the actors of global science-and-technology governance."""

__version__ = "0.1.0"
