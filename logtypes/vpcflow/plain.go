package vpcflow

import "github.com/siem-go/siem/ecs"

// Values known in advance, encoded once. ecs.Event.Keyword and
// KeywordBytes scan every value for bytes to escape, and at about a
// microsecond a record the dozen scans per record of values that cannot
// need escaping were a measurable share; RawJSON copies them as they are.
var (
	jsonAWS      = []byte(`"aws"`)
	jsonEvent    = []byte(`"event"`)
	jsonSuccess  = []byte(`"success"`)
	jsonFailure  = []byte(`"failure"`)
	jsonAccept   = []byte(`"ACCEPT"`)
	jsonReject   = []byte(`"REJECT"`)
	jsonOK       = []byte(`"OK"`)
	jsonNoData   = []byte(`"NODATA"`)
	jsonSkipData = []byte(`"SKIPDATA"`)
	jsonIngress  = []byte(`"ingress"`)
	jsonEgress   = []byte(`"egress"`)
	jsonIPv4     = []byte(`"ipv4"`)
	jsonIPv6     = []byte(`"ipv6"`)

	// protocolNumbersJSON and transportsJSON are protocolNumbers and
	// transports as JSON strings; nil where the name is empty, which
	// RawJSON skips as Keyword skips "".
	protocolNumbersJSON = quoteAll(&protocolNumbers)
	transportsJSON      = quoteAll(&transports)
)

// knownJSON returns the JSON string of a keyword column's value when it
// is one of the few that fill most records (the action, the log status,
// the format version), or nil.
func knownJSON(v []byte) []byte {
	switch string(v) {
	case "ACCEPT":
		return jsonAccept
	case "REJECT":
		return jsonReject
	case "OK":
		return jsonOK
	case "NODATA":
		return jsonNoData
	case "SKIPDATA":
		return jsonSkipData
	}
	if len(v) == 1 && v[0] >= '0' && v[0] <= '9' {
		return protocolNumbersJSON[v[0]-'0']
	}
	return nil
}

// setKeyword sets a keyword column's value, sparing the escape scan for
// the values most records carry: the constants knownJSON knows and
// numbers such as account ids, which a digit check proves plain.
func setKeyword(ev *ecs.Event, path string, v []byte) {
	if j := knownJSON(v); j != nil {
		ev.RawJSON(path, j)
		return
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			ev.KeywordBytes(path, v)
			return
		}
	}
	ev.KeywordPlainBytes(path, v)
}

func quoteAll(names *[256]string) (q [256][]byte) {
	for i, name := range names {
		if name != "" {
			q[i] = ecs.AppendString(nil, name)
		}
	}
	return q
}

// setNumber sets path to n, which was parsed from text. Numbers are most
// of a flow record, and ParseUint accepts only digits: text without a
// leading zero is exactly what formatting n would write, so it is copied.
func setNumber(ev *ecs.Event, path string, n int64, text []byte) {
	if canonical(text) {
		ev.RawJSON(path, text)
	} else {
		ev.Long(path, n)
	}
}

// canonical reports whether the digits in text have no leading zero.
func canonical(text []byte) bool {
	return len(text) == 1 || len(text) > 1 && text[0] != '0'
}
