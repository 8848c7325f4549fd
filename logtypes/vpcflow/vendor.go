package vpcflow

import "github.com/siem-go/siem"

// vendorSchema declares the aws.vpcflow fields that are not keywords: the
// counts, which are AWS's 64-bit unsigned counters, and the packet-level
// addresses, which the normalizer checks are addresses before copying
// them. bytes and packets appear here only when a count exceeds 2^63-1,
// which ECS's long fields cannot hold. The harness checks it against every
// golden output.
var vendorSchema = siem.VendorSchema{
	Namespace: "aws.vpcflow",
	Fields: []siem.VendorField{
		{Path: "bytes", Type: siem.VendorUnsignedLong},
		{Path: "packets", Type: siem.VendorUnsignedLong},
		{Path: "packets_lost_blackhole", Type: siem.VendorUnsignedLong},
		{Path: "packets_lost_mtu_exceeded", Type: siem.VendorUnsignedLong},
		{Path: "packets_lost_no_route", Type: siem.VendorUnsignedLong},
		{Path: "packets_lost_ttl_expired", Type: siem.VendorUnsignedLong},
		{Path: "pkt_dstaddr", Type: siem.VendorIP},
		{Path: "pkt_srcaddr", Type: siem.VendorIP},
	},
}
