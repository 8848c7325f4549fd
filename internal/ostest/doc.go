// Package ostest runs integration tests against a real OpenSearch node.
//
// URL finds the node (SIEM_OPENSEARCH_URL, default http://127.0.0.1:9200,
// started with `make opensearch-start`). Without a node the tests skip,
// saying how to start one, unless SIEM_REQUIRE_OPENSEARCH=1 (set by CI)
// turns that into a failure. UniqueIndex gives each test its own index
// names and deletes them afterwards, so that packages can share the node
// and run in parallel.
//
// FaultProxy sits between a client and the node on 127.0.0.1 and injects
// what a real cluster does under stress: 429 and 503 answers, connections
// dropped before or after the node saw the request, throttled single
// documents, delays, and outages during which connections are refused,
// which is what a stopped node looks like to a client.
//
// Tests that stop and start the real node run only with
// SIEM_OPENSEARCH_RESTART_TEST=1 (CI sets it), since they disturb every
// other test using the node meanwhile.
package ostest
