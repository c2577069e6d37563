// Question: Which programmes were merged into or replaced by Future Earth, and when?
// The lineage of the Global Environmental Change programmes (paper ref. [21]).
MATCH tie = (p:Actor)-[s:SUCCEEDED_BY]->(f:Actor {id: 'future_earth'})
RETURN p.id AS predecessor, p.name AS name, p.kind AS kind, p.founded AS founded, p.dissolved AS ended,
       s.status AS how, s.start AS when, tie
ORDER BY predecessor
