// Question: How many institutions were founded in each of the paper's three stages of governance?
// Stages as in govgraph/vocabulary.yaml: single internal governance (from 1652), multilateral (from 1919),
// composite governance (from 1980). Organisations, programmes and agreements with a known founding year.
MATCH (a:Actor)
WHERE a.founded_year IS NOT NULL AND (a:Organisation OR a:Programme OR a:Agreement)
WITH a, CASE WHEN a.founded_year >= 1980 THEN '3 composite'
             WHEN a.founded_year >= 1919 THEN '2 multilateral'
             ELSE '1 single_internal' END AS stage
ORDER BY a.founded_year, a.id
RETURN stage, count(a) AS founded, min(a.founded_year) AS first, max(a.founded_year) AS last,
       collect(a.id)[..8] AS examples
ORDER BY stage
