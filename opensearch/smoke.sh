#!/usr/bin/env bash
# Checks that the node from start.sh does what the SDK's integration tests
# rely on: templates, the ECS field types, gzip bulk requests, CIDR/geo/date
# queries, data streams, aliases with rollover, and per-item bulk errors.
# Creates only smoke-* objects and removes them again. Needs curl and gzip.
#
#   OPENSEARCH_PORT=9200 bash opensearch/smoke.sh
set -euo pipefail

url="http://127.0.0.1:${OPENSEARCH_PORT:-9200}"
json='Content-Type: application/json'
ndjson='Content-Type: application/x-ndjson'
passed=0
failed=0

# check NAME REGEX CURL-ARGS...: runs curl and greps its compact JSON answer.
check() {
  local name="$1" want="$2"
  shift 2
  local got
  got="$(curl -sS "$@" 2>&1 || true)"
  if grep -Eq -- "$want" <<<"$got"; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    echo "     wanted /$want/"
    echo "     got    ${got:0:600}"
  fi
}

cleanup() {
  curl -s -o /dev/null -XDELETE "$url/_data_stream/smoke-ds-*" || true
  curl -s -o /dev/null -XDELETE "$url/smoke-*?expand_wildcards=all" || true
  curl -s -o /dev/null -XDELETE "$url/_index_template/smoke-*" || true
  curl -s -o /dev/null -XDELETE "$url/_component_template/smoke-*" || true
  curl -s -o /dev/null -XDELETE "$url/_ingest/pipeline/smoke-*" || true
}
cleanup

check "component template" '"acknowledged":true' -XPUT "$url/_component_template/smoke-ecs" -H "$json" -d '{
  "template": {
    "settings": {"number_of_shards": 1, "number_of_replicas": 0},
    "mappings": {"dynamic": "strict", "properties": {
      "@timestamp": {"type": "date"},
      "event": {"properties": {"dataset": {"type": "keyword"}, "duration": {"type": "long"}}},
      "source": {"properties": {
        "ip": {"type": "ip"}, "bytes": {"type": "long"},
        "geo": {"properties": {"location": {"type": "geo_point"}}}}},
      "aws": {"type": "flat_object"},
      "url": {"properties": {"original": {"type": "wildcard"}}},
      "network": {"properties": {"ratio": {"type": "scaled_float", "scaling_factor": 100}}}}}}}'
check "index template composed of it" '"acknowledged":true' -XPUT "$url/_index_template/smoke-logs" -H "$json" \
  -d '{"index_patterns": ["smoke-logs-*"], "composed_of": ["smoke-ecs"], "priority": 100}'
check "create index" '"acknowledged":true' -XPUT "$url/smoke-logs-1"
check "index took the template's mapping" '"aws":\{"type":"flat_object"\}.*"ratio":\{"type":"scaled_float","scaling_factor":100\.0\}.*"ip":\{"type":"ip"\}.*"url":\{"properties":\{"original":\{"type":"wildcard"' \
  "$url/smoke-logs-1/_mapping"

bulk_body='{"index":{"_index":"smoke-logs-1","_id":"berlin"}}
{"@timestamp":"2026-11-20T10:00:00Z","event":{"dataset":"aws.cloudtrail","duration":1200},"source":{"ip":"10.1.2.3","bytes":512,"geo":{"location":{"lat":52.52,"lon":13.40}}},"aws":{"cloudtrail":{"user_identity":{"type":"IAMUser"}}},"url":{"original":"https://example.com/login?next=/admin"},"network":{"ratio":0.257}}
{"index":{"_index":"smoke-logs-1","_id":"newyork"}}
{"@timestamp":"2026-11-21T12:30:00Z","event":{"dataset":"aws.vpcflow","duration":5},"source":{"ip":"2001:db8::7","bytes":42,"geo":{"location":"40.71,-74.00"}},"aws":{"vpcflow":{"action":"REJECT"}},"url":{"original":"http://internal.example/api"},"network":{"ratio":1.5}}
{"index":{"_index":"smoke-logs-1","_id":"bad-ip"}}
{"@timestamp":"2026-11-22T00:00:00Z","source":{"ip":"not-an-ip"}}
{"index":{"_index":"smoke-logs-1","_id":"unmapped"}}
{"@timestamp":"2026-11-22T00:00:00Z","user":{"name":"x"}}
'
check "gzip bulk: good items created" '"_id":"berlin".*"status":201.*"_id":"newyork".*"status":201' \
  -XPOST "$url/_bulk?refresh=true" -H "$ndjson" -H 'Content-Encoding: gzip' --data-binary @<(printf '%s' "$bulk_body" | gzip -c)
# The same body again (ids are fixed) to look at the failed items.
check "bulk: bad ip is a per-item mapper_parsing_exception" '"_id":"bad-ip","status":400,"error":\{"type":"mapper_parsing_exception"' \
  -XPOST "$url/_bulk?refresh=true" -H "$ndjson" --data-binary "$bulk_body"
check "bulk: strict mapping rejects an unknown field per item" '"_id":"unmapped","status":400,"error":\{"type":"strict_dynamic_mapping_exception"' \
  -XPOST "$url/_bulk?refresh=true" -H "$ndjson" --data-binary "$bulk_body"

