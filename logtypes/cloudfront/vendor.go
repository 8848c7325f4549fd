package cloudfront

import "github.com/siem-go/siem"

// vendorSchema declares the aws.cloudfront fields that are not keywords,
// for both types, which share the namespace. The harness checks every
// golden document against it.
var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields: []siem.VendorField{
		{Path: "content_len", Type: siem.VendorLong},
		{Path: "cookie", Type: siem.VendorWildcard},
		{Path: "fle_encrypted_fields", Type: siem.VendorLong},
		{Path: "headers", Type: siem.VendorWildcard},
		{Path: "headers_count", Type: siem.VendorLong},
		{Path: "origin_fbl", Type: siem.VendorDouble},
		{Path: "origin_lbl", Type: siem.VendorDouble},
		{Path: "range_end", Type: siem.VendorLong},
		{Path: "range_start", Type: siem.VendorLong},
		{Path: "time_to_first_byte", Type: siem.VendorDouble},
	},
}
