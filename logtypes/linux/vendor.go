package linux

import "github.com/siem-go/siem"

// vendorSchema declares the vendor fields under system.* that are not
// keywords: both types share it, since linux-syslog reads the
// authentication lines the system log holds as linux-secure does.
var vendorSchema = siem.VendorSchema{
	Namespace: Namespace,
	Fields: []siem.VendorField{
		{Path: "auth.ssh.dropped_ip", Type: siem.VendorIP},
		{Path: "auth.sudo.command", Type: siem.VendorWildcard},
		{Path: "cron.command", Type: siem.VendorWildcard},
	},
}
