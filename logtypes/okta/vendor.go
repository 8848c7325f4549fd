package okta

import "github.com/siem-go/siem"

// vendorSchema declares the okta.* fields that are not keywords. Every
// golden and fixture document is checked against it by the harness.
var vendorSchema = siem.VendorSchema{
	Namespace: Namespace,
	Fields: []siem.VendorField{
		// Free-form members whose keys differ from event to event.
		{Path: "actor.detail_entry", Type: siem.VendorFlatObject},
		{Path: "debug_context.debug_data", Type: siem.VendorFlatObject},
		{Path: "transaction.detail", Type: siem.VendorFlatObject},
		{Path: "target.detail_entry", Type: siem.VendorFlatObject},
		{Path: "target.extra", Type: siem.VendorFlatObject},
		{Path: "request.ip_chain.geographical_context", Type: siem.VendorFlatObject},
		{Path: "request.ip_chain.extra", Type: siem.VendorFlatObject},
		// Members this version does not know, and known members of an
		// unexpected JSON type, kept as they came.
		{Path: "extra", Type: siem.VendorFlatObject},

		{Path: "authentication_context.authentication_step", Type: siem.VendorLong},
		{Path: "client.ip", Type: siem.VendorIP},
		{Path: "request.ip_chain.ip", Type: siem.VendorIP},
		{Path: "security_context.as.number", Type: siem.VendorLong},
		{Path: "security_context.is_proxy", Type: siem.VendorBoolean},
	},
}
