package samplegen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// SecurityHub returns a Firehose object of n EventBridge events from
// Security Hub ("Security Hub Findings - Imported"), uncompressed and one
// per line, each holding one ASFF finding: a varied mix of GuardDuty
// threat findings (port probes, outbound connections, DNS requests) with
// their product fields, Security Hub control findings (PASSED and
// FAILED), Inspector vulnerabilities and IAM Access Analyzer findings.
func SecurityHub(n int) []byte {
	rng := rand.New(rand.NewPCG(0x5ec, 0x4b))
	var b strings.Builder
	b.Grow(n * 2600)
	const base = 1795773600 // 2026-11-27T10:00:00Z
	regions := []string{"us-east-1", "eu-west-1", "ap-northeast-1"}
	for i := range n {
		region := regions[rng.IntN(len(regions))]
		acct := fmt.Sprintf("1234567890%02d", rng.IntN(8))
		sec := base + i*3 + rng.IntN(3)
		created := fmt.Sprintf("2026-11-27T%02d:%02d:%02d.%03dZ", 9, sec/60%60, sec%60, rng.IntN(1000))
		updated := fmt.Sprintf("2026-11-27T%02d:%02d:%02d.%03dZ", 10+sec/3600%10, sec/60%60, sec%60, rng.IntN(1000))
		inst := fmt.Sprintf("i-0%015x", rng.Uint64()&0xfffffffffffffff)
		local := fmt.Sprintf("10.%d.%d.%d", rng.IntN(4), rng.IntN(256), 1+rng.IntN(254))
		remote := fmt.Sprintf("%s%d", []string{"198.51.100.", "203.0.113.", "192.0.2."}[rng.IntN(3)], 1+rng.IntN(254))
		uid := fmt.Sprintf("%032x", rng.Uint64())
		var finding string
		switch k := rng.IntN(10); {
		case k < 4:
			finding = gdFinding(rng, region, acct, uid, created, updated, inst, local, remote)
		case k < 7:
			status := []string{"PASSED", "FAILED", "FAILED", "WARNING"}[rng.IntN(4)]
			ctl := []string{"S3.8", "EC2.2", "IAM.6", "CloudTrail.1", "EC2.19"}[rng.IntN(5)]
			finding = fmt.Sprintf(`{"SchemaVersion":"2018-10-08","Id":"arn:aws:securityhub:%[1]s:%[2]s:security-control/%[3]s/finding/%[4]s","ProductArn":"arn:aws:securityhub:%[1]s::product/aws/securityhub","ProductName":"Security Hub","CompanyName":"AWS","Region":"%[1]s","GeneratorId":"security-control/%[3]s","AwsAccountId":"%[2]s","Types":["Software and Configuration Checks/Industry and Regulatory Standards"],"FirstObservedAt":"%[5]s","LastObservedAt":"%[6]s","CreatedAt":"%[5]s","UpdatedAt":"%[6]s","Severity":{"Label":"HIGH","Normalized":70,"Original":"HIGH"},"Title":"Control %[3]s check.","Description":"This control checks the configuration of the resource.","Remediation":{"Recommendation":{"Text":"See the Security Hub controls documentation.","Url":"https://docs.aws.amazon.com/console/securityhub/%[3]s/remediation"}},"ProductFields":{"RelatedAWSResources:0/name":"securityhub-rule-%[4]s","RelatedAWSResources:0/type":"AWS::Config::ConfigRule","aws/securityhub/ProductName":"Security Hub","aws/securityhub/CompanyName":"AWS"},"Resources":[{"Type":"AwsS3Bucket","Id":"arn:aws:s3:::bucket-%[4]s","Partition":"aws","Region":"%[1]s","Details":{"AwsS3Bucket":{"OwnerId":"%[4]s","PublicAccessBlockConfiguration":{"BlockPublicAcls":false}}}}],"Compliance":{"Status":"%[7]s","SecurityControlId":"%[3]s","AssociatedStandards":[{"StandardsId":"standards/aws-foundational-security-best-practices/v/1.0.0"}],"RelatedRequirements":["NIST.800-53.r5 AC-3"]},"WorkflowState":"NEW","Workflow":{"Status":"NEW"},"RecordState":"ACTIVE"}`,
				region, acct, ctl, uid, created, updated, status)
		case k < 9:
			finding = fmt.Sprintf(`{"SchemaVersion":"2018-10-08","Id":"arn:aws:inspector2:%[1]s:%[2]s:finding/%[3]s","ProductArn":"arn:aws:securityhub:%[1]s::product/aws/inspector","ProductName":"Inspector","CompanyName":"Amazon","Region":"%[1]s","GeneratorId":"AWSInspector","AwsAccountId":"%[2]s","Types":["Software and Configuration Checks/Vulnerabilities/CVE"],"CreatedAt":"%[4]s","UpdatedAt":"%[5]s","Severity":{"Label":"MEDIUM","Normalized":40,"Original":"MEDIUM"},"Title":"CVE-2026-%[7]d - libexample","Description":"A flaw was found in libexample.","ProductFields":{"aws/inspector/ProductVersion":"2","aws/inspector/inspectorScore":"5.9","aws/securityhub/ProductName":"Inspector","aws/securityhub/CompanyName":"Amazon"},"Resources":[{"Type":"AwsEc2Instance","Id":"arn:aws:ec2:%[1]s:%[2]s:instance/%[6]s","Partition":"aws","Region":"%[1]s","Details":{"AwsEc2Instance":{"Type":"m6i.large","IpV4Addresses":["%[8]s"]}}}],"Vulnerabilities":[{"Id":"CVE-2026-%[7]d","VulnerablePackages":[{"Name":"libexample","Version":"1.2.3"}],"Cvss":[{"Version":"3.1","BaseScore":5.9,"BaseVector":"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N","Source":"NVD"}],"Vendor":{"Name":"NVD","Url":"https://nvd.nist.gov/vuln/detail/CVE-2026-%[7]d","VendorSeverity":"MEDIUM"},"ReferenceUrls":["https://example.com/advisory/%[7]d"],"FixAvailable":"YES"}],"WorkflowState":"NEW","Workflow":{"Status":"NEW"},"RecordState":"ACTIVE"}`,
				region, acct, uid, created, updated, inst, 10000+rng.IntN(9000), local)
		default:
			finding = fmt.Sprintf(`{"SchemaVersion":"2018-10-08","Id":"arn:aws:access-analyzer:%[1]s:%[2]s:analyzer/org/arn:aws:iam::%[2]s:role/partner-%[3]s","ProductArn":"arn:aws:securityhub:%[1]s::product/aws/access-analyzer","ProductName":"IAM Access Analyzer","CompanyName":"AWS","Region":"%[1]s","GeneratorId":"aws/access-analyzer","AwsAccountId":"%[2]s","Types":["Software and Configuration Checks/AWS Security Best Practices/External Access Granted"],"CreatedAt":"%[4]s","UpdatedAt":"%[5]s","Severity":{"Product":1,"Label":"LOW","Normalized":1},"Title":"AwsIamRole allows cross-account access","Description":"The role allows cross-account access.","ProductFields":{"ResourceOwnerAccount":"%[2]s","aws/securityhub/ProductName":"IAM Access Analyzer"},"Resources":[{"Type":"AwsIamRole","Id":"arn:aws:iam::%[2]s:role/partner-%[3]s","Partition":"aws","Region":"%[1]s","Details":{"Other":{"External Principal":"210987654321","Action Granted":"sts:AssumeRole"}}}],"WorkflowState":"NEW","Workflow":{"Status":"NEW"},"RecordState":"ACTIVE"}`,
				region, acct, uid[:8], created, updated)
		}
		fmt.Fprintf(&b, `{"version":"0","id":"%08x-0000-4000-8000-%012x","detail-type":"Security Hub Findings - Imported","source":"aws.securityhub","account":"%s","time":"%s","region":"%s","resources":[],"detail":{"findings":[%s]}}`+"\n",
			rng.Uint32(), rng.Uint64()&0xffffffffffff, acct, updated[:19]+"Z", region, finding)
	}
	return []byte(b.String())
}

