package trustedadvisor

import "github.com/siem-go/siem"

// vendorSchema declares the aws.trustedadvisor fields that are not keywords.
var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields: []siem.VendorField{
		{Path: "refreshable", Type: siem.VendorBoolean},
		{Path: "result.timestamp", Type: siem.VendorDate},
		{Path: "result.resources_summary.resources_processed", Type: siem.VendorLong},
		{Path: "result.resources_summary.resources_flagged", Type: siem.VendorLong},
		{Path: "result.resources_summary.resources_ignored", Type: siem.VendorLong},
		{Path: "result.resources_summary.resources_suppressed", Type: siem.VendorLong},
		{Path: "result.category_specific_summary.cost_optimizing.estimated_monthly_savings", Type: siem.VendorDouble},
		{Path: "result.category_specific_summary.cost_optimizing.estimated_percent_monthly_savings", Type: siem.VendorDouble},
		{Path: "flagged_resource.is_suppressed", Type: siem.VendorBoolean},
		{Path: "flagged_resource.number", Type: siem.VendorLong},
		// The flagged resource's columns (check.metadata names, its
		// metadata values) and an EventBridge event's check-item-detail:
		// objects of one level whose keys differ per check.
		{Path: "flagged_resource.metadata", Type: siem.VendorFlatObject},
		{Path: "check_item_detail", Type: siem.VendorFlatObject},
		// Their text form, when a key or value is too long for one term.
		{Path: "flagged_resource.metadata_text", Type: siem.VendorWildcard},
		{Path: "check_item_detail_text", Type: siem.VendorWildcard},
		// Check descriptions are HTML of a few kilobytes.
		{Path: "check_ja.description", Type: siem.VendorWildcard},
		{Path: "other", Type: siem.VendorWildcard},
	},
}
