// Question: What is the road from the League of Nations to UNESCO?
// The shortest chain of relations (in either direction) from the League to UNESCO: the League set up the
// International Committee on Intellectual Cooperation (ICIC), which UNESCO succeeded after the Second World War.
MATCH p = shortestPath((a:Actor {id: 'league_of_nations'})-[*..6]-(b:Actor {id: 'unesco'}))
WHERE all(n IN nodes(p) WHERE n:Actor)
RETURN [n IN nodes(p) | n.id] AS actors,
       [n IN nodes(p) | coalesce(n.founded, '?')] AS founded,
       [r IN relationships(p) | type(r)] AS relations,
       [r IN relationships(p) | r.start] AS when,
       length(p) AS steps, p AS path
