// Question: Which regime complexes does the graph hold, and which institutions, in which elemental units, make up each?
// Needs: `govgraph neo4j write-results` first (it writes the :RegimeComplex nodes); run it again after each load.
// A complex is 3+ linked, non-hierarchical elemental units in one issue area (`govgraph regimes`), in the year
// `as_of`; `units` are the elemental units (a parent with the programmes it runs is one unit), `bridging` the
// institutions that hold it together; `institutions` lists each as id@unit.
MATCH (c:RegimeComplex)-[:IN_ISSUE_AREA]->(ia:IssueArea)
MATCH (a:Actor)-[m:IN_COMPLEX]->(c)
WITH c, ia, a, m ORDER BY m.unit, a.id
RETURN c.number AS number, c.id AS complex, ia.id AS issue_area, c.as_of AS as_of, c.size AS size,
       c.n_units AS units, c.density AS density, c.hierarchy AS hierarchy, c.bridging AS bridging,
       collect(a.id + '@' + m.unit) AS institutions, c AS node, collect(m) AS drawn
ORDER BY number
