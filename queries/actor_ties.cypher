// Question: What ties does one actor have (its ego network), in which direction, and since when?
// Choose the actor with --param actor=unesco; in Browser: :param actor => 'icsu'
// @param actor = "icsu"
MATCH tie = (a:Actor {id: $actor})-[r]-(b:Actor)
RETURN CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction, type(r) AS relation, b.id AS other,
       b.name AS other_name, r.status AS status, r.start AS start, r.end AS end, tie
ORDER BY direction, relation, other, start
