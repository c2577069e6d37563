// Question: On which sources do the facts about one actor rest, and where in them?
// Follows SOURCED_FROM to the bibliography (:Source); `at` is the section, page or reference number.
// Choose the actor with --param actor=unesco; in Browser: :param actor => 'wfeo'
// @param actor = "wfeo"
MATCH cited = (a:Actor {id: $actor})-[c:SOURCED_FROM]->(s:Source)
RETURN s.id AS source, s.type AS type, s.title AS title, s.year AS year, c.at AS at, s.url AS url, cited
ORDER BY source
