"""Neo4j: the local server, the loader, reading back and queries."""
