package elb

import (
	"math"
	"time"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// NLB access log fields, in the order AWS documents them.
const (
	nlbType = iota
	nlbVersion
	nlbTime
	nlbELB
	nlbListener
	nlbClient
	nlbDestination
	nlbConnectionTime
	nlbTLSHandshakeTime
	nlbReceivedBytes
	nlbSentBytes
	nlbIncomingTLSAlert
	nlbChosenCertARN
	nlbChosenCertSerial
	nlbTLSCipher
	nlbTLSProtocolVersion
	nlbTLSNamedGroup
	nlbDomainName
	nlbALPNFrontEndProtocol
	nlbALPNBackEndProtocol
	nlbALPNClientPreferenceList
	nlbTLSConnectionCreationTime
	nlbFields
)

var nlbNames = []string{
	"type", "version", "time", "elb", "listener", "client:port", "destination:port",
	"connection_time", "tls_handshake_time", "received_bytes", "sent_bytes",
	"incoming_tls_alert", "chosen_cert_arn", "chosen_cert_serial", "tls_cipher",
	"tls_protocol_version", "tls_named_group", "domain_name", "alpn_fe_protocol",
	"alpn_be_protocol", "alpn_client_preference_list", "tls_connection_creation_time",
}

// nlbMinFields is the entry of log version 1.0, which ends at
// domain_name; version 2.0 appended the ALPN fields and then the
// connection creation time. Later additions are ignored until mapped.
const nlbMinFields = nlbDomainName + 1

// normalizeNLB maps one NLB entry. NLB fields are never quoted and never
// hold spaces (the two client-supplied ones are URL-encoded), so the line
// is split on spaces alone: the ALPN list, written as "h2","http/1.1",
// stays one field.
func normalizeNLB(line []byte, ev *ecs.Event, o *origin) error {
	var buf [nlbFields + 8][]byte
	fields := parser.SplitFields(line, buf[:0])
	e := entry{kind: kindNLB, fields: fields}
	if len(fields) < nlbMinFields {
		return tooFew(kindNLB, len(fields), nlbMinFields)
	}
	if !isToken(fields[nlbType]) {
		return e.err(nlbType, "not a listener type such as tls")
	}
	if !isVersion(fields[nlbVersion]) {
		return e.err(nlbVersion, "not a log entry version such as 2.0")
	}
	end, err := e.time(nlbTime)
	if err != nil {
		return err
	}
	var start time.Time // zero when the entry has no creation time
	if e.value(nlbTLSConnectionCreationTime) != nil {
		if start, err = e.time(nlbTLSConnectionCreationTime); err != nil {
			return err
		}
	}
	client, err := e.endpoint(nlbClient)
	if err != nil {
		return err
	}
	dest, err := e.endpoint(nlbDestination)
	if err != nil {
		return err
	}
	var counts [4]optInt // connection and handshake times, received and sent bytes
	for i := range counts {
		if counts[i], err = e.count(nlbConnectionTime + i); err != nil {
			return err
		}
	}
	connMillis, handshakeMillis, received, sent := counts[0], counts[1], counts[2], counts[3]
	cipher, protocol := e.value(nlbTLSCipher), e.value(nlbTLSProtocolVersion)
	tlsv, hasTLSVersion := parseTLSVersion(protocol)
	domain, frontEnd := e.value(nlbDomainName), e.value(nlbALPNFrontEndProtocol)

	// Fields are set in path order, see normalizeALB.
	ev.Date("@timestamp", end)
	var endBuf [48]byte
	endJSON := lastValue(endBuf[:0], ev, "@timestamp")
	ev.KeywordBytes("aws.elb.alpn_be_protocol", e.value(nlbALPNBackEndProtocol))
	// Quotes, and the backslashes some copies escape them with, are
	// stripped from each protocol.
	setList(ev, "aws.elb.alpn_client_preference_list", e.value(nlbALPNClientPreferenceList), ',', `"\`)
	ev.KeywordBytes("aws.elb.alpn_fe_protocol", frontEnd)
	ev.KeywordBytes("aws.elb.chosen_cert.arn", e.value(nlbChosenCertARN))
	ev.KeywordBytes("aws.elb.chosen_cert.serial", e.value(nlbChosenCertSerial))
	setInt(ev, "aws.elb.connection_time.ms", connMillis)
	ev.KeywordBytes("aws.elb.incoming_tls_alert", e.value(nlbIncomingTLSAlert))
	ev.KeywordBytes("aws.elb.listener", e.value(nlbListener))
	ev.KeywordBytes("aws.elb.name", e.value(nlbELB))
	ev.Keyword("aws.elb.protocol", "tcp")
	ev.KeywordBytes("aws.elb.ssl_cipher", cipher)
	ev.KeywordBytes("aws.elb.ssl_protocol", protocol)
	ev.Date("aws.elb.tls_connection_creation_time", start)
	setInt(ev, "aws.elb.tls_handshake_time.ms", handshakeMillis)
	ev.KeywordBytes("aws.elb.tls_named_group", e.value(nlbTLSNamedGroup))
	ev.KeywordBytes("aws.elb.type", fields[nlbType])
	setCloud(ev, o)
	setInt(ev, "destination.bytes", sent)
	ev.KeywordBytes("destination.domain", domain)
	dest.set(ev, "", "destination.ip", "destination.port")
	ev.Keywords("event.category", "network")
	if connMillis.ok && connMillis.v <= math.MaxInt64/int64(time.Millisecond) {
		ev.Long("event.duration", connMillis.v*int64(time.Millisecond))
	}
	ev.RawJSON("event.end", endJSON)
	ev.Keyword("event.kind", "event")
	ev.Date("event.start", start)
	ev.Keywords("event.type", "connection")
	ev.IPs("related.ip", client.ip, dest.ip)
	client.set(ev, "source.address", "source.ip", "source.port")
	setInt(ev, "source.bytes", received)
	ev.KeywordBytes("tls.cipher", cipher)
	ev.KeywordBytes("tls.client.server_name", domain)
	// Cipher and protocol are "-" exactly when the handshake did not
	// complete, which is what an analyst looks for in these logs.
	ev.Bool("tls.established", cipher != nil && protocol != nil)
	ev.KeywordBytes("tls.next_protocol", frontEnd)
	if hasTLSVersion {
		tlsv.set(ev)
	}
	return nil
}

// isVersion reports whether b is a version such as "1.0" or "2.0".
func isVersion(b []byte) bool {
	if len(b) == 0 || len(b) > 8 || b[0] < '0' || b[0] > '9' {
		return false
	}
	for _, c := range b {
		if (c < '0' || c > '9') && c != '.' {
			return false
		}
	}
	return true
}
