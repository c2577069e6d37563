// Question: Which institutions were succeeded by others (mergers, renamings, transformations, replacements)?
// Every succession tie, oldest first: the institutional memory of the field.
MATCH tie = (a:Actor)-[s:SUCCEEDED_BY]->(b:Actor)
RETURN a.id AS predecessor, b.id AS successor, s.status AS how, s.start AS when, a.founded AS predecessor_founded, tie
ORDER BY s.start, predecessor, successor
