package linux_test

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/linux"
)

// A line of /var/log/secure becomes an ECS authentication event. The line
// has no year: it is the latest one that does not put the line more than
// 31 days after the time the file is read (here 2 January 2027).
func Example() {
	file := "Dec 31 23:59:58 bastion-1 sshd[2841]: Failed password for invalid user admin from 2001:db8::7 port 51514 ssh2\n"
	or, err := linux.Secure().Open(siem.Object{Key: "hosts/linux/bastion-1/secure"}, bytes.NewReader([]byte(file)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		rec, err := or.Next()
		if err == io.EOF {
			break
		}
		var ev ecs.Event
		if err := or.Normalize(siem.Record{Record: rec, Ingested: time.Date(2027, 1, 2, 8, 0, 0, 0, time.UTC)}, &ev); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(string(ev.AppendJSON(nil)))
	}
	// Output:
	// {"@timestamp":"2026-12-31T23:59:58Z","event":{"action":"ssh_login","category":["authentication"],"kind":"event","outcome":"failure","type":["info"]},"host":{"hostname":"bastion-1","name":"bastion-1"},"message":"Failed password for invalid user admin from 2001:db8::7 port 51514 ssh2","process":{"name":"sshd","pid":2841},"related":{"hosts":["bastion-1"],"ip":["2001:db8::7"],"user":["admin"]},"source":{"address":"2001:db8::7","ip":"2001:db8::7","port":51514},"system":{"auth":{"ssh":{"event":"Failed","method":"password"}}},"user":{"name":"admin"}}
}
