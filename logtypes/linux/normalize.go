package linux

import (
	"errors"
	"net/netip"
	"strconv"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/parser/syslog"
)

// maxFuture is how far after the reference time a line without a year
// may fall before it is taken to be from the year before (the package
// syslog default, repeated here because doc.go states it).
const maxFuture = syslog.DefaultMaxFuture

// normalize maps one syslog line onto ev. secureRoute, when not empty,
// is where sshd, sudo and su lines go (the system log sends them to the
// secure log's index family).
func normalize(rec siem.Record, ev *ecs.Event, k *keyInfo, loc *time.Location, secureRoute string) error {
	ref := rec.Ingested
	if !k.rotated.IsZero() {
		ref = k.rotated
	}
	var cwl *envelope.CloudWatchLogsMeta
	if d := rec.Delivery; d != nil {
		if !d.Time.IsZero() {
			ref = d.Time
		}
		cwl, _ = d.Meta.(*envelope.CloudWatchLogsMeta)
	}
	m, err := syslog.Parse(rec.Data, syslog.Options{Reference: ref, Location: loc, MaxFuture: maxFuture})
	if err != nil {
		var se *syslog.Error
		if errors.As(err, &se) {
			return errors.New("not a syslog line: " + se.Error())
		}
		return errors.New("not a syslog line: " + err.Error())
	}
	ts := m.Timestamp
	if ts.IsZero() {
		// RFC 5424's nil timestamp: the originator had no clock.
		ts = ref
	}
	if ts.IsZero() {
		return errors.New("syslog line with the nil timestamp \"-\" and no delivery or ingest time to use instead")
	}
	ev.Date("@timestamp", ts)
	ev.Keyword("event.kind", "event")
	if loc != time.UTC {
		ev.Keyword("event.timezone", loc.String())
	}

	var f facts
	host := string(m.Hostname)
	ev.Keyword("host.hostname", host)
	ev.Keyword("host.name", host)
	f.host(host)

	app := string(m.AppName)
	ev.Keyword("process.name", app)
	if pid, ok := parser.ParseUint(m.ProcID); ok && pid <= 1<<62 {
		ev.Long("process.pid", int64(pid))
	} else if string(m.ProcID) != "-" {
		ev.KeywordBytes("log.syslog.procid", m.ProcID)
	}
	if m.HasPriority {
		ev.Long("log.syslog.priority", int64(m.Priority))
		ev.Long("log.syslog.facility.code", int64(m.Priority.Facility()))
		ev.Keyword("log.syslog.facility.name", m.Priority.Facility().String())
		ev.Long("log.syslog.severity.code", int64(m.Priority.Severity()))
		ev.Keyword("log.syslog.severity.name", m.Priority.Severity().String())
	}
	if m.Format == syslog.RFC5424 {
		ev.Keyword("log.syslog.version", strconv.Itoa(m.Version))
		ev.KeywordBytes("log.syslog.msgid", m.MsgID)
		if m.StructuredData != nil {
			ev.RawJSON("log.syslog.structured_data", structuredJSON(m.StructuredData))
		}
	}
	ev.KeywordBytes("message", m.Msg)

	// The CloudWatch agent names its streams after the instance by
	// default; the reference system reads the instance id from there.
	if cwl != nil {
		if id := instanceID(cwl.LogStream); id != "" {
			ev.Keyword("cloud.instance.id", id)
			f.host(id)
		}
		ev.Keyword("cloud.region", k.region)
	} else if k.account != "" {
		ev.Keyword("cloud.provider", "aws")
		ev.Keyword("cloud.account.id", k.account)
		ev.Keyword("cloud.region", k.region)
	}

	interpret(app, string(m.Msg), ev, &f)
	if secureRoute != "" && isSecureProgram(app) {
		ev.SetRoute(secureRoute)
	}

	ev.Keywords("related.user", f.users[:f.nusers]...)
	ev.IPs("related.ip", f.ips[:f.nips]...)
	ev.Keywords("related.hosts", f.hosts[:f.nhosts]...)
	return nil
}

// isSecureProgram reports whether app's lines belong in the secure log's
// index family wherever they were written: the reference system's sshd,
// sudo and su, with the names OpenSSH 9.8 and later log under.
func isSecureProgram(app string) bool {
	switch app {
	case "sshd", "sshd-session", "sshd-auth", "sudo", "su":
		return true
	}
	return false
}

// facts collects the related.* values of one record.
type facts struct {
	users  [4]string
	nusers int
	ips    [2]netip.Addr
	nips   int
	hosts  [3]string
	nhosts int
}

func (f *facts) user(u string) {
	if u != "" && f.nusers < len(f.users) {
		f.users[f.nusers] = u
		f.nusers++
	}
}

func (f *facts) ip(a netip.Addr) {
	if a.IsValid() && f.nips < len(f.ips) {
		f.ips[f.nips] = a
		f.nips++
	}
}

func (f *facts) host(h string) {
	if h != "" && f.nhosts < len(f.hosts) {
		f.hosts[f.nhosts] = h
		f.nhosts++
	}
}

// structuredJSON renders RFC 5424 structured data as an object of
// objects, {"SD-ID": {"PARAM-NAME": "value", ...}, ...}, for ECS's
// flattened log.syslog.structured_data. A parameter or element repeated
// keeps its last value, so that the object has no duplicate keys.
func structuredJSON(sd syslog.StructuredData) []byte {
	type param struct{ name, value string }
	type element struct {
		id     string
		params []param
	}
	var elems []element
	var scratch []byte
	for e := range sd.Elements() {
		id := string(e.ID)
		var el *element
		for i := range elems {
			if elems[i].id == id {
				el = &elems[i]
			}
		}
		if el == nil {
			elems = append(elems, element{id: id})
			el = &elems[len(elems)-1]
		}
		for p := range e.Params() {
			name, value := string(p.Name), string(p.Value(scratch[:0]))
			replaced := false
			for i := range el.params {
				if el.params[i].name == name {
					el.params[i].value, replaced = value, true
				}
			}
			if !replaced {
				el.params = append(el.params, param{name, value})
			}
		}
	}
	b := []byte{'{'}
	for i, el := range elems {
		if i > 0 {
			b = append(b, ',')
		}
		b = ecs.AppendString(b, el.id)
		b = append(b, ':', '{')
		for j, p := range el.params {
			if j > 0 {
				b = append(b, ',')
			}
			b = ecs.AppendString(b, p.name)
			b = append(b, ':')
			b = ecs.AppendString(b, p.value)
		}
		b = append(b, '}')
	}
	return append(b, '}')
}
