package cloudtrail

import "github.com/siem-go/siem"

// vendorSchema declares the aws.cloudtrail fields that are not keywords.
// TestVendorSchema checks it against every golden output.
var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields: []siem.VendorField{
		// The string forms of the free-form members are compact JSON,
		// often longer than a keyword indexes (1024 characters) and
		// sometimes longer than any single term can be (32 KB): a wildcard
		// field indexes them whole, for substring search, at any length.
		{Path: "additional_eventdata", Type: siem.VendorWildcard},
		{Path: "insight_details", Type: siem.VendorWildcard},
		{Path: "request_parameters", Type: siem.VendorWildcard},
		{Path: "response_elements", Type: siem.VendorWildcard},
		{Path: "service_event_details", Type: siem.VendorWildcard},
		// The members themselves, as objects of any shape.
		{Path: "flattened.*", Type: siem.VendorFlatObject},

		{Path: "console_login.additional_eventdata.mfa_used", Type: siem.VendorBoolean},
		{Path: "console_login.additional_eventdata.mobile_version", Type: siem.VendorBoolean},
		{Path: "management_event", Type: siem.VendorBoolean},
		{Path: "read_only", Type: siem.VendorBoolean},
		{Path: "user_identity.session_context.creation_date", Type: siem.VendorDate},
	},
}
