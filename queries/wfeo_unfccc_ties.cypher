// Question: How is the World Federation of Engineering Organizations (WFEO) tied to the UN climate convention (UNFCCC)?
// Every path of at most two relations between WFEO (or its committees) and the UNFCCC or its secretariat,
// over actors only (sources and vocabulary terms are left out), shortest first.
// Change the ends with --param actor=... --param other=...; in Browser: :param actor => 'wfeo'
// @param actor = "wfeo"
// @param other = "unfccc"
MATCH (x:Actor {id: $actor}), (y:Actor {id: $other})
MATCH (a:Actor) WHERE a = x OR (a)-[:PART_OF]->(x)
MATCH (b:Actor) WHERE b = y OR (b)-[:ADMINISTERS]->(y)
MATCH p = (a)-[*1..2]-(b)
WHERE all(n IN nodes(p) WHERE n:Actor)
WITH p, length(p) AS hops
RETURN [n IN nodes(p) | n.id] AS actors,
       [r IN relationships(p) | type(r)] AS relations,
       [r IN relationships(p) | coalesce(r.role, r.status, '')] AS roles,
       [r IN relationships(p) | r.start] AS since,
       hops, p AS path
ORDER BY hops, actors, relations
