// Question: Where have states acted on other actors: sanctions, bans and withheld funding?
// The paper's unequal power (§4): states over non-state actors, e.g. the US ban on Huawei and the dues the
// United States withheld from UNESCO.
MATCH tie = (s:State)-[r:SANCTIONS|WITHHOLDS_FUNDING]->(t:Actor)
RETURN s.id AS state, type(r) AS action, t.id AS target, t.kind AS target_kind, r.start AS start, r.end AS end,
       r.role AS detail, tie
ORDER BY start, state, target