check "term query with an IPv4 CIDR" '"total":\{"value":1,.*"_id":"berlin"' \
  "$url/smoke-logs-1/_search" -H "$json" -d '{"query":{"term":{"source.ip":"10.0.0.0/8"}}}'
check "term query with an IPv6 CIDR" '"total":\{"value":1,.*"_id":"newyork"' \
  "$url/smoke-logs-1/_search" -H "$json" -d '{"query":{"term":{"source.ip":"2001:db8::/32"}}}'
check "geo_distance" '"total":\{"value":1,.*"_id":"berlin"' \
  "$url/smoke-logs-1/_search" -H "$json" -d '{"query":{"geo_distance":{"distance":"100km","source.geo.location":{"lat":52.5,"lon":13.4}}}}'
check "date range" '"total":\{"value":1,.*"_id":"newyork"' \
  "$url/smoke-logs-1/_search" -H "$json" -d '{"query":{"range":{"@timestamp":{"gte":"2026-11-21T00:00:00Z","lt":"2026-11-22T00:00:00Z"}}}}'
check "flat_object dotted term" '"total":\{"value":1,.*"_id":"berlin"' \
  "$url/smoke-logs-1/_search" -H "$json" -d '{"query":{"term":{"aws.cloudtrail.user_identity.type":"IAMUser"}}}'
check "wildcard field" '"total":\{"value":1,.*"_id":"berlin"' \
  "$url/smoke-logs-1/_search" -H "$json" -d '{"query":{"wildcard":{"url.original":"*admin*"}}}'
check "scaled_float and long aggregations" '"bytes":\{"value":554\.0\}.*"ratio":\{"value":1\.76\}' \
  "$url/smoke-logs-1/_search?size=0" -H "$json" -d '{"aggs":{"ratio":{"sum":{"field":"network.ratio"}},"bytes":{"sum":{"field":"source.bytes"}}}}'

check "data stream template" '"acknowledged":true' -XPUT "$url/_index_template/smoke-ds" -H "$json" \
  -d '{"index_patterns": ["smoke-ds-*"], "data_stream": {}, "composed_of": ["smoke-ecs"], "priority": 200}'
check "bulk create into a data stream" '"_index":"\.ds-smoke-ds-aws-000001".*"status":201' \
  -XPOST "$url/_bulk?refresh=true" -H "$ndjson" --data-binary $'{"create":{"_index":"smoke-ds-aws"}}\n{"@timestamp":"2026-11-20T10:00:00Z","event":{"dataset":"aws.elb"}}\n'
check "data stream refuses op_type index" 'only write ops with an op_type of create are allowed in data streams' \
  -XPOST "$url/_bulk" -H "$ndjson" --data-binary $'{"index":{"_index":"smoke-ds-aws"}}\n{"@timestamp":"2026-11-20T10:00:00Z"}\n'
check "data stream rollover" '"old_index":"\.ds-smoke-ds-aws-000001","new_index":"\.ds-smoke-ds-aws-000002","rolled_over":true' \
  -XPOST "$url/smoke-ds-aws/_rollover"
check "data stream generation 2" '"generation":2' "$url/_data_stream/smoke-ds-aws"

check "alias with is_write_index" '"acknowledged":true' -XPUT "$url/smoke-alias-000001" -H "$json" \
  -d '{"settings":{"number_of_replicas":0},"aliases":{"smoke-alias":{"is_write_index":true}}}'
check "write through the alias" '"_index":"smoke-alias-000001","_id":"a1".*"result":"created"' \
  -XPUT "$url/smoke-alias/_doc/a1?refresh=true" -H "$json" -d '{"n":1}'
check "alias rollover on max_docs" '"old_index":"smoke-alias-000001","new_index":"smoke-alias-000002","rolled_over":true' \
  -XPOST "$url/smoke-alias/_rollover" -H "$json" -d '{"conditions":{"max_docs":1},"settings":{"number_of_replicas":0}}'
check "the write index moved" '"smoke-alias-000002":\{"aliases":\{"smoke-alias":\{"is_write_index":true' "$url/_alias/smoke-alias"

check "ingest pipeline with a mustache value" '"acknowledged":true' -XPUT "$url/_ingest/pipeline/smoke-p" -H "$json" \
  -d '{"processors":[{"set":{"field":"ingested","value":"{{_ingest.timestamp}}"}}]}'
check "pipeline renders the template" '"ingested":"20[0-9][0-9]-' \
  -XPOST "$url/_ingest/pipeline/smoke-p/_simulate" -H "$json" -d '{"docs":[{"_source":{}}]}'
check "painless script" '"fields":\{"kb":\[0\.5' "$url/smoke-logs-1/_search" -H "$json" \
  -d '{"query":{"ids":{"values":["berlin"]}},"script_fields":{"kb":{"script":"doc[\"source.bytes\"].value / 1024.0"}}}'
check "_cat/plugins lists the modules" 'Netty4Plugin.*' "$url/_cat/plugins"

cleanup
echo "smoke: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
