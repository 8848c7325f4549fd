package samplegen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"
)

// GuardDuty returns a GuardDuty export object as delivered to S3,
// uncompressed: n findings, one per line, of the kinds GuardDuty reports
// most (port probes, inbound and outbound connections, DNS requests, API
// calls with an access key, Kubernetes API calls, database logins, runtime
// processes and critical attack sequences), ending with a newline.
func GuardDuty(n int) []byte {
	g := gdGen{r: rand.New(rand.NewPCG(0x6d, 0x9d7))}
	b := make([]byte, 0, n*2600)
	for i := range n {
		line, err := json.Marshal(g.finding(i))
		if err != nil {
			panic(err) // the maps hold only strings, numbers, booleans, maps and slices
		}
		b = append(b, line...)
		b = append(b, '\n')
	}
	return b
}

type gdGen struct{ r *rand.Rand }

type gdObj = map[string]any

func (g *gdGen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.r.IntN(16)]
	}
	return string(b)
}

func (g *gdGen) publicIP() string {
	prefixes := []string{"198.51.100.", "203.0.113.", "192.0.2."}
	return fmt.Sprintf("%s%d", prefixes[g.r.IntN(len(prefixes))], 1+g.r.IntN(254))
}

func (g *gdGen) remote(ip string) gdObj {
	places := []struct {
		city, country, code string
		lat, lon            float64
	}{
		{"Amsterdam", "Netherlands", "NL", 52.3759, 4.8975},
		{"Sao Paulo", "Brazil", "BR", -23.5475, -46.6361},
		{"Seoul", "South Korea", "KR", 37.5665, 126.978},
		{"Frankfurt am Main", "Germany", "DE", 50.1109, 8.6821},
		{"Singapore", "Singapore", "SG", 1.2897, 103.8501},
	}
	p := places[g.r.IntN(len(places))]
	asn := 64496 + g.r.IntN(15)
	return gdObj{
		"ipAddressV4":  ip,
		"organization": gdObj{"asn": fmt.Sprint(asn), "asnOrg": fmt.Sprintf("Example AS%d", asn), "isp": "Example ISP", "org": "Example Org"},
		"country":      gdObj{"countryCode": p.code, "countryName": p.country},
		"city":         gdObj{"cityName": p.city},
		"geoLocation":  gdObj{"lat": p.lat, "lon": p.lon},
	}
}

func (g *gdGen) instance() (gdObj, string) {
	id := "i-0" + g.hex(16)
	ip := fmt.Sprintf("10.%d.%d.%d", g.r.IntN(4), g.r.IntN(256), 1+g.r.IntN(254))
	return gdObj{"resourceType": "Instance", "instanceDetails": gdObj{
		"instanceId": id, "instanceType": "t3.medium", "availabilityZone": "us-east-1a", "imageId": "ami-0abcdef1234567890",
		"instanceState": "running", "launchTime": "2026-11-20T08:14:02.000Z",
		"networkInterfaces": []any{gdObj{"networkInterfaceId": "eni-0" + g.hex(16), "privateIpAddress": ip,
			"privateIpAddresses": []any{gdObj{"privateIpAddress": ip}}, "publicIp": g.publicIP(), "subnetId": "subnet-0a1b2c3d", "vpcId": "vpc-0a1b2c3d",
			"securityGroups": []any{gdObj{"groupId": "sg-0123456789abcdef0", "groupName": "web-sg"}}}},
		"tags": []any{gdObj{"key": "Name", "value": "web"}},
	}}, ip
}

