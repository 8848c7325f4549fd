package inspector

import "github.com/siem-go/siem"

// vendorSchema declares the aws.inspector fields that are not keywords.
// The harness checks every golden document against it.
var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields: []siem.VendorField{
		{Path: "first_observed_at", Type: siem.VendorDate},
		{Path: "last_observed_at", Type: siem.VendorDate},
		{Path: "updated_at", Type: siem.VendorDate},
		{Path: "exploitability_details.last_known_exploit_at", Type: siem.VendorDate},
		{Path: "inspector_score", Type: siem.VendorDouble},
		{Path: "epss.score", Type: siem.VendorDouble},
		// Remediation advice can be longer than a keyword indexes.
		{Path: "remediation.recommendation.text", Type: siem.VendorWildcard},
		// The free-form members, as they came (cleaned: see freeform.AppendClean).
		{Path: "inspector_score_details", Type: siem.VendorFlatObject},
		{Path: "package_vulnerability_details", Type: siem.VendorFlatObject},
		{Path: "network_reachability_details", Type: siem.VendorFlatObject},
		{Path: "code_vulnerability_details", Type: siem.VendorFlatObject},
		{Path: "resources", Type: siem.VendorFlatObject},
		{Path: "other", Type: siem.VendorFlatObject},
	},
}
