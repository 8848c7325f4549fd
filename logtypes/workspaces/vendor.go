package workspaces

import "github.com/siem-go/siem"

// vendorSchema declares the aws.workspaces fields that are not keywords.
var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields: []siem.VendorField{
		{Path: "root_volume_encryption_enabled", Type: siem.VendorBoolean},
		{Path: "user_volume_encryption_enabled", Type: siem.VendorBoolean},
		{Path: "workspace_properties.running_mode_auto_stop_timeout_in_minutes", Type: siem.VendorLong},
		{Path: "workspace_properties.root_volume_size_gib", Type: siem.VendorLong},
		{Path: "workspace_properties.user_volume_size_gib", Type: siem.VendorLong},
		// Lists of objects and members this type does not know, kept as
		// compact JSON text: no shape of theirs can conflict in a mapping.
		{Path: "modification_states", Type: siem.VendorWildcard},
		{Path: "related_workspaces", Type: siem.VendorWildcard},
		{Path: "data_replication_settings", Type: siem.VendorWildcard},
		{Path: "standby_workspaces_properties", Type: siem.VendorWildcard},
		{Path: "other", Type: siem.VendorWildcard},
		{Path: "error_message", Type: siem.VendorWildcard},
	},
}
