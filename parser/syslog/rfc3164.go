package syslog

import "time"

// maxSpacedTag bounds the search for a tag that holds spaces, such as
// macOS's "Google Chrome[85294]:"; 48 is RFC 5424's APP-NAME limit.
const maxSpacedTag = 48

// parse3164 reads "TIMESTAMP [HOST ][TAG[PID]: ]MSG" at line[p:].
func (m *Message) parse3164(line []byte, p int, opt *Options) *Error {
	var t timeParts
	var err *Error
	start := p
	switch {
	case p < len(line) && isDigit(line[p]):
		p, err = parseISOTime(line, p, &t, false)
		m.HasYear = true
	case m.HasPriority && p < len(line) && (line[p]|0x20)-'a' < 26, monthAt(line, p) > 0:
		p, err = parseBSDTime(line, p, &t)
	default:
		if m.HasPriority {
			return errAt(p, `a timestamp such as "Nov 27 10:00:00" or "2026-11-27T10:00:00Z"`)
		}
		return errAt(p, `a priority such as "<13>" or a timestamp such as "Nov 27 10:00:00" or "2026-11-27T10:00:00Z"`)
	}
	if err != nil {
		return err
	}
	if p < len(line) && line[p] != ' ' {
		return errAt(p, `a space after the timestamp`)
	}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	if !m.HasYear {
		ref := opt.Reference
		if ref.IsZero() {
			ref = time.Now()
		}
		maxFuture := opt.MaxFuture
		if maxFuture == 0 {
			maxFuture = DefaultMaxFuture
		} else if maxFuture < 0 {
			maxFuture = 0
		}
		at, ok := t.inferYear(ref, loc, maxFuture)
		if !ok {
			return errAt(start, "a date that exists in a year near the reference time")
		}
		m.Timestamp = at
	} else {
		m.Timestamp, m.HasZone = t.timeOf(loc), t.hasZone
	}
	m.FracDigits = t.fracDigits
	if p < len(line) {
		p++
	}
	m.header3164(line, p)
	return nil
}

// header3164 splits what follows the timestamp into host, tag and
// message. Only the timestamp is mandatory: whatever cannot be a host or a
// tag is the message.
func (m *Message) header3164(line []byte, p int) {
	n := len(line)
	// A first word that is a complete tag ("sshd[42]:", "kernel:") means
	// the host was left out.
	if app, pid, msg, ok := tagAt(line, p, false); ok {
		m.AppName, m.ProcID, m.Msg = app, pid, sub(line, msg, n)
		return
	}
	end := p
	host := false
	for end < n && line[end] != ' ' {
		host = host || isAlnum(line[end])
		if line[end] < ' ' || line[end] == 0x7f {
			host = false
			break
		}
		end++
	}
	if !host {
		// "--- last message repeated 1 time ---" (macOS) has no host.
		m.Msg = sub(line, p, n)
		return
	}
	m.Hostname = sub(line, p, end)
	if end < n {
		end++
	}
	if app, pid, msg, ok := tagAt(line, end, true); ok {
		m.AppName, m.ProcID, m.Msg = app, pid, sub(line, msg, n)
		return
	}
	m.Msg = sub(line, end, n)
}

// tagAt reads a tag at line[p:] and returns it, its pid and the offset of
// the message after it. A tag is a word followed by ": " or by "[PID]:".
// With loose (after a host name) it may also be "TAG[PID] " without the
// colon (macOS launchd), or hold spaces when a "[PID]:" follows
// ("Google Chrome[85294]:").
func tagAt(line []byte, p int, loose bool) (app, pid []byte, msg int, ok bool) {
	n := len(line)
	i := p
	for i < n && line[i] != ' ' && line[i] != ':' && line[i] != '[' {
		i++
	}
	if i == p || i == n {
		return nil, nil, 0, false
	}
	switch line[i] {
	case ':':
		if i+1 == n {
			return sub(line, p, i), nil, n, true
		}
		if line[i+1] == ' ' {
			return sub(line, p, i), nil, i + 2, true
		}
		return nil, nil, 0, false
	case '[':
		pid, msg, ok := pidAt(line, i, loose, false)
		if !ok {
			return nil, nil, 0, false
		}
		return sub(line, p, i), pid, msg, true
	}
	// A space: only a bracketed pid with a colon can end a tag with
	// spaces.
	if !loose {
		return nil, nil, 0, false
	}
	limit := min(n, p+maxSpacedTag)
	for ; i < limit; i++ {
		switch line[i] {
		case '[':
			if line[i-1] == ' ' {
				return nil, nil, 0, false
			}
			pid, msg, ok := pidAt(line, i, false, true)
			if !ok {
				return nil, nil, 0, false
			}
			return sub(line, p, i), pid, msg, true
		case ':', ']':
			return nil, nil, 0, false
		}
	}
	return nil, nil, 0, false
}

// pidAt reads "[PID]" at line[i:] and what may follow it: ":" and an
// optional space, or, with noColon, a space or the end of the line.
func pidAt(line []byte, i int, noColon, numeric bool) (pid []byte, msg int, ok bool) {
	n := len(line)
	j := i + 1
	for j < n && line[j] != ']' && line[j] != ' ' && line[j] != '[' {
		if numeric && !isDigit(line[j]) {
			return nil, 0, false
		}
		j++
	}
	if j == i+1 || j == n || line[j] != ']' {
		return nil, 0, false
	}
	pid = sub(line, i+1, j)
	k := j + 1
	switch {
	case k < n && line[k] == ':':
		if k+1 < n && line[k+1] == ' ' {
			return pid, k + 2, true
		}
		return pid, k + 1, true
	case noColon && k == n:
		return pid, n, true
	case noColon && line[k] == ' ':
		return pid, k + 1, true
	}
	return nil, 0, false
}
