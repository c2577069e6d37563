// Question: Which programmes did ICSU initiate, sponsor or run, and what succeeded them?
// ICSU's Global Environmental Change programmes (WCRP, IGBP, DIVERSITAS, IHDP ...) and, where one ended,
// the institution that took over (most merged into Future Earth).
MATCH link = (icsu:Actor {id: 'icsu'})-[r:SPONSORS|RUNS]->(p:Programme)
OPTIONAL MATCH succession = (p)-[s:SUCCEEDED_BY]->(next:Actor)
RETURN p.id AS programme, p.name AS name, type(r) AS tie, r.status AS status, r.start AS since,
       p.dissolved AS ended, next.id AS succeeded_by, s.status AS how, s.start AS when, link, succession
ORDER BY programme, succeeded_by
