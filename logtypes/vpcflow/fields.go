package vpcflow

import "strings"

// field identifies a documented flow log field. Fields the normalizer maps
// onto ECS have their own id; every other column is carried as a vendor
// keyword under aws.vpcflow.
type field uint8

const (
	fieldUnknown field = iota

	// Version 2: the default VPC format, in its documented order.
	fieldVersion
	fieldAccountID
	fieldInterfaceID
	fieldSrcAddr
	fieldDstAddr
	fieldSrcPort
	fieldDstPort
	fieldProtocol
	fieldPackets
	fieldBytes
	fieldStart
	fieldEnd
	fieldAction
	fieldLogStatus

	// Version 3.
	fieldVPCID
	fieldSubnetID
	fieldInstanceID
	fieldTCPFlags
	fieldType
	fieldPktSrcAddr
	fieldPktDstAddr

	// Version 4.
	fieldRegion
	fieldAZID
	fieldSublocationType
	fieldSublocationID

	// Version 5.
	fieldPktSrcAWSService
	fieldPktDstAWSService
	fieldFlowDirection
	fieldTrafficPath

	// Version 6: Transit Gateway flow logs.
	fieldResourceType
	fieldTGWID
	fieldTGWAttachmentID
	fieldTGWSrcVPCAccountID
	fieldTGWDstVPCAccountID
	fieldTGWSrcVPCID
	fieldTGWDstVPCID
	fieldTGWSrcSubnetID
	fieldTGWDstSubnetID
	fieldTGWSrcENI
	fieldTGWDstENI
	fieldTGWSrcAZID
	fieldTGWDstAZID
	fieldTGWPairAttachmentID
	fieldPacketsLostNoRoute
	fieldPacketsLostBlackhole
	fieldPacketsLostMTUExceeded
	fieldPacketsLostTTLExpired

	// Version 7: Amazon ECS metadata.
	fieldECSClusterARN
	fieldECSClusterName
	fieldECSContainerInstanceARN
	fieldECSContainerInstanceID
	fieldECSContainerID
	fieldECSSecondContainerID
	fieldECSServiceName
	fieldECSTaskDefinitionARN
	fieldECSTaskARN
	fieldECSTaskID

	// Version 8.
	fieldRejectReason

	numFields
)

// fieldKind says how a column's value is carried into the vendor namespace.
type fieldKind uint8

const (
	// kindKeyword columns are copied as they are to aws.vpcflow.<name>.
	kindKeyword fieldKind = iota
	// kindCount columns are documented as integers: they must parse and are
	// written as numbers to aws.vpcflow.<name>.
	kindCount
	// kindMapped columns are only mapped onto ECS fields (addresses, ports,
	// byte and packet counts, times, region): repeating them under
	// aws.vpcflow would only double the index size.
	kindMapped
	// kindAddress columns are checked as addresses, then copied as they are.
	kindAddress
	// kindTCPFlags is the tcp-flags bitmask: copied as written, plus the
	// names of its flags under aws.vpcflow.tcp_flags_array.
	kindTCPFlags
)

type fieldInfo struct {
	// name is the documented, dashed header name.
	name string
	kind fieldKind
}

