// Question: Which organisations are headquartered in the United States and which in China?
// The paper's North-South and great-power reading of where S&T governance sits.
// Other countries: --param countries='["CH","FR"]' (ISO 3166 codes); in Browser: :param countries => ['US', 'CN']
// @param countries = ["US", "CN"]
MATCH (o:Organisation)
WHERE o.hq_country IN $countries
RETURN o.hq_country AS country, o.id AS id, o.name AS name, o.org_type AS type, o.hq_city AS city,
       o.founded AS founded, o AS node
ORDER BY country DESC, id
