package clientvpn

import "github.com/siem-go/siem"

// vendorSchema declares the aws.clientvpn fields that are not keywords.
var vendorSchema = siem.VendorSchema{Fields: []siem.VendorField{
	{Path: "client_ip", Type: siem.VendorIP},
	{Path: "other", Type: siem.VendorFlatObject},
	{Path: "other_json", Type: siem.VendorWildcard},
}}