func gdFinding(rng *rand.Rand, region, acct, uid, created, updated, inst, local, remote string) string {
	var typ, action, fields string
	switch rng.IntN(3) {
	case 0:
		typ = "TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort"
		action = "PORT_PROBE"
		fields = fmt.Sprintf(`"aws/guardduty/service/action/portProbeAction/portProbeDetails.0_/localPortDetails/port":"%d","aws/guardduty/service/action/portProbeAction/portProbeDetails.0_/localIpDetails/ipAddressV4":"%s","aws/guardduty/service/action/portProbeAction/portProbeDetails.0_/remoteIpDetails/ipAddressV4":"%s"`,
			[]int{22, 3389, 5432}[rng.IntN(3)], local, remote)
	case 1:
		typ = "TTPs/Command and Control/Backdoor:EC2-C&CActivity.B"
		action = "NETWORK_CONNECTION"
		fields = fmt.Sprintf(`"aws/guardduty/service/action/networkConnectionAction/connectionDirection":"OUTBOUND","aws/guardduty/service/action/networkConnectionAction/protocol":"TCP","aws/guardduty/service/action/networkConnectionAction/localIpDetails/ipAddressV4":"%s","aws/guardduty/service/action/networkConnectionAction/localPortDetails/port":"%d","aws/guardduty/service/action/networkConnectionAction/remoteIpDetails/ipAddressV4":"%s","aws/guardduty/service/action/networkConnectionAction/remotePortDetails/port":"443"`,
			local, 32768+rng.IntN(28000), remote)
	default:
		typ = "TTPs/Impact/CryptoCurrency:EC2-BitcoinTool.B!DNS"
		action = "DNS_REQUEST"
		fields = fmt.Sprintf(`"aws/guardduty/service/action/dnsRequestAction/domain":"pool-%d.mining.example","aws/guardduty/service/action/dnsRequestAction/protocol":"UDP"`, rng.IntN(100))
	}
	sev := 2 + rng.IntN(7)
	return fmt.Sprintf(`{"SchemaVersion":"2018-10-08","Id":"arn:aws:guardduty:%[1]s:%[2]s:detector/d%[3]s/finding/%[3]s","ProductArn":"arn:aws:securityhub:%[1]s::product/aws/guardduty","ProductName":"GuardDuty","CompanyName":"Amazon","Region":"%[1]s","GeneratorId":"arn:aws:guardduty:%[1]s:%[2]s:detector/d%[3]s","AwsAccountId":"%[2]s","Types":["%[4]s"],"FirstObservedAt":"%[5]s","LastObservedAt":"%[6]s","CreatedAt":"%[5]s","UpdatedAt":"%[6]s","Severity":{"Product":%[7]d,"Label":"MEDIUM","Normalized":%[8]d,"Original":"%[7]d"},"Title":"GuardDuty finding on %[9]s.","Description":"Activity involving instance %[9]s.","ProductFields":{"aws/guardduty/service/action/actionType":"%[10]s",%[11]s,"aws/guardduty/service/count":"%[12]d","aws/securityhub/ProductName":"GuardDuty","aws/securityhub/CompanyName":"Amazon"},"Resources":[{"Type":"AwsEc2Instance","Id":"arn:aws:ec2:%[1]s:%[2]s:instance/%[9]s","Partition":"aws","Region":"%[1]s","Details":{"AwsEc2Instance":{"IpV4Addresses":["%[13]s"]}}}],"WorkflowState":"NEW","Workflow":{"Status":"NEW"},"RecordState":"ACTIVE"}`,
		region, acct, uid, typ, created, updated, sev, sev*10, inst, action, fields, 1+rng.IntN(40), local)
}
