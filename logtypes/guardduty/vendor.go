package guardduty

import "github.com/siem-go/siem"

// vendorSchema declares the aws.guardduty fields that are not keywords.
// TestHarness checks every golden document against it.
var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields: []siem.VendorField{
		{Path: "severity.value", Type: siem.VendorDouble},
		{Path: "confidence", Type: siem.VendorDouble},
		{Path: "count", Type: siem.VendorLong},
		{Path: "archived", Type: siem.VendorBoolean},
		{Path: "action.blocked", Type: siem.VendorBoolean},
		{Path: "action.remote_account.affiliated", Type: siem.VendorBoolean},
		// The finding's resource and service members whole, every leaf
		// searchable under its path, whatever their shape.
		{Path: "flattened.resource", Type: siem.VendorFlatObject},
		{Path: "flattened.service", Type: siem.VendorFlatObject},
		{Path: "flattened.other", Type: siem.VendorFlatObject},
		// Their JSON text when they cannot be a flat_object (a key
		// OpenSearch refuses, or over 32766 bytes).
		{Path: "text.resource", Type: siem.VendorWildcard},
		{Path: "text.service", Type: siem.VendorWildcard},
		{Path: "text.other", Type: siem.VendorWildcard},
	},
}
