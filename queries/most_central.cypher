// Question: Which institutions are the most central in the institution link graph, by PageRank?
// Needs: `govgraph neo4j write-results` first (it writes the centrality_* properties); run it again after each load.
// Scores as `govgraph centrality` computes them on the links projection in the year `as_of` (normalised as
// networkx does; PageRank treats every tie both ways). Another number of rows: --param top=25;
// in Browser: :param top => 25
// @param top = 10
MATCH (a:Actor)
WHERE a.centrality_links_pagerank IS NOT NULL
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.centrality_links_pagerank AS pagerank,
       a.centrality_links_degree AS degree, a.centrality_links_betweenness AS betweenness,
       a.centrality_links_eigenvector AS eigenvector, a.centrality_as_of AS as_of, a AS node
ORDER BY pagerank DESC, id
LIMIT $top
