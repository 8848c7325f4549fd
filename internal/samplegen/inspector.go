package samplegen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Inspector returns n Amazon Inspector v2 findings as EventBridge
// "Inspector2 Finding" events written back to back by Firehose,
// uncompressed, of about 2 to 3 KB each. The mix follows an account
// scanned continuously: package vulnerabilities on EC2 instances (one or
// several packages, every severity, with or without a fix or a known
// exploit), on ECR container images and on Lambda functions, network
// reachability findings for single ports and port ranges, code
// vulnerabilities in Lambda functions, and closed or suppressed updates
// of earlier findings.
func Inspector(n int) []byte {
	r := rand.New(rand.NewPCG(0x1a5b, 0xec70))
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	var b strings.Builder
	b.Grow(n * 2600)
	severities := []string{"LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL", "INFORMATIONAL", "UNTRIAGED"}
	pkgs := []struct{ name, version, fixed, manager string }{
		{"openssl-libs", "1.0.2k", "1:1.0.2k-24.amzn2.0.12", "OS"},
		{"kernel", "5.10.227", "0:5.10.228-219.884.amzn2", "OS"},
		{"glibc", "2.26", "2.26-64.amzn2.0.3", "OS"},
		{"curl", "8.3.0", "8.4.0-1.amzn2023", "OS"},
		{"lodash", "4.17.15", "4.17.21", "NPM"},
		{"requests", "2.25.1", "2.32.0", "PIP"},
		{"log4j-core", "2.14.1", "2.17.1", "JAR"},
		{"golang.org/x/net", "v0.17.0", "v0.23.0", "GOMOD"},
	}
	platforms := []string{"AMAZON_LINUX_2", "AMAZON_LINUX_2023", "UBUNTU_22_04", "WINDOWS_SERVER_2022", "RHEL_9"}
	for i := range n {
		at = at.Add(time.Duration(r.IntN(4000)) * time.Millisecond)
		account := []string{"123456789012", "210987654321"}[r.IntN(2)]
		region := []string{"us-east-1", "eu-west-1", "ap-southeast-2"}[r.IntN(3)]
		arn := fmt.Sprintf("arn:aws:inspector2:%s:%s:finding/%016x%016x", region, account, r.Uint64(), uint64(i))
		sev := severities[r.IntN(len(severities))]
		score := float64(r.IntN(100)) / 10
		first := at.Add(-time.Duration(r.IntN(30*24)) * time.Hour)
		status := "ACTIVE"
		switch r.IntN(20) {
		case 0:
			status = "CLOSED"
		case 1:
			status = "SUPPRESSED"
		}
		instance := fmt.Sprintf("i-%017x", r.Uint64()>>4)
		ip := fmt.Sprintf("10.%d.%d.%d", r.IntN(256), r.IntN(256), 1+r.IntN(254))
		ec2 := fmt.Sprintf(`{"details":{"awsEc2Instance":{"iamInstanceProfileArn":"arn:aws:iam::%s:instance-profile/app","imageId":"ami-%017x","ipV4Addresses":["%s"],"ipV6Addresses":[],"launchedAt":"%s","platform":"%s","subnetId":"subnet-%017x","type":"t3.%s","vpcId":"vpc-%017x"}},"id":"%s","partition":"aws","region":"%s","tags":{"Name":"app-%d","env":"prod"},"type":"AWS_EC2_INSTANCE"}`,
			account, r.Uint64()>>4, ip, first.Add(-48*time.Hour).Format(time.RFC3339), platforms[r.IntN(len(platforms))], r.Uint64()>>4,
			[]string{"micro", "large", "xlarge"}[r.IntN(3)], r.Uint64()>>4, instance, region, r.IntN(50))
		var detail string
		common := fmt.Sprintf(`"awsAccountId":"%s","findingArn":"%s","firstObservedAt":"%s","lastObservedAt":"%s","updatedAt":"%s","severity":"%s","status":"%s"`,
			account, arn, first.Format(time.RFC3339Nano), at.Format(time.RFC3339Nano), at.Format(time.RFC3339Nano), sev, status)
		switch k := r.IntN(10); {
		case k < 6: // package vulnerability
			cve := fmt.Sprintf("CVE-20%02d-%d", 18+r.IntN(9), 1000+r.IntN(40000))
			np := 1 + r.IntN(3)
			var vp []string
			var names []string
			for range np {
				p := pkgs[r.IntN(len(pkgs))]
				names = append(names, p.name)
				vp = append(vp, fmt.Sprintf(`{"arch":"X86_64","epoch":0,"fixedInVersion":"%s","name":"%s","packageManager":"%s","release":"1.amzn2","remediation":"update %s","version":"%s"}`, p.fixed, p.name, p.manager, p.name, p.version))
			}
			resource := ec2
			switch r.IntN(4) {
			case 0:
				resource = fmt.Sprintf(`{"details":{"awsEcrContainerImage":{"architecture":"amd64","imageHash":"sha256:%016x%016x%016x%016x","imageTags":["v1.%d.0","latest"],"platform":"DEBIAN_12","pushedAt":"%s","registry":"%s","repositoryName":"team/service-%d"}},"id":"arn:aws:ecr:%s:%s:repository/team/service-%d/sha256:%016x","partition":"aws","region":"%s","type":"AWS_ECR_CONTAINER_IMAGE"}`,
					r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64(), r.IntN(40), first.Format(time.RFC3339), account, r.IntN(20), region, account, r.IntN(20), r.Uint64(), region)
			case 1:
				resource = fmt.Sprintf(`{"details":{"awsLambdaFunction":{"architectures":["X86_64"],"codeSha256":"c2hhMjU2LWJhc2U2NA==","executionRoleArn":"arn:aws:iam::%s:role/fn-%d","functionName":"fn-%d","lastModifiedAt":"%s","packageType":"ZIP","runtime":"PYTHON_3_12","version":"$LATEST"}},"id":"arn:aws:lambda:%s:%s:function:fn-%d:$LATEST","partition":"aws","region":"%s","type":"AWS_LAMBDA_FUNCTION"}`,
					account, i%40, i%40, first.Format(time.RFC3339), region, account, i%40, region)
			}
			exploit := `"exploitAvailable":"NO"`
			if r.IntN(5) == 0 {
				exploit = fmt.Sprintf(`"exploitAvailable":"YES","exploitabilityDetails":{"lastKnownExploitAt":"%s"}`, first.Add(-time.Duration(r.IntN(900))*time.Hour).Format(time.RFC3339))
			}
			detail = fmt.Sprintf(`{%s,"description":"A flaw in %s allows a remote attacker to cause a denial of service or execute code.",%s,"epss":{"score":0.%05d},"fixAvailable":"%s","inspectorScore":%g,"inspectorScoreDetails":{"adjustedCvss":{"adjustments":[],"cvssSource":"NVD","score":%g,"scoreSource":"NVD","scoringVector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H","version":"3.1"}},"packageVulnerabilityDetails":{"cvss":[{"baseScore":%g,"scoringVector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H","source":"NVD","version":"3.1"}],"referenceUrls":["https://nvd.nist.gov/vuln/detail/%s"],"relatedVulnerabilities":[],"source":"NVD","sourceUrl":"https://nvd.nist.gov/vuln/detail/%s","vendorCreatedAt":"%s","vendorSeverity":"%s","vulnerabilityId":"%s","vulnerablePackages":[%s]},"remediation":{"recommendation":{"text":"None Provided"}},"resources":[%s],"title":"%s - %s","type":"PACKAGE_VULNERABILITY"}`,
				common, names[0], exploit, r.IntN(100000), []string{"YES", "NO", "PARTIAL"}[r.IntN(3)], score, score, score, cve, cve, first.Add(-900*time.Hour).Format(time.RFC3339), sev, cve, strings.Join(vp, ","), resource, cve, strings.Join(names, ", "))
		case k < 9: // network reachability
			begin := []int{22, 3389, 80, 443, 3306, 5432, 8080}[r.IntN(7)]
			end := begin
			if r.IntN(3) == 0 {
				end = begin + r.IntN(20)
			}
			proto := []string{"TCP", "TCP", "UDP"}[r.IntN(3)]
			detail = fmt.Sprintf(`{%s,"description":"On the instance %s, the port range %d-%d is reachable from an InternetGateway igw-%017x with an open network path.","fixAvailable":"YES","networkReachabilityDetails":{"networkPath":{"steps":[{"componentId":"igw-%017x","componentType":"AWS::EC2::InternetGateway"},{"componentId":"sg-%017x","componentType":"AWS::EC2::SecurityGroup"},{"componentId":"%s","componentType":"AWS::EC2::Instance"}]},"openPortRange":{"begin":%d,"end":%d},"protocol":"%s"},"remediation":{"recommendation":{"text":"You can restrict access to your instance by modifying the Security Groups or ACLs in the network path."}},"resources":[%s],"title":"Port %d is reachable from an Internet Gateway - %s","type":"NETWORK_REACHABILITY"}`,
				common, instance, begin, end, r.Uint64()>>4, r.Uint64()>>4, r.Uint64()>>4, instance, begin, end, proto, ec2, begin, proto)
		default: // code vulnerability
			cwe := []string{"CWE-89", "CWE-79", "CWE-798", "CWE-22"}[r.IntN(4)]
			detail = fmt.Sprintf(`{%s,"codeVulnerabilityDetails":{"cwes":["%s"],"detectorId":"python/detector-%d@v1.0","detectorName":"Detector %d","detectorTags":["security"],"filePath":{"endLine":%d,"fileName":"handler.py","filePath":"src/handler.py","startLine":%d},"ruleId":"python-rule-%d"},"description":"A code pattern that is vulnerable to %s was found.","remediation":{"recommendation":{"text":"Follow the detector's guidance."}},"resources":[{"details":{"awsLambdaFunction":{"functionName":"fn-%d","runtime":"PYTHON_3_12","version":"$LATEST"}},"id":"arn:aws:lambda:%s:%s:function:fn-%d:$LATEST","partition":"aws","region":"%s","type":"AWS_LAMBDA_FUNCTION"}],"title":"%s - detector %d","type":"CODE_VULNERABILITY"}`,
				common, cwe, i%9, i%9, 40+r.IntN(9), 30+r.IntN(9), i%9, cwe, i%40, region, account, i%40, region, cwe, i%9)
		}
		fmt.Fprintf(&b, `{"version":"0","id":"%08x-%04x-4%03x-a%03x-%012x","detail-type":"Inspector2 Finding","source":"aws.inspector2","account":"%s","time":"%s","region":"%s","resources":["%s"],"detail":%s}`,
			r.Uint32(), r.IntN(1<<16), r.IntN(1<<12), r.IntN(1<<12), r.Uint64()>>16, account, at.Format(time.RFC3339), region, arn, detail)
	}
	return []byte(b.String())
}
