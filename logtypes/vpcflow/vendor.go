package vpcflow

import "github.com/siem-go/siem"

// vendorSchema declares the aws.vpcflow fields that are not keywords: the
// counts and the packet-level addresses, which the normalizer checks are
// addresses before copying them. TestVendorSchema checks it against every
// golden output.
var vendorSchema = siem.VendorSchema{
	Namespace: "aws.vpcflow",
	Fields: []siem.VendorField{
		{Path: "packets_lost_blackhole", Type: siem.VendorLong},
		{Path: "packets_lost_mtu_exceeded", Type: siem.VendorLong},
		{Path: "packets_lost_no_route", Type: siem.VendorLong},
		{Path: "packets_lost_ttl_expired", Type: siem.VendorLong},
		{Path: "pkt_dstaddr", Type: siem.VendorIP},
		{Path: "pkt_srcaddr", Type: siem.VendorIP},
	},
}
