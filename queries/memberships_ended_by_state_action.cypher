// Question: Which memberships ended because of a state's action, and which state acted?
// E.g. the industry alliances that ended Huawei's membership after the US government's ban (paper §4).
MATCH tie = (m:Actor)-[r:MEMBER_OF]->(o:Actor)
WHERE r.end_reason = 'state_action'
OPTIONAL MATCH action = (s:State)-[a:SANCTIONS]->(m)
WITH tie, m, r, o, s, a, action ORDER BY s.id, a.start
RETURN m.id AS member, o.id AS organisation, o.name AS organisation_name, r.start AS joined, r.end AS ended,
       collect(DISTINCT s.id) AS acting_states, collect(DISTINCT a.start) AS action_dates, tie,
       collect(action) AS actions
ORDER BY member, organisation
