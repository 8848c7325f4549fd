package cef_test

import (
	"fmt"

	"github.com/siem-go/siem/parser/cef"
)

// A Deep Security event relayed by syslog: the prefix is left for a syslog
// parser, values are found by either form of their key, and custom fields
// by their label.
func ExampleParse() {
	line := []byte(`<134>May 01 12:00:00 dsm01 CEF:0|Trend Micro|Deep Security Agent|20.0.1.690|4000000|Eicar_test_file|6|cn1=88 cn1Label=Host ID dvchost=ws-114 filePath=C:\\Users\\alice\\eicar.com act=Quarantine msg=Realtime`)

	var r cef.Record // reuse it from one record to the next
	if err := cef.Parse(line, &r); err != nil {
		fmt.Println(err)
		return
	}
	level, _ := r.SeverityLevel()
	fmt.Printf("prefix %q\n", r.Prefix)
	fmt.Printf("%s / %s %s: %s (severity %d)\n", r.DeviceVendor, r.DeviceProduct, r.SignatureID, r.Name, level)
	path, _ := r.Get("filePath")
	host, _ := r.Get("deviceHostName") // written as dvchost
	id, _ := r.ByLabel("Host ID")
	fmt.Printf("file %s on %s, host id %s (from %s)\n", path, host, id.Value, id.Key)
	for _, f := range r.Fields {
		if k, ok := f.Standard(); ok {
			fmt.Printf("%s (%s) = %s\n", f.Key, k.Full, f.Value)
		}
	}

	err := cef.Parse([]byte("CEF:0|Trend Micro|Deep Security Agent|20.0"), &r)
	fmt.Println(err)
	// Output:
	// prefix "<134>May 01 12:00:00 dsm01"
	// Trend Micro / Deep Security Agent 4000000: Eicar_test_file (severity 6)
	// file C:\Users\alice\eicar.com on ws-114, host id 88 (from cn1)
	// cn1 (deviceCustomNumber1) = 88
	// cn1Label (deviceCustomNumber1Label) = Host ID
	// dvchost (deviceHostName) = ws-114
	// filePath (filePath) = C:\Users\alice\eicar.com
	// act (deviceAction) = Quarantine
	// msg (message) = Realtime
	// offset 42: CEF header has 4 of its 7 pipe-separated fields
}
