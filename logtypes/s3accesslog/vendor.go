package s3accesslog

import "github.com/siem-go/siem"

// vendorSchema declares the aws.s3accesslog fields that are not keywords.
// The harness checks every golden document against it.
var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields: []siem.VendorField{
		{Path: "acl_required", Type: siem.VendorBoolean},
		{Path: "object_size", Type: siem.VendorLong},
		{Path: "turn_around_time", Type: siem.VendorLong},
	},
}
