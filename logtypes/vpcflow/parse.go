package vpcflow

import "strconv"

// The parsers here read the []byte columns directly: converting a column to
// a string for strconv would allocate once per field and record, which at a
// million records a second is most of the budget. Addresses are read by
// parser.ParseAddr for the same reason.

// transports maps IANA protocol numbers to the lower-case IANA keyword that
// ECS network.transport wants. Numbers without an entry leave the field out
// rather than invent a name.
var transports = [256]string{
	0:   "hopopt",
	1:   "icmp",
	2:   "igmp",
	4:   "ipv4",
	6:   "tcp",
	8:   "egp",
	9:   "igp",
	17:  "udp",
	33:  "dccp",
	41:  "ipv6",
	42:  "sdrp",
	43:  "ipv6-route",
	44:  "ipv6-frag",
	46:  "rsvp",
	47:  "gre",
	50:  "esp",
	51:  "ah",
	58:  "ipv6-icmp",
	59:  "ipv6-nonxt",
	60:  "ipv6-opts",
	88:  "eigrp",
	89:  "ospfigp",
	94:  "ipip",
	103: "pim",
	108: "ipcomp",
	112: "vrrp",
	115: "l2tp",
	132: "sctp",
	136: "udplite",
	137: "mpls-in-ip",
}

// protocolNumbers holds "0".."255", so that network.iana_number is written
// in canonical form ("06" becomes "6") without formatting per record.
var protocolNumbers = func() (s [256]string) {
	for i := range s {
		s[i] = strconv.Itoa(i)
	}
	return s
}()

// tcpFlagArrays holds, for each combination of the six classic TCP flag
// bits, the JSON array of their names, in bit order as Elastic writes
// aws.vpcflow.tcp_flags_array. Higher bits are not documented by AWS and
// are left out of the array (the numeric value keeps them).
var tcpFlagArrays = func() (t [64][]byte) {
	names := [6]string{"fin", "syn", "rst", "psh", "ack", "urg"}
	for v := 1; v < len(t); v++ {
		b := []byte{'['}
		for bit, name := range names {
			if v&(1<<bit) == 0 {
				continue
			}
			if len(b) > 1 {
				b = append(b, ',')
			}
			b = append(b, '"')
			b = append(b, name...)
			b = append(b, '"')
		}
		t[v] = append(b, ']')
	}
	return t
}()

// maxEpoch is 9999-12-31T23:59:59Z: RFC 3339 has four-digit years.
const maxEpoch = 253402300799

// appendEpochJSON appends Unix seconds as a quoted RFC 3339 UTC time, as
// ecs.Event.Date writes whole seconds. secs must lie in [0, maxEpoch].
func appendEpochJSON(dst []byte, secs int64) []byte {
	s := uint64(secs)
	days, rem := s/86400, s%86400
	// Civil date from days since 1970-01-01 (proleptic Gregorian), counting
	// eras of 400 years from 0000-03-01 so that leap days fall at the end of
	// each year.
	z := days + 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	year := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	month := mp + 3
	if month > 12 {
		month -= 12
		year++
	}
	b := [22]byte{'"', 0, 0, 0, 0, '-', 0, 0, '-', 0, 0, 'T', 0, 0, ':', 0, 0, ':', 0, 0, 'Z', '"'}
	put2(b[1:], year/100)
	put2(b[3:], year%100)
	put2(b[6:], month)
	put2(b[9:], day)
	put2(b[12:], rem/3600)
	put2(b[15:], rem/60%60)
	put2(b[18:], rem%60)
	return append(dst, b[:]...)
}

func put2(b []byte, v uint64) {
	b[0] = byte('0' + v/10)
	b[1] = byte('0' + v%10)
}