var fields = [numFields]fieldInfo{
	fieldVersion:     {"version", kindKeyword},
	fieldAccountID:   {"account-id", kindKeyword},
	fieldInterfaceID: {"interface-id", kindKeyword},
	fieldSrcAddr:     {"srcaddr", kindMapped},
	fieldDstAddr:     {"dstaddr", kindMapped},
	fieldSrcPort:     {"srcport", kindMapped},
	fieldDstPort:     {"dstport", kindMapped},
	fieldProtocol:    {"protocol", kindMapped},
	fieldPackets:     {"packets", kindMapped},
	fieldBytes:       {"bytes", kindMapped},
	fieldStart:       {"start", kindMapped},
	fieldEnd:         {"end", kindMapped},
	fieldAction:      {"action", kindKeyword},
	fieldLogStatus:   {"log-status", kindKeyword},

	fieldVPCID:      {"vpc-id", kindKeyword},
	fieldSubnetID:   {"subnet-id", kindKeyword},
	fieldInstanceID: {"instance-id", kindKeyword},
	fieldTCPFlags:   {"tcp-flags", kindTCPFlags},
	fieldType:       {"type", kindKeyword},
	fieldPktSrcAddr: {"pkt-srcaddr", kindAddress},
	fieldPktDstAddr: {"pkt-dstaddr", kindAddress},

	fieldRegion:          {"region", kindMapped},
	fieldAZID:            {"az-id", kindKeyword},
	fieldSublocationType: {"sublocation-type", kindKeyword},
	fieldSublocationID:   {"sublocation-id", kindKeyword},

	fieldPktSrcAWSService: {"pkt-src-aws-service", kindKeyword},
	fieldPktDstAWSService: {"pkt-dst-aws-service", kindKeyword},
	fieldFlowDirection:    {"flow-direction", kindKeyword},
	fieldTrafficPath:      {"traffic-path", kindKeyword},

	fieldResourceType:           {"resource-type", kindKeyword},
	fieldTGWID:                  {"tgw-id", kindKeyword},
	fieldTGWAttachmentID:        {"tgw-attachment-id", kindKeyword},
	fieldTGWSrcVPCAccountID:     {"tgw-src-vpc-account-id", kindKeyword},
	fieldTGWDstVPCAccountID:     {"tgw-dst-vpc-account-id", kindKeyword},
	fieldTGWSrcVPCID:            {"tgw-src-vpc-id", kindKeyword},
	fieldTGWDstVPCID:            {"tgw-dst-vpc-id", kindKeyword},
	fieldTGWSrcSubnetID:         {"tgw-src-subnet-id", kindKeyword},
	fieldTGWDstSubnetID:         {"tgw-dst-subnet-id", kindKeyword},
	fieldTGWSrcENI:              {"tgw-src-eni", kindKeyword},
	fieldTGWDstENI:              {"tgw-dst-eni", kindKeyword},
	fieldTGWSrcAZID:             {"tgw-src-az-id", kindKeyword},
	fieldTGWDstAZID:             {"tgw-dst-az-id", kindKeyword},
	fieldTGWPairAttachmentID:    {"tgw-pair-attachment-id", kindKeyword},
	fieldPacketsLostNoRoute:     {"packets-lost-no-route", kindCount},
	fieldPacketsLostBlackhole:   {"packets-lost-blackhole", kindCount},
	fieldPacketsLostMTUExceeded: {"packets-lost-mtu-exceeded", kindCount},
	fieldPacketsLostTTLExpired:  {"packets-lost-ttl-expired", kindCount},

	fieldECSClusterARN:           {"ecs-cluster-arn", kindKeyword},
	fieldECSClusterName:          {"ecs-cluster-name", kindKeyword},
	fieldECSContainerInstanceARN: {"ecs-container-instance-arn", kindKeyword},
	fieldECSContainerInstanceID:  {"ecs-container-instance-id", kindKeyword},
	fieldECSContainerID:          {"ecs-container-id", kindKeyword},
	fieldECSSecondContainerID:    {"ecs-second-container-id", kindKeyword},
	fieldECSServiceName:          {"ecs-service-name", kindKeyword},
	fieldECSTaskDefinitionARN:    {"ecs-task-definition-arn", kindKeyword},
	fieldECSTaskARN:              {"ecs-task-arn", kindKeyword},
	fieldECSTaskID:               {"ecs-task-id", kindKeyword},

	fieldRejectReason: {"reject-reason", kindKeyword},
}

var fieldByName = func() map[string]field {
	m := make(map[string]field, numFields)
	for f := fieldUnknown + 1; f < numFields; f++ {
		m[fields[f].name] = f
	}
	return m
}()

