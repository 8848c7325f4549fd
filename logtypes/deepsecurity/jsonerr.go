package deepsecurity

import "strings"

// jsonError returns fastjson's error without its chain of context:
// fastjson wraps the innermost message in "cannot parse object value: "
// once per nesting level, so that a hostile record nested 300 deep would
// otherwise get a dead-letter reason of several kilobytes. The innermost
// message and the unparsed tail that follows it say what is wrong.
func jsonError(err error) string {
	msg, tail, hasTail := strings.Cut(err.Error(), "; unparsed tail: ")
	for {
		i := strings.Index(msg, ": cannot parse ")
		if i < 0 {
			break
		}
		msg = msg[i+2:]
	}
	if hasTail {
		msg += "; unparsed tail: " + tail
	}
	return msg
}
