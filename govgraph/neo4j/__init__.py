"""Neo4j: the local server, loader, reader, queries and results written back.

The driver's own log lines ("Transaction failed and will be retried", "defunct connection") go nowhere unless
the program using govgraph configures logging: without a handler Python would print them on stderr, and
govgraph reports what happened itself, once (see :func:`govgraph.neo4j.connection.driver_log`).
"""

import logging

logging.getLogger("neo4j").addHandler(logging.NullHandler())
