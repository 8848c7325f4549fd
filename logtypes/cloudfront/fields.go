package cloudfront

import (
	"strings"
	"sync"

	"github.com/siem-go/siem/parser/w3c"
)

// Standard (access) log fields in the order AWS documents them. Files
// written since 2019 have all 33; older ones stop after
// fle-encrypted-fields (26) or, before field-level encryption,
// after cs-protocol-version (24). A file's #Fields line, when there is
// one, is what names its columns; these lists are only used for lines
// read without one.
var standardFields = []string{
	"date", "time", "x-edge-location", "sc-bytes", "c-ip", "cs-method",
	"cs(Host)", "cs-uri-stem", "sc-status", "cs(Referer)", "cs(User-Agent)",
	"cs-uri-query", "cs(Cookie)", "x-edge-result-type", "x-edge-request-id",
	"x-host-header", "cs-protocol", "cs-bytes", "time-taken", "x-forwarded-for",
	"ssl-protocol", "ssl-cipher", "x-edge-response-result-type",
	"cs-protocol-version", "fle-status", "fle-encrypted-fields", "c-port",
	"time-to-first-byte", "x-edge-detailed-result-type", "sc-content-type",
	"sc-content-len", "sc-range-start", "sc-range-end",
}

// RealtimeFields is AWS's catalogue of real-time log fields in the order
// CloudFront writes them when a real-time log configuration selects all
// of them: the default field list of Realtime. A configuration that
// selects fewer writes the selected ones in this same relative order.
var RealtimeFields = []string{
	"timestamp", "c-ip", "time-to-first-byte", "sc-status", "sc-bytes",
	"cs-method", "cs-protocol", "cs-host", "cs-uri-stem", "cs-bytes",
	"x-edge-location", "x-edge-request-id", "x-host-header", "time-taken",
	"cs-protocol-version", "c-ip-version", "cs-user-agent", "cs-referer",
	"cs-cookie", "cs-uri-query", "x-edge-response-result-type",
	"x-forwarded-for", "ssl-protocol", "ssl-cipher", "x-edge-result-type",
	"fle-encrypted-fields", "fle-status", "sc-content-type", "sc-content-len",
	"sc-range-start", "sc-range-end", "c-port", "x-edge-detailed-result-type",
	"c-country", "cs-accept-encoding", "cs-accept",
	"cache-behavior-path-pattern", "cs-headers", "cs-header-names",
	"cs-headers-count", "origin-fbl", "origin-lbl", "asn",
}

// The documented standard field lists by length, for lines without a
// #Fields line.
var (
	standard24 = w3c.NewFields(standardFields[:24]...)
	standard26 = w3c.NewFields(standardFields[:26]...)
	standard33 = w3c.NewFields(standardFields...)
)

// documentedStandard returns AWS's documented standard field list with n
// fields, or nil.
func documentedStandard(n int) *w3c.Fields {
	switch n {
	case 24:
		return standard24
	case 26:
		return standard26
	case 33:
		return standard33
	}
	return nil
}

// column says how one field is mapped.
type column uint8

const (
	colUnknown column = iota // kept under aws.cloudfront.fields.<name>
	colDate
	colTime
	colTimestamp   // epoch seconds with a fraction (real-time logs)
	colTimestampMs // epoch milliseconds
	colEdgeLocation
	colScBytes
	colClientIP
	colMethod
	colHost // cs(Host): the distribution's CloudFront domain name
	colURIStem
	colStatus
	colReferer
	colUserAgent
	colQuery
	colCookie
	colEdgeResultType
	colRequestID
	colHostHeader
	colProtocol
	colCsBytes
	colTimeTaken
	colForwardedFor
	colSSLProtocol
	colSSLCipher
	colEdgeResponseResultType
	colProtocolVersion
	colFLEStatus
	colFLEEncryptedFields
	colClientPort
	colTimeToFirstByte
	colEdgeDetailedResultType
	colContentType
	colContentLen
	colRangeStart
	colRangeEnd
	colIPVersion
	colCountry
	colAcceptEncoding
	colAccept
	colCacheBehavior
	colHeaders
	colHeaderNames
	colHeadersCount
	colOriginFBL
	colOriginLBL
	colASN
	colDistributionID
	colDistributionDomain
	numColumns
)

