package syslog

import "time"

// parse5424 reads "TIMESTAMP HOST APP PROCID MSGID SD [MSG]" at line[p:],
// after "<PRI>1 ".
func (m *Message) parse5424(line []byte, p int, opt *Options) *Error {
	if p < len(line) && line[p] == '-' {
		p++
	} else {
		var t timeParts
		var err *Error
		if p, err = parseISOTime(line, p, &t, true); err != nil {
			return err
		}
		m.Timestamp, m.HasYear, m.HasZone, m.FracDigits = t.timeOf(time.UTC), true, true, t.fracDigits
	}
	if p >= len(line) || line[p] != ' ' {
		return errAt(p, `a space after the timestamp`)
	}
	var err *Error
	if m.Hostname, p, err = headerField(line, p+1, "a host name or \"-\"", `a space after the host name`); err != nil {
		return err
	}
	if m.AppName, p, err = headerField(line, p, "an app name or \"-\"", `a space after the app name`); err != nil {
		return err
	}
	if m.ProcID, p, err = headerField(line, p, "a process id or \"-\"", `a space after the process id`); err != nil {
		return err
	}
	if m.MsgID, p, err = headerField(line, p, "a message id or \"-\"", `a space after the message id`); err != nil {
		return err
	}
	switch {
	case p < len(line) && line[p] == '-':
		p++
	case p < len(line) && line[p] == '[':
		start := p
		for p < len(line) && line[p] == '[' {
			if _, _, p, err = scanElement(line, p); err != nil {
				return err
			}
		}
		m.StructuredData = StructuredData(sub(line, start, p))
	default:
		return errAt(p, `structured data: "[" or "-"`)
	}
	if p < len(line) {
		if line[p] != ' ' {
			return errAt(p, `a space or the end of the line after the structured data`)
		}
		p++
		if len(line)-p >= 3 && line[p] == 0xef && line[p+1] == 0xbb && line[p+2] == 0xbf {
			p += 3
		}
	}
	m.Msg = sub(line, p, len(line))
	return nil
}

// headerField reads one space-terminated header field of printable ASCII
// and returns it (nil for "-") and the offset after its space.
func headerField(line []byte, p int, what, space string) ([]byte, int, *Error) {
	start := p
	for p < len(line) && line[p] > ' ' && line[p] < 0x7f {
		p++
	}
	if p == start {
		return nil, 0, errAt(p, what)
	}
	if p >= len(line) || line[p] != ' ' {
		return nil, 0, errAt(p, space)
	}
	if p == start+1 && line[start] == '-' {
		return nil, p + 1, nil
	}
	return sub(line, start, p), p + 1, nil
}
