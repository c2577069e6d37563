// Question: Where are international S&T organisations headquartered?
// Organisations per headquarters country, the basis of the paper's point about the North-South imbalance.
MATCH (o:Organisation)
WHERE o.hq_country IS NOT NULL
WITH o ORDER BY o.id
RETURN o.hq_country AS country, count(o) AS organisations, collect(o.id) AS ids
ORDER BY organisations DESC, country
