package networkfirewall

import "github.com/siem-go/siem"

// vendorSchema declares the fields under aws.networkfirewall that are not
// keywords.
var vendorSchema = siem.VendorSchema{Fields: []siem.VendorField{
	{Path: "event_timestamp", Type: siem.VendorDate},
	{Path: "flow_id", Type: siem.VendorUnsignedLong},
	{Path: "tx_id", Type: siem.VendorLong},
	{Path: "tls_inspected", Type: siem.VendorBoolean},
	{Path: "icmp_type", Type: siem.VendorLong},
	{Path: "icmp_code", Type: siem.VendorLong},
	{Path: "alert.gid", Type: siem.VendorLong},
	{Path: "alert.metadata", Type: siem.VendorFlatObject},
	{Path: "netflow.age", Type: siem.VendorLong},
	{Path: "netflow.min_ttl", Type: siem.VendorLong},
	{Path: "netflow.max_ttl", Type: siem.VendorLong},
	{Path: "tcp.*", Type: siem.VendorBoolean},
	{Path: "dns", Type: siem.VendorFlatObject},
	{Path: "other", Type: siem.VendorFlatObject},
}}
