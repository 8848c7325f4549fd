package leef_test

import (
	"fmt"

	"github.com/siem-go/siem/parser/leef"
)

// A LEEF 2.0 event with a caret delimiter behind a syslog header, and a
// Deep Security event that leaves the delimiter field out.
func ExampleParse() {
	var r leef.Record // reuse it from one record to the next
	for _, line := range []string{
		"<13>Jan 18 11:07:53 192.0.2.1 LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=5^dstPort=21",
		"LEEF:2.0|Trend Micro|Deep Security Agent|20.0.1.690|4000000|cat=Anti-Malware\tsev=6\tcn1=88\tcn1Label=Host ID\tfilePath=C:\\Users\\alice\\eicar.com",
		"LEEF:2.0|Acme|Gate|1.0|login|^^|usrName=bob",
	} {
		if err := leef.Parse([]byte(line), &r); err != nil {
			fmt.Println(err)
			continue
		}
		sev, _ := r.SeverityLevel()
		fmt.Printf("%s %s event %s, delimiter %q, severity %d, prefix %q\n", r.Vendor, r.Product, r.EventID, r.Delimiter, sev, r.Prefix)
		for _, a := range r.Attributes {
			kind := "custom"
			if k, ok := a.Predefined(); ok {
				kind = k.Type
			}
			fmt.Printf("  %s (%s) = %s\n", a.Key, kind, a.Value)
		}
		if host, ok := r.ByLabel("Host ID"); ok {
			fmt.Printf("  host id %s, from %s\n", host.Value, host.Key)
		}
	}
	// Output:
	// Lancope StealthWatch event 41, delimiter "^", severity 5, prefix "<13>Jan 18 11:07:53 192.0.2.1"
	//   src (ip) = 10.0.1.8
	//   dst (ip) = 10.0.0.5
	//   sev (integer) = 5
	//   dstPort (integer) = 21
	// Trend Micro Deep Security Agent event 4000000, delimiter "\t", severity 6, prefix ""
	//   cat (string) = Anti-Malware
	//   sev (integer) = 6
	//   cn1 (custom) = 88
	//   cn1Label (custom) = Host ID
	//   filePath (custom) = C:\Users\alice\eicar.com
	//   host id 88, from cn1
	// offset 29: LEEF 2.0 delimiter "^^" is neither one character nor a hex code such as x09 or 0x5E
}