func (g *gdGen) finding(i int) gdObj {
	const start = 1795773600 // 2026-11-27T10:00:00Z
	created := time.Unix(int64(start+g.r.IntN(3600)), int64(g.r.IntN(1000))*1e6).UTC()
	updated := created.Add(time.Duration(g.r.IntN(7200)) * time.Second)
	first := created.Add(-time.Duration(1+g.r.IntN(600)) * time.Second).Truncate(time.Second)
	id := g.hex(32)
	f := gdObj{
		"schemaVersion": "2.0", "accountId": "123456789012", "region": "us-east-1", "partition": "aws", "id": id,
		"arn":       "arn:aws:guardduty:us-east-1:123456789012:detector/12abc34d567e8fa901bc2d34e56789f0/finding/" + id,
		"createdAt": created.Format("2006-01-02T15:04:05.000Z"), "updatedAt": updated.Format("2006-01-02T15:04:05.000Z"),
	}
	svc := gdObj{"serviceName": "guardduty", "detectorId": "12abc34d567e8fa901bc2d34e56789f0", "resourceRole": "TARGET",
		"additionalInfo": gdObj{"value": "{}", "type": "default"}, "archived": false, "count": 1 + g.r.IntN(40),
		"eventFirstSeen": first.Format("2006-01-02T15:04:05.000Z"), "eventLastSeen": created.Truncate(time.Second).Format("2006-01-02T15:04:05.000Z")}
	var typ, title string
	sev := 2.0
	switch k := i % 10; {
	case k < 3:
		res, ip := g.instance()
		typ, title, sev = "Recon:EC2/PortProbeUnprotectedPort", "Unprotected port on EC2 instance is being probed.", 2
		probes := []any{}
		for range 1 + g.r.IntN(3) {
			probes = append(probes, gdObj{"localPortDetails": gdObj{"port": []int{22, 3389, 5432, 9200}[g.r.IntN(4)], "portName": "Unknown"},
				"localIpDetails": gdObj{"ipAddressV4": ip}, "remoteIpDetails": g.remote(g.publicIP())})
		}
		svc["action"] = gdObj{"actionType": "PORT_PROBE", "portProbeAction": gdObj{"blocked": false, "portProbeDetails": probes}}
		f["resource"] = res
	case k < 5:
		res, ip := g.instance()
		dir, port := "INBOUND", 22
		typ, title, sev = "UnauthorizedAccess:EC2/SSHBruteForce", "SSH brute force attacks against an EC2 instance.", 2
		if k == 4 {
			dir, port = "OUTBOUND", 3333
			typ, title, sev = "CryptoCurrency:EC2/BitcoinTool.B", "EC2 instance is communicating with a Bitcoin mining pool.", 8
		}
		svc["action"] = gdObj{"actionType": "NETWORK_CONNECTION", "networkConnectionAction": gdObj{
			"connectionDirection": dir, "protocol": "TCP", "blocked": false,
			"localIpDetails": gdObj{"ipAddressV4": ip}, "localPortDetails": gdObj{"port": 30000 + g.r.IntN(30000)},
			"remoteIpDetails": g.remote(g.publicIP()), "remotePortDetails": gdObj{"port": port}}}
		f["resource"] = res
	case k == 5:
		res, _ := g.instance()
		typ, title, sev = "Backdoor:EC2/C&CActivity.B!DNS", "Command and Control server domain name queried by EC2 instance.", 8
		svc["action"] = gdObj{"actionType": "DNS_REQUEST", "dnsRequestAction": gdObj{"domain": g.hex(8) + ".c2-relay.example", "protocol": "UDP", "blocked": g.r.IntN(2) == 0, "domainWithSuffix": "c2-relay.example"}}
		f["resource"] = res
	case k == 6:
		typ, title, sev = "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "Credentials for instance role used from external IP address.", 8
		f["accountId"] = "210987654321"
		f["resource"] = gdObj{"resourceType": "AccessKey", "accessKeyDetails": gdObj{"accessKeyId": "ASIA" + g.hex(16), "principalId": "AROAEXAMPLE:i-0" + g.hex(16), "userName": "web-server", "userType": "AssumedRole"}}
		svc["action"] = gdObj{"actionType": "AWS_API_CALL", "awsApiCallAction": gdObj{"api": []string{"ListBuckets", "GetObject", "DescribeInstances"}[g.r.IntN(3)],
			"serviceName": "s3.amazonaws.com", "callerType": "Remote IP", "remoteIpDetails": g.remote(g.publicIP()),
			"userAgent": gdObj{"fullUserAgent": "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0", "userAgentCategory": "AWS CLI"}}}
	case k == 7:
		typ, title, sev = "Discovery:Kubernetes/SuccessfulAnonymousAccess", "Anonymous access granted to an API on the Kubernetes cluster.", 5
		ip := g.publicIP()
		f["resource"] = gdObj{"resourceType": "EKSCluster", "eksClusterDetails": gdObj{"name": "prod-eks", "arn": "arn:aws:eks:us-east-1:123456789012:cluster/prod-eks"},
			"kubernetesDetails": gdObj{"kubernetesUserDetails": gdObj{"username": "system:anonymous", "groups": []any{"system:unauthenticated"}}}}
		svc["action"] = gdObj{"actionType": "KUBERNETES_API_CALL", "kubernetesApiCallAction": gdObj{"requestUri": "/api/v1/secrets", "verb": "list", "sourceIps": []any{ip},
			"userAgent": "kubectl/v1.29.1", "remoteIpDetails": g.remote(ip), "statusCode": 200}}
	case k == 8:
		typ, title, sev = "CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin", "Unusual successful login to a database.", 8
		f["resource"] = gdObj{"resourceType": "RDSDBInstance", "rdsDbInstanceDetails": gdObj{"dbInstanceIdentifier": "prod-orders-1", "engine": "aurora-postgresql"},
			"rdsDbUserDetails": gdObj{"user": "app_admin", "application": "psql", "database": "orders"}}
		svc["action"] = gdObj{"actionType": "RDS_LOGIN_ATTEMPT", "rdsLoginAttemptAction": gdObj{"remoteIpDetails": g.remote(g.publicIP()),
			"loginAttributes": []any{gdObj{"user": "app_admin", "application": "psql", "failedLoginAttempts": g.r.IntN(5), "successfulLoginAttempts": 1}}}}
	default:
		if g.r.IntN(2) == 0 {
			res, _ := g.instance()
			typ, title, sev = "Execution:Runtime/NewBinaryExecuted", "A newly created binary file was executed.", 5.3
			svc["featureName"] = "RuntimeMonitoring"
			svc["runtimeDetails"] = gdObj{"process": gdObj{"name": "kworkerd", "executablePath": "/tmp/.x/kworkerd", "pid": 1000 + g.r.IntN(30000), "user": "www-data", "userId": 33,
				"executableSha256": g.hex(64), "lineage": []any{gdObj{"name": "bash", "pid": 900, "executablePath": "/usr/bin/bash"}}}}
			f["resource"] = res
		} else {
			typ, title, sev = "AttackSequence:S3/CompromisedData", "Potential data compromise of one or more S3 buckets.", 9+float64(g.r.IntN(10))/10
			svc["featureName"] = "Correlation"
			svc["detection"] = gdObj{"sequence": gdObj{"uid": id,
				"actors":    []any{gdObj{"id": "actor-1", "user": gdObj{"name": "build-bot", "uid": "AIDAEXAMPLEBUILDBOT1", "type": "IAMUser"}}},
				"endpoints": []any{gdObj{"id": "endpoint-1", "ip": g.publicIP(), "autonomousSystem": gdObj{"name": "Example Anon", "number": 64503}}},
				"sequenceIndicators": []any{
					gdObj{"key": "ATTACK_TACTIC", "values": []any{"Exfiltration", "Impact", "Discovery"}},
					gdObj{"key": "ATTACK_TECHNIQUE", "values": []any{"T1530 - Data from Cloud Storage", "T1078.004 - Valid Accounts: Cloud Accounts"}},
				}}}
			f["resource"] = gdObj{"resourceType": "AttackSequence"}
		}
	}
	f["type"], f["title"], f["description"], f["severity"], f["service"] = typ, title, title, sev, svc
	return f
}
