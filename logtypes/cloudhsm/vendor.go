package cloudhsm

import "github.com/siem-go/siem"

// vendorSchema declares the aws.cloudhsm fields that are not keywords.
var vendorSchema = siem.VendorSchema{Fields: []siem.VendorField{
	{Path: "host_time", Type: siem.VendorDate},
	{Path: "host_time_usec", Type: siem.VendorLong},
	{Path: "local_time", Type: siem.VendorDate},
	{Path: "local_time_usec", Type: siem.VendorLong},
	{Path: "log_type_code", Type: siem.VendorLong},
	{Path: "number_of_users", Type: siem.VendorLong},
	{Path: "other", Type: siem.VendorFlatObject},
	{Path: "propagation_delay", Type: siem.VendorLong},
	{Path: "reboot_counter", Type: siem.VendorLong},
	{Path: "response_code", Type: siem.VendorLong},
	{Path: "sequence_no", Type: siem.VendorLong},
	{Path: "timestamp_usec", Type: siem.VendorLong},
	{Path: "unparsed", Type: siem.VendorWildcard},
}}
