// Question: Which institutions share members (or parties) with which, and how many?
// Pairs of institutions with at least one common member, by number of shared members: the raw material of
// the membership-overlap analysis (`govgraph overlap`).
MATCH (a:Actor)<-[:MEMBER_OF|PARTY_TO]-(m:Actor)-[:MEMBER_OF|PARTY_TO]->(b:Actor)
WHERE a.id < b.id
WITH a, b, m ORDER BY m.id
WITH a, b, collect(DISTINCT m.id) AS members
RETURN a.id AS institution, b.id AS other, size(members) AS shared, members, a AS node, b AS other_node
ORDER BY shared DESC, institution, other
