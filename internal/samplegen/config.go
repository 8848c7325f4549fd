package samplegen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"
)

// Config returns an AWS Config history or snapshot file as delivered to
// S3, uncompressed: {"fileVersion":"1.0","configurationItems":[...]} with
// n configuration items of varied resource types (EC2 instances with
// network interfaces, security groups, network interfaces, Elastic IPs,
// IAM users and roles in region "global", S3 buckets with supplementary
// configuration, Lambda functions whose configuration is JSON text) and
// statuses (discovered, changed, deleted).
func Config(n int) []byte {
	g := &cfgGen{r: rand.New(rand.NewPCG(0xc0f1, 0x6a11))}
	items := make([]any, n)
	for i := range items {
		items[i] = g.item(i)
	}
	b, err := json.Marshal(map[string]any{
		"fileVersion":        "1.0",
		"configSnapshotId":   "5f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
		"configurationItems": items,
	})
	if err != nil {
		panic(err) // the values above always encode
	}
	return b
}

type cfgGen struct{ r *rand.Rand }

type cfgObj = map[string]any

const cfgAccount = "123456789012"

func (g *cfgGen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.r.IntN(16)]
	}
	return string(b)
}

func (g *cfgGen) private() string {
	return fmt.Sprintf("10.%d.%d.%d", g.r.IntN(4), g.r.IntN(256), 1+g.r.IntN(254))
}

