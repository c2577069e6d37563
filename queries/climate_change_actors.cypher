// Question: Who governs climate change: which actors serve the issue area, and how are they tied to each other?
// Traverses the :IssueArea node; `ties` counts relations to other actors of the same issue area.
MATCH (a:Actor)-[:IN_ISSUE_AREA]->(:IssueArea {id: 'climate_change'})
OPTIONAL MATCH (a)-[r]-(b:Actor)-[:IN_ISSUE_AREA]->(:IssueArea {id: 'climate_change'})
WITH a, r, b ORDER BY b.id
RETURN a.id AS actor, a.name AS name, a.kind AS kind, coalesce(a.org_type, a.agreement_type, '') AS type,
       count(DISTINCT r) AS ties, collect(DISTINCT b.id) AS tied_to, a AS node,
       collect(DISTINCT r) AS drawn
ORDER BY ties DESC, actor
