package s3accesslog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

// normalize maps one record. Everything that can fail is parsed before
// anything is set, so that a bad record sets nothing.
func normalize(line []byte, ev *ecs.Event, o *origin) error {
	var buf [knownFields + 4][]byte
	fields, quoted, err := split(line, buf[:0])
	if err != nil {
		return err
	}
	if len(fields) < minFields {
		return fmt.Errorf("s3accesslog record: %d fields, expected at least %d (Bucket Owner to Version Id); the line is truncated or is not an S3 server access log record", len(fields), minFields)
	}
	if len(fields) > maxFields {
		return fmt.Errorf("s3accesslog record: %d fields, more than the %d any S3 format could plausibly have (%d are documented today); the line is not an S3 server access log record", len(fields), maxFields, knownFields)
	}
	r := record{fields: fields, quoted: quoted}
	ts, err := r.time()
	if err != nil {
		return err
	}
	remote, err := r.ip(colRemoteIP)
	if err != nil {
		return err
	}
	status, err := r.status()
	if err != nil {
		return err
	}
	var counts [4]optInt // bytes sent, object size, total time, turn-around time
	for i, col := range [...]int{colBytesSent, colObjectSize, colTotalTime, colTurnAroundTime} {
		if counts[i], err = r.count(col); err != nil {
			return err
		}
	}
	sent, size, total, turnAround := counts[0], counts[1], counts[2], counts[3]
	acl, hasACL, err := r.aclRequired()
	if err != nil {
		return err
	}

	requester := r.value(colRequester)
	name := userName(requester)
	errorCode := r.value(colErrorCode)
	host, port := splitHostPort(r.value(colHostHeader))
	req := parseRequest(r.value(colRequestURI))
	cipher, tlsProtocol := r.value(colCipherSuite), r.value(colTLSVersion)
	bucket := r.value(colBucket)
	if bucket == nil && o.bucket != "" {
		bucket = []byte(o.bucket)
	}
	region := o.region
	if region == "" {
		region = regionOfHost(host)
	}

	// Fields are set in path order: the event sorts them by path when it is
	// encoded, and input already in order makes that sort nearly free.
	ev.Date("@timestamp", ts)
	ev.KeywordBytes("aws.s3accesslog.access_point_arn", r.value(colAccessPointARN))
	if hasACL {
		ev.Bool("aws.s3accesslog.acl_required", acl)
	}
	ev.KeywordBytes("aws.s3accesslog.authentication_type", r.value(colAuthenticationType))
	ev.KeywordBytes("aws.s3accesslog.bucket", bucket)
	ev.KeywordBytes("aws.s3accesslog.bucket_owner", r.value(colBucketOwner))
	if len(fields) > knownFields {
		setExtra(ev, &r)
	}
	ev.KeywordBytes("aws.s3accesslog.host_id", r.value(colHostID))
	ev.KeywordBytes("aws.s3accesslog.key", r.value(colKey))
	setInt(ev, "aws.s3accesslog.object_size", size)
	ev.KeywordBytes("aws.s3accesslog.signature_version", r.value(colSignatureVersion))
	ev.KeywordBytes("aws.s3accesslog.source_region", r.value(colSourceRegion))
	setInt(ev, "aws.s3accesslog.turn_around_time", turnAround)
	ev.KeywordBytes("aws.s3accesslog.version_id", r.value(colVersionID))
	ev.Keyword("cloud.account.id", o.account)
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.region", region)
	ev.Keyword("cloud.service.name", "s3")
	ev.KeywordBytes("destination.domain", host)
	ev.KeywordBytes("error.code", errorCode)
	ev.KeywordBytes("event.action", r.value(colOperation))
	ev.Keywords("event.category", "web")
	if total.ok && total.v <= math.MaxInt64/1_000_000 {
		ev.Long("event.duration", total.v*1_000_000)
	}
	requestID := r.value(colRequestID)
	ev.KeywordBytes("event.id", requestID)
	ev.Keyword("event.kind", "event")
	// S3 writes an error code for every request it did not carry out,
	// redirects (301 PermanentRedirect) included.
	switch {
	case errorCode != nil || status.ok && status.v >= 400:
		ev.Keyword("event.outcome", "failure")
	case status.ok:
		ev.Keyword("event.outcome", "success")
	}
	ev.Keywords("event.type", "access")
	ev.KeywordBytes("http.request.method", req.method)
	ev.KeywordBytes("http.request.referrer", r.value(colReferer))
	setInt(ev, "http.response.body.bytes", sent)
	setInt(ev, "http.response.status_code", status)
	ev.KeywordBytes("http.version", req.version)
	ev.IPs("related.ip", remote)
	setRelatedUser(ev, requester, name)
	if remote.IsValid() {
		ev.KeywordBytes("source.address", r.fields[colRemoteIP])
		ev.IP("source.ip", remote)
	}
	ev.KeywordBytes("tls.cipher", cipher)
	if v, p, ok := parseTLSVersion(tlsProtocol); ok {
		ev.Keyword("tls.version", v)
		ev.Keyword("tls.version_protocol", p)
	}
	ev.KeywordBytes("url.domain", host)
	req.setURL(ev)
	setInt(ev, "url.port", port)
	ev.KeywordBytes("user.id", requester)
	ev.KeywordBytes("user.name", name)
	ev.KeywordBytes("user_agent.original", r.value(colUserAgent))
	ev.SetID(docID(line))
	return nil
}

func setInt(ev *ecs.Event, path string, n optInt) {
	if n.ok {
		ev.Long(path, n.v)
	}
}