// columns maps every field name CloudFront writes, in the spellings of
// the standard logs' #Fields line and of the real-time and v2
// configurations, to its mapping.
var columns = map[string]column{
	"date":                        colDate,
	"time":                        colTime,
	"timestamp":                   colTimestamp,
	"timestamp(ms)":               colTimestampMs,
	"x-edge-location":             colEdgeLocation,
	"sc-bytes":                    colScBytes,
	"c-ip":                        colClientIP,
	"cs-method":                   colMethod,
	"cs(Host)":                    colHost,
	"cs-host":                     colHost,
	"cs-uri-stem":                 colURIStem,
	"sc-status":                   colStatus,
	"cs(Referer)":                 colReferer,
	"cs-referer":                  colReferer,
	"cs(User-Agent)":              colUserAgent,
	"cs-user-agent":               colUserAgent,
	"cs-uri-query":                colQuery,
	"cs(Cookie)":                  colCookie,
	"cs-cookie":                   colCookie,
	"x-edge-result-type":          colEdgeResultType,
	"x-edge-request-id":           colRequestID,
	"x-host-header":               colHostHeader,
	"cs-protocol":                 colProtocol,
	"cs-bytes":                    colCsBytes,
	"time-taken":                  colTimeTaken,
	"x-forwarded-for":             colForwardedFor,
	"ssl-protocol":                colSSLProtocol,
	"ssl-cipher":                  colSSLCipher,
	"x-edge-response-result-type": colEdgeResponseResultType,
	"cs-protocol-version":         colProtocolVersion,
	"fle-status":                  colFLEStatus,
	"fle-encrypted-fields":        colFLEEncryptedFields,
	"c-port":                      colClientPort,
	"time-to-first-byte":          colTimeToFirstByte,
	"x-edge-detailed-result-type": colEdgeDetailedResultType,
	"sc-content-type":             colContentType,
	"sc-content-len":              colContentLen,
	"sc-range-start":              colRangeStart,
	"sc-range-end":                colRangeEnd,
	"c-ip-version":                colIPVersion,
	"c-country":                   colCountry,
	"cs-accept-encoding":          colAcceptEncoding,
	"cs-accept":                   colAccept,
	"cache-behavior-path-pattern": colCacheBehavior,
	"cs-headers":                  colHeaders,
	"cs-header-names":             colHeaderNames,
	"cs-headers-count":            colHeadersCount,
	"origin-fbl":                  colOriginFBL,
	"origin-lbl":                  colOriginLBL,
	"asn":                         colASN,
	"DistributionId":              colDistributionID,
	"distribution-id":             colDistributionID,
	"DistributionDNSName":         colDistributionDomain,
}

// maxUnknownFields bounds the fields of one list kept under
// aws.cloudfront.fields, so that a hostile or broken #Fields line cannot
// blow up the index mapping; values beyond it stay in event.original.
const maxUnknownFields = 32

// plan is how the fields of one field list are mapped: the column of
// each position, and the vendor path of each unknown field.
type plan struct {
	cols    []column
	unknown []string // vendor path per position, "" when the field is known or repeated
	n       int
	// names spells each mapped column as the list does, for errors.
	names [numColumns]string
}

// The plans of the documented lists, built once.
var (
	plan24 = buildPlan(standard24)
	plan26 = buildPlan(standard26)
	plan33 = buildPlan(standard33)
)

// plans caches the plan of each field list of one object (one per
// #Fields line that changes the list, which the w3c reader bounds), so
// that it is built once per list, not once per line.
type plans struct{ m sync.Map }

func (ps *plans) get(f *w3c.Fields) *plan {
	switch f {
	case standard24:
		return plan24
	case standard26:
		return plan26
	case standard33:
		return plan33
	}
	if p, ok := ps.m.Load(f); ok {
		return p.(*plan)
	}
	p, _ := ps.m.LoadOrStore(f, buildPlan(f))
	return p.(*plan)
}

func buildPlan(f *w3c.Fields) *plan {
	p := &plan{cols: make([]column, f.Len()), unknown: make([]string, f.Len()), n: f.Len()}
	seen := map[column]bool{}
	seenPath := map[string]bool{}
	for i := range f.Len() {
		name := f.Name(i)
		c, ok := columns[name]
		if !ok {
			c, ok = columns[strings.ToLower(name)]
		}
		if ok {
			if seen[c] {
				// A list that names a field twice: the first one wins, as
				// w3c.Fields.Index does; the repeat is left in
				// event.original.
				p.cols[i] = colUnknown
				continue
			}
			seen[c] = true
			p.cols[i] = c
			p.names[c] = name
			continue
		}
		path := unknownPath(name)
		if path == "" || seenPath[path] || len(seenPath) == maxUnknownFields {
			continue
		}
		seenPath[path] = true
		p.unknown[i] = path
	}
	return p
}

// unknownPath is the vendor path of a field this package does not map:
// aws.cloudfront.fields.<name in snake case>. It is "" for a name with
// no letter or digit.
func unknownPath(name string) string {
	var b strings.Builder
	b.WriteString(Dataset + ".fields.")
	n := b.Len()
	under := false
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			under = false
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
			under = false
		default:
			if b.Len() > n && !under {
				b.WriteByte('_')
				under = true
			}
		}
		if b.Len() > n+64 {
			break
		}
	}
	s := strings.TrimSuffix(b.String(), "_")
	if len(s) == n {
		return ""
	}
	return s
}
