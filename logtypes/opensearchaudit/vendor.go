package opensearchaudit

import "github.com/siem-go/siem"

// vendorSchema declares the aws.opensearch_audit fields that are not
// keywords. The harness checks every golden document against it.
var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields: []siem.VendorField{
		{Path: "audit_format_version", Type: siem.VendorLong},
		{Path: "audit_node_host_address", Type: siem.VendorIP},
		{Path: "audit_request_effective_user_is_admin", Type: siem.VendorBoolean},
		{Path: "audit_request_body", Type: siem.VendorWildcard},
		{Path: "audit_request_exception_stacktrace", Type: siem.VendorWildcard},
		{Path: "audit_rest_request_params", Type: siem.VendorFlatObject},
		{Path: "audit_rest_request_headers", Type: siem.VendorFlatObject},
		{Path: "audit_transport_headers", Type: siem.VendorFlatObject},
		{Path: "audit_trace_shard_id", Type: siem.VendorLong},
		{Path: "audit_compliance_doc_version", Type: siem.VendorLong},
		{Path: "audit_compliance_diff_is_noop", Type: siem.VendorBoolean},
		{Path: "audit_compliance_diff_stored_is_noop", Type: siem.VendorBoolean},
		{Path: "audit_compliance_diff_content", Type: siem.VendorWildcard},
		{Path: "audit_compliance_file_infos", Type: siem.VendorFlatObject},
		// Members this package does not know, and known members whose
		// JSON type is not the documented one.
		{Path: "other", Type: siem.VendorFlatObject},
	},
}
