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
	var starts [len(buf)]int32
	e, err := splitEntry(kindALB, line, buf[:0], starts[:])
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
	req, tlsv, hasTLSVersion := a.req, a.tlsv, a.hasTLSVersion

	// Fields are set in path order: the event sorts them by path when it is
	// encoded, and input already in order makes that sort nearly free.
	ev.Date("@timestamp", end)
	var endBuf [48]byte
	endJSON := lastValue(endBuf[:0], ev, "@timestamp")
	e.setList(ev, "aws.elb.action_executed", albActionsExecuted, ',')
	setInt(ev, "aws.elb.backend.http.response.status_code", targetStatus)
	target.setBackend(ev)
	setFloat(ev, "aws.elb.backend_processing_time.sec", times[1])
	e.setKeyword(ev, "aws.elb.chosen_cert.arn", albChosenCertARN)
	e.setKeyword(ev, "aws.elb.classification", albClassification)
	e.setKeyword(ev, "aws.elb.classification_reason", albClassificationReason)
	e.setKeyword(ev, "aws.elb.conn_trace_id", albConnTraceID)
	e.setKeyword(ev, "aws.elb.error.reason", albErrorReason)
	e.setKeyword(ev, "aws.elb.matched_rule_priority", albMatchedRulePriority)
	e.setKeyword(ev, "aws.elb.name", albELB)
	ev.RawJSON("aws.elb.protocol", jsonHTTP)
	e.setKeyword(ev, "aws.elb.redirect_url", albRedirectURL)
	setFloat(ev, "aws.elb.request_processing_time.sec", times[0])
	setFloat(ev, "aws.elb.response_processing_time.sec", times[2])
	e.setKeyword(ev, "aws.elb.ssl_cipher", albSSLCipher)
	e.setKeyword(ev, "aws.elb.ssl_protocol", albSSLProtocol)
	e.setKeyword(ev, "aws.elb.target_group.arn", albTargetGroupARN)
	e.setList(ev, "aws.elb.target_port", albTargetPortList, ' ')
	e.setList(ev, "aws.elb.target_status_code", albTargetStatusCodeList, ' ')
	e.setKeyword(ev, "aws.elb.trace_id", albTraceID)
	ev.KeywordPlainBytes("aws.elb.type", fields[albType]) // isToken proved it plain
	setCloud(ev, o)
	e.setKeyword(ev, "destination.domain", albDomainName)
	target.set(ev, "", "destination.ip", "destination.port")
	ev.RawJSON("event.category", jsonWeb)
	if d := end.Sub(start); d >= 0 && d < math.MaxInt64 {
		// Sub saturates at the largest Duration when the times lie too far
		// apart (a hostile year 9999): no duration then, not a false one.
		ev.Long("event.duration", d.Nanoseconds())
	}
	ev.RawJSON("event.end", endJSON)
	ev.RawJSON("event.kind", jsonEvent)
	setOutcome(ev, status)
	ev.Date("event.start", start)
	ev.RawJSON("event.type", jsonAccess)
	setInt(ev, "http.request.body.bytes", received)
	req.setMethod(ev)
	setInt(ev, "http.response.body.bytes", sent)
	setInt(ev, "http.response.status_code", status)
	req.setVersion(ev)
	ev.IPs("related.ip", client.ip, target.ip, req.hostIP)
	client.set(ev, "source.address", "source.ip", "source.port")
	e.setKeyword(ev, "tls.cipher", albSSLCipher)
	e.setKeyword(ev, "tls.client.server_name", albDomainName)
	if hasTLSVersion {
		tlsv.set(ev)
	}
	e.setKeyword(ev, "trace.id", albTraceID)
	req.setURL(ev)
	e.setKeyword(ev, "user_agent.original", albUserAgent)
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