func (g *cfgGen) public() string {
	return fmt.Sprintf("%d.%d.%d.%d", []int{3, 18, 34, 52, 54}[g.r.IntN(5)], g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
}

func (g *cfgGen) item(i int) cfgObj {
	capture := time.Date(2026, 11, 27, 4, 0, 0, 0, time.UTC).Add(time.Duration(i)*1700*time.Millisecond + time.Duration(g.r.IntN(1000))*time.Millisecond)
	status := "OK"
	switch k := g.r.IntN(20); {
	case k == 0:
		status = "ResourceDeleted"
	case k < 4:
		status = "ResourceDiscovered"
	}
	region, az := "us-east-1", "us-east-1"+string(rune('a'+g.r.IntN(4)))
	ci := cfgObj{
		"configurationItemVersion":     "1.3",
		"configurationItemCaptureTime": capture.Format("2006-01-02T15:04:05.000Z"),
		"configurationStateId":         capture.UnixMilli(),
		"awsAccountId":                 cfgAccount,
		"configurationItemStatus":      status,
		"awsRegion":                    region,
		"availabilityZone":             "Not Applicable",
		"configurationStateMd5Hash":    "",
		"resourceCreationTime":         capture.Add(-time.Duration(1+g.r.IntN(5000)) * time.Hour).Format("2006-01-02T15:04:05.000Z"),
		"tags":                         cfgObj{},
		"relatedEvents":                []any{fmt.Sprintf("%s-%s-4%s-8%s-%s", g.hex(8), g.hex(4), g.hex(3), g.hex(3), g.hex(12))},
		"relationships":                []any{},
		"supplementaryConfiguration":   cfgObj{},
		"resourceName":                 nil,
	}
	set := func(typ, id, arn string, conf any) {
		ci["resourceType"], ci["resourceId"], ci["ARN"] = typ, id, arn
		if status == "ResourceDeleted" {
			conf = nil
		}
		ci["configuration"] = conf
	}
	switch k := g.r.IntN(100); {
	case k < 35:
		id := "i-0" + g.hex(16)
		ip, eni := g.private(), "eni-0"+g.hex(16)
		var pub any
		assoc := any(nil)
		if g.r.IntN(3) == 0 {
			p := g.public()
			pub, assoc = p, cfgObj{"publicIp": p, "ipOwnerId": "amazon"}
		}
		ci["availabilityZone"] = az
		ci["tags"] = cfgObj{"Name": "app-" + g.hex(4), "env": []string{"prod", "staging", "dev"}[g.r.IntN(3)]}
		ci["relationships"] = []any{
			cfgObj{"resourceId": eni, "resourceName": nil, "resourceType": "AWS::EC2::NetworkInterface", "name": "Contains NetworkInterface"},
			cfgObj{"resourceId": "sg-0" + g.hex(16), "resourceName": nil, "resourceType": "AWS::EC2::SecurityGroup", "name": "Is associated with SecurityGroup"},
		}
		set("AWS::EC2::Instance", id, "arn:aws:ec2:"+region+":"+cfgAccount+":instance/"+id, cfgObj{
			"instanceId": id, "imageId": "ami-0" + g.hex(16), "instanceType": []string{"t3.micro", "m7g.large", "c7i.xlarge", "r6i.2xlarge"}[g.r.IntN(4)],
			"privateIpAddress": ip, "publicIpAddress": pub, "state": cfgObj{"code": 16, "name": "running"},
			"placement": cfgObj{"availabilityZone": az, "tenancy": "default"},
			"networkInterfaces": []any{cfgObj{
				"networkInterfaceId": eni, "privateIpAddress": ip, "association": assoc,
				"privateIpAddresses": []any{cfgObj{"privateIpAddress": ip, "primary": true, "association": assoc}},
				"ipv6Addresses":      []any{},
			}},
			"monitoring": cfgObj{"state": "disabled"}, "ebsOptimized": g.r.IntN(2) == 0,
		})
	case k < 55:
		id := "sg-0" + g.hex(16)
		open := []any{}
		if g.r.IntN(5) == 0 {
			open = append(open, cfgObj{"ipProtocol": "tcp", "fromPort": 22, "toPort": 22, "ipv4Ranges": []any{cfgObj{"cidrIp": "0.0.0.0/0"}}, "ipRanges": []any{"0.0.0.0/0"}})
		}
		set("AWS::EC2::SecurityGroup", id, "arn:aws:ec2:"+region+":"+cfgAccount+":security-group/"+id, cfgObj{
			"groupId": id, "groupName": "sg-" + g.hex(4), "description": "managed", "vpcId": "vpc-0" + g.hex(16),
			"ipPermissions": open, "ipPermissionsEgress": []any{cfgObj{"ipProtocol": "-1", "ipRanges": []any{"0.0.0.0/0"}}},
		})
	case k < 70:
		id := "eni-0" + g.hex(16)
		ip := g.private()
		ci["availabilityZone"] = az
		set("AWS::EC2::NetworkInterface", id, "arn:aws:ec2:"+region+":"+cfgAccount+":network-interface/"+id, cfgObj{
			"networkInterfaceId": id, "privateIpAddress": ip, "status": "in-use",
			"privateIpAddresses": []any{cfgObj{"privateIpAddress": ip, "primary": true}, cfgObj{"privateIpAddress": g.private(), "primary": false}},
			"ipv6Addresses":      []any{cfgObj{"ipv6Address": fmt.Sprintf("2600:1f18:4a3:6901::%x", 1+g.r.IntN(0xfffe))}},
		})
	case k < 78:
		id := "eipalloc-0" + g.hex(16)
		pub := g.public()
		ci["resourceName"] = pub
		set("AWS::EC2::EIP", id, "arn:aws:ec2:"+region+":"+cfgAccount+":eip-allocation/"+id, cfgObj{
			"allocationId": id, "domain": "vpc", "publicIp": pub, "privateIpAddress": g.private(),
		})
	case k < 88:
		ci["awsRegion"] = "global"
		name := []string{"alice", "bob", "carol", "deploy", "ci-runner", "auditor"}[g.r.IntN(6)] + "-" + g.hex(3)
		if g.r.IntN(2) == 0 {
			id := "AIDA" + g.hex(16)
			ci["resourceName"] = name
			set("AWS::IAM::User", id, "arn:aws:iam::"+cfgAccount+":user/"+name, cfgObj{
				"userName": name, "userId": id, "path": "/", "groupList": []any{"developers"},
				"attachedManagedPolicies": []any{cfgObj{"policyName": "ReadOnlyAccess", "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}},
			})
		} else {
			id := "AROA" + g.hex(16)
			ci["resourceName"] = name
			set("AWS::IAM::Role", id, "arn:aws:iam::"+cfgAccount+":role/"+name, cfgObj{
				"roleName": name, "roleId": id, "path": "/service-role/",
				"assumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%7D",
			})
		}
	case k < 95:
		name := "corp-data-" + g.hex(6)
		ci["resourceName"] = name
		ci["availabilityZone"] = "Regional"
		ci["supplementaryConfiguration"] = cfgObj{
			"BucketPolicy":                      cfgObj{"policyText": `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::` + name + `/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`},
			"PublicAccessBlockConfiguration":    cfgObj{"blockPublicAcls": true, "ignorePublicAcls": true, "blockPublicPolicy": true, "restrictPublicBuckets": g.r.IntN(4) != 0},
			"BucketVersioningConfiguration":     cfgObj{"status": "Enabled", "isMfaDeleteEnabled": nil},
			"ServerSideEncryptionConfiguration": cfgObj{"rules": []any{cfgObj{"applyServerSideEncryptionByDefault": cfgObj{"sseAlgorithm": "aws:kms"}}}},
		}
		set("AWS::S3::Bucket", name, "arn:aws:s3:::"+name, cfgObj{"name": name, "owner": cfgObj{"id": g.hex(64)}, "creationDate": "2025-02-14T10:30:00.000Z"})
	default:
		name := "fn-" + g.hex(6)
		ci["resourceName"] = name
		conf, _ := json.Marshal(cfgObj{"functionName": name, "runtime": "python3.13", "memorySize": 128 << g.r.IntN(4), "timeout": 30, "role": "arn:aws:iam::" + cfgAccount + ":role/" + name})
		set("AWS::Lambda::Function", name, "arn:aws:lambda:"+region+":"+cfgAccount+":function:"+name, string(conf))
	}
	return ci
}
