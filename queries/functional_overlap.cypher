// Question: Which organisations overlap most in what they do?
// Pairs of organisations sharing three or more functions (agenda setting, standard setting ...), and whether
// they are also tied by a relation: overlapping but unlinked pairs are where competition may lie.
MATCH (a:Organisation)-[:HAS_FUNCTION]->(f:Function)<-[:HAS_FUNCTION]-(b:Organisation)
WHERE a.id < b.id
WITH a, b, f ORDER BY f.id
WITH a, b, collect(f.id) AS shared
WHERE size(shared) >= 3
OPTIONAL MATCH (a)-[r]-(b)
WITH a, b, shared, type(r) AS tie ORDER BY tie
WITH a, b, shared, collect(DISTINCT tie) AS ties
RETURN a.id AS organisation, b.id AS other, size(shared) AS shared_functions, shared, ties, size(ties) > 0 AS linked,
       a AS node, b AS other_node
ORDER BY shared_functions DESC, organisation, other
