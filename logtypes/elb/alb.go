package elb

import (
	"math"

	"github.com/siem-go/siem/ecs"
)

// ALB access log fields, in the order AWS documents them.
const (
	albType = iota
	albTime
	albELB
	albClient
	albTarget
	albRequestProcessingTime
	albTargetProcessingTime
	albResponseProcessingTime
	albELBStatusCode
	albTargetStatusCode
	albReceivedBytes
	albSentBytes
	albRequest
	albUserAgent
	albSSLCipher
	albSSLProtocol
	albTargetGroupARN
	albTraceID
	albDomainName
	albChosenCertARN
	albMatchedRulePriority
	albRequestCreationTime
	albActionsExecuted
	albRedirectURL
	albErrorReason
	albTargetPortList
	albTargetStatusCodeList
	albClassification
	albClassificationReason
	albConnTraceID
	albFields
)

var albNames = []string{
	"type", "time", "elb", "client:port", "target:port",
	"request_processing_time", "target_processing_time", "response_processing_time",
	"elb_status_code", "target_status_code", "received_bytes", "sent_bytes",
	"request", "user_agent", "ssl_cipher", "ssl_protocol", "target_group_arn",
	"trace_id", "domain_name", "chosen_cert_arn", "matched_rule_priority",
	"request_creation_time", "actions_executed", "redirect_url", "error_reason",
	"target:port_list", "target_status_code_list", "classification",
	"classification_reason", "conn_trace_id",
}

// albMinFields is the entry up to error_reason, the form ALB has written
// since Lambda targets arrived in 2018. Later fields were appended one
// group at a time and are read when present. Fields beyond conn_trace_id,
// which AWS may append at any time, are ignored: event.original keeps
// them until they get a mapping.
const albMinFields = albErrorReason + 1

func normalizeALB(line []byte, ev *ecs.Event, o *origin) error {
	var buf [albFields + 8][]byte
	e, err := splitEntry(kindALB, line, buf[:0])
	if err != nil {
		return err
	}
	fields := e.fields
	if len(fields) > 0 {
		if _, isTime := parseTime(fields[0]); isTime {
			return e.err(albType, "the entry starts with a time, as ALB connection log entries do; connection logs have another format, which the alb type does not read")
		}
	}
	if err := e.atLeast(albMinFields); err != nil {
		return err
	}

	// Everything that can fail is parsed first, so that a bad entry sets
	// nothing.
	if !isToken(fields[albType]) {
		return e.err(albType, "not a request type such as http, https, h2, grpcs, ws or wss")
	}
	var a access
	if err := a.parse(&e, albTime); err != nil {
		return err
	}
	start, err := e.time(albRequestCreationTime)
	if err != nil {
		return err
	}
	end, client, target, times := a.end, a.client, a.backend, a.times
	status, targetStatus, received, sent := a.status, a.backendStatus, a.received, a.sent
	req, cipher, protocol, tlsv, hasTLSVersion := a.req, a.cipher, a.protocol, a.tlsv, a.hasTLSVersion
	domain, traceID := e.value(albDomainName), e.value(albTraceID)

	// Fields are set in path order: the event sorts them by path when it is
	// encoded, and input already in order makes that sort nearly free.
	ev.Date("@timestamp", end)
	setList(ev, "aws.elb.action_executed", e.value(albActionsExecuted), ',', "")
	setInt(ev, "aws.elb.backend.http.response.status_code", targetStatus)
	target.setBackend(ev)
	setFloat(ev, "aws.elb.backend_processing_time.sec", times[1])
	ev.KeywordBytes("aws.elb.chosen_cert.arn", e.value(albChosenCertARN))
	ev.KeywordBytes("aws.elb.classification", e.value(albClassification))
	ev.KeywordBytes("aws.elb.classification_reason", e.value(albClassificationReason))
	ev.KeywordBytes("aws.elb.conn_trace_id", e.value(albConnTraceID))
	ev.KeywordBytes("aws.elb.error.reason", e.value(albErrorReason))
	ev.KeywordBytes("aws.elb.matched_rule_priority", e.value(albMatchedRulePriority))
	ev.KeywordBytes("aws.elb.name", e.value(albELB))
	ev.Keyword("aws.elb.protocol", "http")
	ev.KeywordBytes("aws.elb.redirect_url", e.value(albRedirectURL))
	setFloat(ev, "aws.elb.request_processing_time.sec", times[0])
	setFloat(ev, "aws.elb.response_processing_time.sec", times[2])
	ev.KeywordBytes("aws.elb.ssl_cipher", cipher)
	ev.KeywordBytes("aws.elb.ssl_protocol", protocol)
	ev.KeywordBytes("aws.elb.target_group.arn", e.value(albTargetGroupARN))
	setList(ev, "aws.elb.target_port", e.value(albTargetPortList), ' ', "")
	setList(ev, "aws.elb.target_status_code", e.value(albTargetStatusCodeList), ' ', "")
	ev.KeywordBytes("aws.elb.trace_id", traceID)
	ev.KeywordBytes("aws.elb.type", fields[albType])
	setCloud(ev, o)
	ev.KeywordBytes("destination.domain", domain)
	target.set(ev, "", "destination.ip", "destination.port")
	ev.Keywords("event.category", "web")
	if d := end.Sub(start); d >= 0 && d < math.MaxInt64 {
		// Sub saturates at the largest Duration when the times lie too far
		// apart (a hostile year 9999): no duration then, not a false one.
		ev.Long("event.duration", d.Nanoseconds())
	}
	copyField(ev, "@timestamp", "event.end")
	ev.Keyword("event.kind", "event")
	setOutcome(ev, status)
	ev.Date("event.start", start)
	ev.Keywords("event.type", "access")
	setInt(ev, "http.request.body.bytes", received)
	req.setMethod(ev)
	setInt(ev, "http.response.body.bytes", sent)
	setInt(ev, "http.response.status_code", status)
	req.setVersion(ev)
	ev.IPs("related.ip", client.ip, target.ip, req.hostIP)
	client.set(ev, "source.address", "source.ip", "source.port")
	ev.KeywordBytes("tls.cipher", cipher)
	ev.KeywordBytes("tls.client.server_name", domain)
	if hasTLSVersion {
		tlsv.set(ev)
	}
	ev.KeywordBytes("trace.id", traceID)
	req.setURL(ev)
	ev.KeywordBytes("user_agent.original", e.value(albUserAgent))
	return nil
}

// isToken reports whether b is a short lower-case word such as "h2".
func isToken(b []byte) bool {
	if len(b) == 0 || len(b) > 16 {
		return false
	}
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
