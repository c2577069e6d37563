// Question: Which programmes does UNESCO run, and in which issue areas?
// UNESCO with its programmes (IHP, MAB, IGGP, IBSP) is one elemental unit, not a regime complex on its own.
MATCH tie = (u:Actor {id: 'unesco'})-[r:RUNS]->(p:Programme)
OPTIONAL MATCH (p)-[:IN_ISSUE_AREA]->(ia:IssueArea)
WITH tie, r, p, ia ORDER BY ia.id
RETURN p.id AS programme, p.name AS name, r.start AS since, collect(ia.id) AS issue_areas, tie
ORDER BY programme
