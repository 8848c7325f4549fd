package syslog_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/siem-go/siem/parser/syslog"
)

// A line from /var/log/secure has no year: the object's time gives it one.
// Read on 2 January 2027, a line of 31 December belongs to 2026.
func ExampleParse() {
	line := []byte("Dec 31 23:59:58 bastion-1 sshd[2841]: Accepted publickey for alice from 2001:db8::7 port 51514 ssh2")
	m, err := syslog.Parse(line, syslog.Options{
		Reference: time.Date(2027, 1, 2, 3, 0, 0, 0, time.UTC), // e.g. the S3 object's LastModified
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Format, m.Timestamp.Format(time.RFC3339), m.HasYear)
	fmt.Printf("host=%s app=%s pid=%s\n", m.Hostname, m.AppName, m.ProcID)
	fmt.Printf("msg=%s\n", m.Msg)
	// Output:
	// RFC3164 2026-12-31T23:59:58Z false
	// host=bastion-1 app=sshd pid=2841
	// msg=Accepted publickey for alice from 2001:db8::7 port 51514 ssh2
}

// Structured data is ranged over without allocating; values are unescaped
// only on request, into a buffer the caller reuses.
func ExampleStructuredData() {
	line := []byte(`<86>1 2026-11-27T10:00:00.123+01:00 bastion-1 sshd 2841 auth [origin ip="198.51.100.23"][x@32473 note="said \"hi\""] ` + "\ufeffAccepted password for alice")
	m, err := syslog.Parse(line, syslog.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Priority.Facility(), m.Priority.Severity(), m.Timestamp.UTC().Format(time.RFC3339Nano))
	var buf []byte // reused for every value
	for e := range m.StructuredData.Elements() {
		for p := range e.Params() {
			buf = p.AppendValue(buf[:0])
			fmt.Printf("%s %s=%s\n", e.ID, p.Name, buf)
		}
	}
	fmt.Printf("%s\n", m.Msg)
	// Output:
	// authpriv info 2026-11-27T09:00:00.123Z
	// origin ip=198.51.100.23
	// x@32473 note=said "hi"
	// Accepted password for alice
}

func ExampleError() {
	_, err := syslog.Parse([]byte("<13>Foo 27 10:00:00 host app: x"), syslog.Options{})
	fmt.Println(err)
	var perr *syslog.Error
	if errors.As(err, &perr) {
		fmt.Println(perr.Offset)
	}
	// Output:
	// offset 4: expected a month name such as "Nov"
	// 4
}
