package config

import "github.com/siem-go/siem"

// vendorSchema declares the aws.config fields that are not keywords.
// Every golden document is checked against it.
var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields: []siem.VendorField{
		// Free-form members, shaped by each resource type: objects of any
		// shape, every leaf a keyword under its dotted path, so that no
		// resource type can conflict with another or grow the mapping.
		{Path: "configuration", Type: siem.VendorFlatObject},
		{Path: "supplementary_configuration", Type: siem.VendorFlatObject},
		{Path: "configuration_item_diff", Type: siem.VendorFlatObject},
		{Path: "tags", Type: siem.VendorFlatObject},
		// Their text form, when a member is not an object OpenSearch can
		// take as a flat_object (see doc.go): compact JSON of any length.
		{Path: "configuration_text", Type: siem.VendorWildcard},
		{Path: "supplementary_configuration_text", Type: siem.VendorWildcard},
		{Path: "configuration_item_diff_text", Type: siem.VendorWildcard},
		{Path: "tags_text", Type: siem.VendorWildcard},
		{Path: "relationships_text", Type: siem.VendorWildcard},

		{Path: "resource_creation_time", Type: siem.VendorDate},
		{Path: "configuration_item_delivery_time", Type: siem.VendorDate},
		{Path: "sns.timestamp", Type: siem.VendorDate},
		{Path: "new_evaluation_result.result_recorded_time", Type: siem.VendorDate},
		{Path: "new_evaluation_result.config_rule_invoked_time", Type: siem.VendorDate},
		{Path: "new_evaluation_result.ordering_timestamp", Type: siem.VendorDate},
		{Path: "old_evaluation_result.result_recorded_time", Type: siem.VendorDate},
		{Path: "old_evaluation_result.config_rule_invoked_time", Type: siem.VendorDate},
		{Path: "old_evaluation_result.ordering_timestamp", Type: siem.VendorDate},
		// Annotations are free text up to 256 characters.
		{Path: "new_evaluation_result.annotation", Type: siem.VendorWildcard},
		{Path: "old_evaluation_result.annotation", Type: siem.VendorWildcard},
	},
}
