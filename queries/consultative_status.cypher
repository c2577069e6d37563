// Question: How do non-state organisations get a voice at the UN: who holds consultative status, under which instruments?
// Consultative status with ECOSOC (categories general, special, roster; UN Charter art. 71) and the ECOSOC
// resolutions that set it up (1296 (XLIV), then 1996/31), each with the year it began.
CALL () {
  MATCH tie = (o:Actor)-[r:CONSULTATIVE_STATUS]->(u:Actor)
  RETURN 'consultative status' AS what, u.id AS body, o.id AS actor, r.status AS category, r.start AS since, tie
  UNION ALL
  MATCH tie = (u:Actor {id: 'ecosoc'})-[r:ESTABLISHES]->(i:Agreement)
  OPTIONAL MATCH (i)-[s:SUCCEEDED_BY]->(next:Agreement)
  RETURN 'instrument' AS what, u.id AS body, i.id AS actor,
         CASE WHEN next IS NULL THEN 'in force' ELSE 'replaced by ' + next.id END AS category, r.start AS since, tie
}
RETURN what, body, actor, category, since, tie
ORDER BY what, body, since, actor
