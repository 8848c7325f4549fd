package route53resolver

import "github.com/siem-go/siem"

// vendorSchema declares the aws.route53resolver fields that are not
// keywords. The harness checks every golden document against it.
var vendorSchema = siem.VendorSchema{
	Namespace: Dataset,
	Fields: []siem.VendorField{
		// Members this package does not know (a newer log version's),
		// and srcids when it holds more than plain strings.
		{Path: "other", Type: siem.VendorFlatObject},
	},
}
