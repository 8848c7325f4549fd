package elb

import (
	"github.com/siem-go/siem/ecs"
)

// CLB access log fields, in the order AWS documents them.
const (
	clbTime = iota
	clbELB
	clbClient
	clbBackend
	clbRequestProcessingTime
	clbBackendProcessingTime
	clbResponseProcessingTime
	clbELBStatusCode
	clbBackendStatusCode
	clbReceivedBytes
	clbSentBytes
	clbRequest
	clbUserAgent
	clbSSLCipher
	clbSSLProtocol
	clbFields
)

var clbNames = []string{
	"time", "elb", "client:port", "backend:port", "request_processing_time",
	"backend_processing_time", "response_processing_time", "elb_status_code",
	"backend_status_code", "received_bytes", "sent_bytes", "request",
	"user_agent", "ssl_cipher", "ssl_protocol",
}

// clbMinFields is the full entry: CLB has written user_agent, ssl_cipher
// and ssl_protocol since 2015 and has not changed its format since.
const clbMinFields = clbFields

// normalizeCLB maps one CLB entry. HTTP and HTTPS listeners log requests;
// TCP and SSL listeners log connections, with "-" for the status codes and
// "- - - " for the request. Like Elastic, the two kinds differ in
// event.category (web or network), aws.elb.protocol (http or tcp) and in
// where the byte counts go.
func normalizeCLB(line []byte, ev *ecs.Event, o *origin) error {
	var buf [clbFields + 8][]byte
	var starts [len(buf)]int32
	e, err := splitEntry(kindCLB, line, buf[:0], starts[:])
	if err != nil {
		return err
	}
	if err := e.atLeast(clbMinFields); err != nil {
		return err
	}
	if isToken(e.fields[clbTime]) {
		return e.err(clbTime, "the entry starts with a word, as ALB and NLB entries do, not with a time; it is not a CLB access log entry")
	}
	var a access
	if err := a.parse(&e, clbTime); err != nil {
		return err
	}
	end, client, backend, times := a.end, a.client, a.backend, a.times
	status, backendStatus, received, sent := a.status, a.backendStatus, a.received, a.sent
	req, cipher, protocol, tlsv, hasTLSVersion := a.req, a.cipher, a.protocol, a.tlsv, a.hasTLSVersion
	isHTTP := status.ok || req.method != nil

	// Fields are set in path order, see normalizeALB.
	ev.Date("@timestamp", end)
	var endBuf [48]byte
	endJSON := lastValue(endBuf[:0], ev, "@timestamp")
	setInt(ev, "aws.elb.backend.http.response.status_code", backendStatus)
	backend.setBackend(ev)
	setFloat(ev, "aws.elb.backend_processing_time.sec", times[1])
	ev.KeywordBytes("aws.elb.name", e.value(clbELB))
	if isHTTP {
		ev.Keyword("aws.elb.protocol", "http")
	} else {
		ev.Keyword("aws.elb.protocol", "tcp")
	}
	setFloat(ev, "aws.elb.request_processing_time.sec", times[0])
	setFloat(ev, "aws.elb.response_processing_time.sec", times[2])
	ev.KeywordBytes("aws.elb.ssl_cipher", cipher)
	ev.KeywordBytes("aws.elb.ssl_protocol", protocol)
	setCloud(ev, o)
	if !isHTTP {
		setInt(ev, "destination.bytes", sent)
	}
	backend.set(ev, "", "destination.ip", "destination.port")
	if isHTTP {
		ev.Keywords("event.category", "web")
	} else {
		ev.Keywords("event.category", "network")
	}
	ev.RawJSON("event.end", endJSON)
	ev.Keyword("event.kind", "event")
	setOutcome(ev, status)
	if isHTTP {
		ev.Keywords("event.type", "access")
		setInt(ev, "http.request.body.bytes", received)
		req.setMethod(ev)
		setInt(ev, "http.response.body.bytes", sent)
		setInt(ev, "http.response.status_code", status)
		req.setVersion(ev)
	} else {
		ev.Keywords("event.type", "connection")
	}
	ev.IPs("related.ip", client.ip, backend.ip, req.hostIP)
	client.set(ev, "source.address", "source.ip", "source.port")
	if !isHTTP {
		setInt(ev, "source.bytes", received)
	}
	ev.KeywordBytes("tls.cipher", cipher)
	if hasTLSVersion {
		tlsv.set(ev)
	}
	req.setURL(ev)
	ev.KeywordBytes("user_agent.original", e.value(clbUserAgent))
	return nil
}