// lookupField resolves a header name. Names are matched case-insensitively
// and with '_' standing for '-', because exports of flow logs by other tools
// (Athena, Parquet conversions) spell them account_id rather than
// account-id.
func lookupField(name string) field {
	return fieldByName[strings.ReplaceAll(strings.ToLower(name), "_", "-")]
}

// vendorPath is where a column's value is kept: aws.vpcflow.<snake_case>.
// Anything outside [a-z0-9_] becomes '_', so a header name can never open a
// nested object or collide with the dots of a path.
func vendorPath(name string) string {
	var b strings.Builder
	b.Grow(len(prefix) + len(name))
	b.WriteString(prefix)
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_':
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

const prefix = "aws.vpcflow."

// Formats used when an object has no header line (records delivered
// through CloudWatch Logs or Firehose never carry one). They are told apart
// by their column count, which is unique among them.
var headerlessFormats = map[int][]field{
	// The default VPC format.
	14: {
		fieldVersion, fieldAccountID, fieldInterfaceID, fieldSrcAddr, fieldDstAddr,
		fieldSrcPort, fieldDstPort, fieldProtocol, fieldPackets, fieldBytes,
		fieldStart, fieldEnd, fieldAction, fieldLogStatus,
	},
	// Every version 2 to 5 VPC field in the documented table order.
	29: append(v2to4(),
		fieldPktSrcAWSService, fieldPktDstAWSService, fieldFlowDirection, fieldTrafficPath),
	// Every version 2 to 8 VPC field in the documented table order.
	40: append(append(v2to4(),
		fieldPktSrcAWSService, fieldPktDstAWSService, fieldFlowDirection, fieldTrafficPath,
		fieldECSClusterARN, fieldECSClusterName, fieldECSContainerInstanceARN,
		fieldECSContainerInstanceID, fieldECSContainerID, fieldECSSecondContainerID,
		fieldECSServiceName, fieldECSTaskDefinitionARN, fieldECSTaskARN, fieldECSTaskID),
		fieldRejectReason),
	// The default Transit Gateway format: every version 2 to 6 field in the
	// documented table order.
	36: {
		fieldVersion, fieldResourceType, fieldAccountID, fieldTGWID, fieldTGWAttachmentID,
		fieldTGWSrcVPCAccountID, fieldTGWDstVPCAccountID, fieldTGWSrcVPCID, fieldTGWDstVPCID,
		fieldTGWSrcSubnetID, fieldTGWDstSubnetID, fieldTGWSrcENI, fieldTGWDstENI,
		fieldTGWSrcAZID, fieldTGWDstAZID, fieldTGWPairAttachmentID,
		fieldSrcAddr, fieldDstAddr, fieldSrcPort, fieldDstPort, fieldProtocol,
		fieldPackets, fieldBytes, fieldStart, fieldEnd, fieldLogStatus, fieldType,
		fieldPacketsLostNoRoute, fieldPacketsLostBlackhole, fieldPacketsLostMTUExceeded,
		fieldPacketsLostTTLExpired, fieldTCPFlags, fieldRegion, fieldFlowDirection,
		fieldPktSrcAWSService, fieldPktDstAWSService,
	},
}

// v2to4 lists the VPC fields of versions 2 to 4 in the order of the
// documented field table (25 fields).
func v2to4() []field {
	return []field{
		fieldVersion, fieldAccountID, fieldInterfaceID, fieldSrcAddr, fieldDstAddr,
		fieldSrcPort, fieldDstPort, fieldProtocol, fieldPackets, fieldBytes,
		fieldStart, fieldEnd, fieldAction, fieldLogStatus,
		fieldVPCID, fieldSubnetID, fieldInstanceID, fieldTCPFlags, fieldType,
		fieldPktSrcAddr, fieldPktDstAddr,
		fieldRegion, fieldAZID, fieldSublocationType, fieldSublocationID,
	}
}
