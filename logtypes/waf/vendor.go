package waf

import "github.com/siem-go/siem"

// vendorSchema declares the aws.waf fields that are not keywords. The
// harness checks it against every golden output.
var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields: []siem.VendorField{
		{Path: "format_version", Type: siem.VendorLong},
		{Path: "response_code_sent", Type: siem.VendorLong},
		{Path: "request_body_size_inspected_by_waf", Type: siem.VendorLong},
		{Path: "forwarded_asn", Type: siem.VendorLong},
		{Path: "captcha_response.response_code", Type: siem.VendorLong},
		{Path: "captcha_response.solve_timestamp", Type: siem.VendorDate},
		{Path: "challenge_response.response_code", Type: siem.VendorLong},
		{Path: "challenge_response.solve_timestamp", Type: siem.VendorDate},
		{Path: "request.client_ip", Type: siem.VendorIP},

		// Lists whose members change shape between records and rules
		// (matchedData is a list or null, rule sub-objects vary): flat
		// objects, so that they can neither conflict nor grow the
		// mapping. Each is an array of objects.
		{Path: "terminating_rule.match_details", Type: siem.VendorFlatObject},
		{Path: "rule_group_list", Type: siem.VendorFlatObject},
		{Path: "rate_based_rule_list", Type: siem.VendorFlatObject},
		{Path: "non_terminating_matching_rules", Type: siem.VendorFlatObject},
		{Path: "request_headers_inserted", Type: siem.VendorFlatObject},
		// Header names are the client's to choose: mapped one field per
		// name they would let any client grow the mapping.
		{Path: "request.headers", Type: siem.VendorFlatObject},
		{Path: "request.header_list", Type: siem.VendorFlatObject},
		// Members this type does not know (yet).
		{Path: "extra", Type: siem.VendorFlatObject},
		{Path: "request.extra", Type: siem.VendorFlatObject},
	},
}
