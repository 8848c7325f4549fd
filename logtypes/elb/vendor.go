package elb

import "github.com/siem-go/siem"

// vendorSchema declares the aws.elb fields that are not keywords, for all
// three types, which share the namespace. TestVendorSchema checks it
// against every golden output.
var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields: []siem.VendorField{
		{Path: "backend.http.response.status_code", Type: siem.VendorLong},
		{Path: "backend.ip", Type: siem.VendorIP},
		{Path: "backend_processing_time.sec", Type: siem.VendorDouble},
		{Path: "connection_time.ms", Type: siem.VendorLong},
		{Path: "request_processing_time.sec", Type: siem.VendorDouble},
		{Path: "response_processing_time.sec", Type: siem.VendorDouble},
		{Path: "tls_connection_creation_time", Type: siem.VendorDate},
		{Path: "tls_handshake_time.ms", Type: siem.VendorLong},
	},
}
