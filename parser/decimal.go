package parser

// ParseUint reads a non-negative decimal integer from a field's bytes, as
// strconv.ParseUint(s, 10, 64) does for plain digits: no sign, no
// underscores, no base prefix, at most 2^64-1. It allocates nothing,
// which matters on the hot path of text formats, where converting every
// numeric field to a string for strconv would cost an allocation each.
func ParseUint(b []byte) (uint64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		d := uint64(c - '0')
		if d > 9 {
			return 0, false
		}
		// n*10+d overflows exactly when n > (2^64-1-d)/10.
		if n > (1<<64-1-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, true
}