// setExtra keeps the fields after the last documented one, in order, as
// aws.s3accesslog.extra_fields. A "-" is left out, as everywhere.
func setExtra(ev *ecs.Event, r *record) {
	var buf [256]byte
	list := append(buf[:0], '[')
	n := 0
	for col := knownFields; col < len(r.fields); col++ {
		v := r.value(col)
		if v == nil {
			continue
		}
		if n > 0 {
			list = append(list, ',')
		}
		list = ecs.AppendStringBytes(list, v)
		n++
	}
	if n > 0 {
		ev.RawJSON("aws.s3accesslog.extra_fields", append(list, ']'))
	}
}

// setRelatedUser sets related.user to the requester and its name.
func setRelatedUser(ev *ecs.Event, requester, name []byte) {
	if requester == nil {
		return
	}
	var buf [256]byte
	list := ecs.AppendStringBytes(append(buf[:0], '['), requester)
	if name != nil && !bytes.Equal(name, requester) {
		list = ecs.AppendStringBytes(append(list, ','), name)
	}
	ev.RawJSON("related.user", append(list, ']'))
}

// userName returns the name in a requester ARN, as the reference system
// takes it: the last "/" segment of the resource (the user name of
// arn:aws:iam::111122223333:user/alice, the session name of an assumed
// role), or the whole resource when it has no "/" ("root"). Canonical
// user ids and service principals ("svc:logging.s3.amazonaws.com") have
// no name.
func userName(requester []byte) []byte {
	if !bytes.HasPrefix(requester, []byte("arn:")) {
		return nil
	}
	// arn:partition:service:region:account:resource
	rest := requester
	for range 5 {
		i := bytes.IndexByte(rest, ':')
		if i < 0 {
			return nil
		}
		rest = rest[i+1:]
	}
	if i := bytes.LastIndexByte(rest, '/'); i >= 0 {
		rest = rest[i+1:]
	}
	if len(rest) == 0 {
		return nil
	}
	return rest
}

// splitHostPort cuts a port off the Host Header, which S3 writes without
// one but a client may send with one. An IPv6 literal keeps its brackets,
// as ECS asks for url.domain.
func splitHostPort(h []byte) (host []byte, port optInt) {
	i := bytes.LastIndexByte(h, ':')
	if i <= 0 || i == len(h)-1 || bytes.IndexByte(h[:i], ':') >= 0 && h[0] != '[' {
		return h, port
	}
	n, ok := parser.ParseUint(h[i+1:])
	if !ok || n > 65535 {
		return h, port
	}
	return h[:i], optInt{int64(n), true}
}

// regionOfHost reads the Region from an S3 endpoint: the bucket.s3.<region>.,
// s3.dualstack.<region>., s3-fips.<region>., <ap>.s3-accesspoint.<region>.
// and s3-website.<region>. forms and the legacy dashed s3-<region>. and
// s3-website-<region>. ones, all below amazonaws.com or amazonaws.com.cn.
// The global endpoint s3.amazonaws.com and custom domains (a website
// bucket behind a CNAME) name none.
func regionOfHost(host []byte) string {
	h := host
	switch {
	case bytes.HasSuffix(h, []byte(".amazonaws.com")):
		h = h[:len(h)-len(".amazonaws.com")]
	case bytes.HasSuffix(h, []byte(".amazonaws.com.cn")):
		h = h[:len(h)-len(".amazonaws.com.cn")]
	default:
		return ""
	}
	// The Region is the label nearest the domain that is one: a bucket
	// may be named like a Region, but it comes first.
	for len(h) > 0 {
		label := h
		if i := bytes.LastIndexByte(h, '.'); i >= 0 {
			label, h = h[i+1:], h[:i]
		} else {
			h = nil
		}
		for _, prefix := range []string{"s3-website-", "s3-"} {
			if bytes.HasPrefix(label, []byte(prefix)) {
				label = label[len(prefix):]
				break
			}
		}
		if isRegion(label) {
			return string(label)
		}
	}
	return ""
}

// isRegion reports whether b has the shape of a Region name:
// letters-...-digits, such as us-east-1, us-gov-west-1 or ap-southeast-4.
func isRegion(b []byte) bool {
	if len(b) < 6 || len(b) > 32 || !isLower(b[0]) || !isLower(b[1]) || b[2] != '-' {
		return false
	}
	last := bytes.LastIndexByte(b, '-')
	if last <= 3 || last == len(b)-1 || len(b)-last-1 > 2 {
		return false
	}
	for _, c := range b[last+1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	for _, c := range b[3:last] {
		if !isLower(c) && c != '-' {
			return false
		}
	}
	return b[last-1] != '-'
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

// parseTLSVersion reads "TLSv1.2" (also written "TLSV1.2") as ECS wants
// it: version "1.2", protocol "tls". "TLSv1" is version "1.0".
func parseTLSVersion(p []byte) (version, protocol string, ok bool) {
	if len(p) < 5 || !(p[0] == 'T' || p[0] == 't') || !(p[1] == 'L' || p[1] == 'l') || !(p[2] == 'S' || p[2] == 's') ||
		!(p[3] == 'v' || p[3] == 'V') {
		return "", "", false
	}
	v := p[4:]
	switch string(v) {
	case "1", "1.0":
		return "1.0", "tls", true
	case "1.1", "1.2", "1.3":
		return string(v), "tls", true
	}
	return "", "", false
}

// docID is the document id: the first 128 bits of the SHA-256 of the
// record, in hex. A record S3 delivers twice, in two objects, is then one
// document, and a retried object overwrites its documents. Records that
// differ in any byte differ in id, which the Request ID alone would not
// give: a multi-object delete logs one BATCH.DELETE.OBJECT record per key,
// all with the request's id, and a copy logs a GET and a PUT record.
func docID(line []byte) string {
	sum := sha256.Sum256(line)
	return hex.EncodeToString(sum[:16])
}
