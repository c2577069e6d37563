// Question: Which organisations are specialised agencies of the United Nations, and since when?
// Affiliation, not hierarchy: the agencies keep their own members and budgets.
MATCH tie = (a:Organisation)-[r:SPECIALISED_AGENCY_OF]->(u:Actor)
RETURN a.id AS agency, a.name AS name, u.id AS of, r.start AS since, a.hq_city AS seat, tie
ORDER BY since, agency
