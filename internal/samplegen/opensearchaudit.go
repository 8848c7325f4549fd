package samplegen

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// OpenSearchAudit returns n Amazon OpenSearch Service audit messages, one
// JSON object per line as CloudWatch Logs holds them, uncompressed, of
// about 500 to 1,000 bytes each. The mix follows a busy domain: granted
// searches and bulk writes on the transport layer, authenticated REST
// requests with bodies and headers, failed logins, missing privileges,
// index events, compliance reads and writes, security index attempts,
// SSL exceptions, run-as requests and IPv6 clients.
func OpenSearchAudit(n int) []byte {
	r := rand.New(rand.NewPCG(0x05ea, 0xa0d1))
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	b := make([]byte, 0, n*800)
	users := []string{"jdoe", "analyst1", "readonly-bot", "admin", "arn:aws:iam::123456789012:role/aes-siem-lambda-es-loader", "svc-ingest"}
	nodes := []string{"8f2a6c1e0b7d4e93a5c2f1d0e9b8a7c6", "2c4e6a8b0d1f3a5c7e9b1d3f5a7c9e0b", "5d1c9e7a3b2f4c6e8a0b1c2d3e4f5a6b"}
	nodeIDs := []string{"Xq3Lb7nPT0mZ2kRwV9sYhA", "Pw8Ke2RqS1uH5nYcD4vTgQ", "Lm4Nb8Vc2Xz6Qw1Er5Ty9A"}
	indices := []string{"log-aws-cloudtrail-2026-11", "log-aws-vpcflowlogs-2026-11", "log-aws-waf-2026-11", "accounts", ".opendistro_security"}
	agents := []string{"python-requests/2.32.3", "curl/8.5.0", "opensearch-py/2.8.0 (Python 3.12.7)", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"}
	addr := func(dst []byte) []byte {
		if r.IntN(10) == 0 {
			dst = append(dst, "2001:db8:"...)
			dst = strconv.AppendInt(dst, int64(r.IntN(65536)), 16)
			return append(dst, "::1f"...)
		}
		dst = strconv.AppendInt(dst, int64(3+r.IntN(200)), 10)
		dst = append(dst, '.')
		dst = strconv.AppendInt(dst, int64(r.IntN(256)), 10)
		dst = append(dst, '.')
		dst = strconv.AppendInt(dst, int64(r.IntN(256)), 10)
		dst = append(dst, '.')
		return strconv.AppendInt(dst, int64(1+r.IntN(254)), 10)
	}
	str := func(dst []byte, k, v string) []byte {
		dst = append(dst, `,"`...)
		dst = append(dst, k...)
		dst = append(dst, `":"`...)
		dst = append(dst, v...)
		return append(dst, '"')
	}
	for range n {
		at = at.Add(time.Duration(r.IntN(200)) * time.Millisecond)
		node := r.IntN(len(nodes))
		user := users[r.IntN(len(users))]
		index := indices[r.IntN(len(indices))]
		b = append(b, `{"audit_cluster_name":"123456789012:search-prod"`...)
		b = str(b, "audit_node_name", nodes[node])
		b = str(b, "audit_node_id", nodeIDs[node])
		b = str(b, "@timestamp", at.Format("2006-01-02T15:04:05.000+00:00"))
		b = append(b, `,"audit_format_version":4,"audit_request_origin":"REST","audit_request_effective_user_is_admin":false,"audit_request_remote_address":"`...)
		b = addr(b)
		b = append(b, '"')
		b = str(b, "audit_node_host_address", "10.0.3."+strconv.Itoa(10+node))
		rest := func(cat, method, path string) {
			b = str(b, "audit_category", cat)
			b = str(b, "audit_request_layer", "REST")
			b = str(b, "audit_rest_request_method", method)
			b = str(b, "audit_rest_request_path", path)
			b = append(b, `,"audit_rest_request_params":{"pretty":"true"},"audit_rest_request_headers":{"User-Agent":["`...)
			b = append(b, agents[r.IntN(len(agents))]...)
			b = append(b, `"],"Host":["search-search-prod-7xk2q4mbz3nwe5r6t7yu8io9pa.us-east-1.es.amazonaws.com"],"content-type":["application/json"]}`...)
		}
		transport := func(cat, typ, priv string) {
			b = str(b, "audit_category", cat)
			b = str(b, "audit_request_layer", "TRANSPORT")
			b = str(b, "audit_transport_request_type", typ)
			b = str(b, "audit_request_privilege", priv)
			b = str(b, "audit_trace_task_id", nodeIDs[node]+":"+strconv.Itoa(100000+r.IntN(900000)))
			b = append(b, `,"audit_trace_indices":["`...)
			b = append(b, index...)
			b = append(b, `"],"audit_trace_resolved_indices":["`...)
			b = append(b, index...)
			b = append(b, `"]`...)
		}
		switch k := r.IntN(100); {
		case k < 35:
			transport("GRANTED_PRIVILEGES", "SearchRequest", "indices:data/read/search")
			b = str(b, "audit_request_body", `{\"size\":0,\"query\":{\"match_all\":{}},\"aggs\":{\"by\":{\"terms\":{\"field\":\"source.ip\"}}}}`)
		case k < 50:
			transport("GRANTED_PRIVILEGES", "BulkShardRequest", "indices:data/write/bulk[s]")
		case k < 65:
			rest("AUTHENTICATED", "POST", "/"+index+"/_search")
			b = str(b, "audit_request_body", `{\"query\":{\"term\":{\"user.name\":\"`+user+`\"}}}`)
		case k < 73:
			rest("FAILED_LOGIN", "GET", "/_plugins/_security/authinfo")
		case k < 81:
			transport("MISSING_PRIVILEGES", "DeleteIndexRequest", "indices:admin/delete")
		case k < 85:
			transport("INDEX_EVENT", "CreateIndexRequest", "indices:admin/create")
		case k < 91:
			b = str(b, "audit_category", "COMPLIANCE_DOC_READ")
			b = str(b, "audit_trace_doc_id", "acct-"+strconv.Itoa(r.IntN(99999)))
			b = append(b, `,"audit_trace_shard_id":`...)
			b = strconv.AppendInt(b, int64(r.IntN(5)), 10)
			b = append(b, `,"audit_trace_indices":["accounts"]`...)
		case k < 95:
			b = str(b, "audit_category", "COMPLIANCE_DOC_WRITE")
			b = str(b, "audit_compliance_operation", []string{"CREATE", "UPDATE", "DELETE"}[r.IntN(3)])
			b = append(b, `,"audit_compliance_doc_version":`...)
			b = strconv.AppendInt(b, int64(1+r.IntN(40)), 10)
			b = str(b, "audit_compliance_diff_content", `[{\"op\":\"replace\",\"path\":\"/balance\",\"value\":`+strconv.Itoa(r.IntN(10000))+`}]`)
			b = append(b, `,"audit_compliance_diff_is_noop":false,"audit_trace_indices":["accounts"]`...)
		case k < 97:
			transport("OPENSEARCH_SECURITY_INDEX_ATTEMPT", "BulkShardRequest", "indices:data/write/bulk[s]")
		case k < 98:
			b = str(b, "audit_category", "SSL_EXCEPTION")
			b = str(b, "audit_request_layer", "REST")
			b = str(b, "audit_request_exception_stacktrace", `javax.net.ssl.SSLHandshakeException: Received fatal alert: protocol_version\n\tat java.base/sun.security.ssl.Alert.createSSLException(Alert.java:131)\n`)
			user = ""
		default:
			rest("GRANTED_PRIVILEGES", "GET", "/_cat/indices")
			b = str(b, "audit_request_initiating_user", "admin")
		}
		if user != "" {
			b = str(b, "audit_request_effective_user", user)
		}
		b = append(b, "}\n"...)
	}
	return b
}
