package samplegen

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// CloudTrail returns a CloudTrail log file as delivered to S3,
// uncompressed: {"Records":[...]} holding n varied events of about 1 to 2
// KB each. The mix follows a busy account: S3 object data events by
// instance roles through a VPC endpoint, read-only management calls from
// IAM Identity Center sessions, services assuming their roles (service
// principals as source), KMS calls made on behalf of services, console
// sign-ins that succeed and fail, denied and throttled calls, IAM and EC2
// changes, and IPv4, IPv6, private and "AWS Internal" sources.
func CloudTrail(n int) []byte {
	g := &ctGen{r: rand.New(rand.NewPCG(0xc10d, 0x7a11)), at: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)}
	g.b = make([]byte, 0, 32+n*1500)
	g.b = append(g.b, `{"Records":[`...)
	for i := range n {
		if i > 0 {
			g.b = append(g.b, ',')
		}
		g.event()
	}
	g.b = append(g.b, "]}\n"...)
	return g.b
}

const ctAccount = "123456789012"

type ctGen struct {
	r     *rand.Rand
	b     []byte
	at    time.Time
	first bool // no comma before the next member
}

var (
	ctRegions   = []string{"us-east-1", "us-east-1", "us-east-1", "eu-west-1", "ap-northeast-1"}
	ctSSOUsers  = []string{"maria.garcia@example.com", "wei.chen@example.com", "sam.okafor@example.com", "ana.silva@example.com"}
	ctSSORoles  = []string{"AWSReservedSSO_AdministratorAccess_0123456789abcdef", "AWSReservedSSO_ReadOnlyAccess_fedcba9876543210", "AWSReservedSSO_PowerUserAccess_00112233445566aa"}
	ctIAMUsers  = []string{"alice", "bob", "ci-runner", "backup-operator"}
	ctBuckets   = []string{"example-assets", "example-reports", "example-logs-archive", "example-data-lake"}
	ctAgents    = []string{"aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.8 cfg/retry-mode#standard", "Boto3/1.34.10 md/Botocore#1.34.10 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.12.1 Botocore/1.34.10", "[aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21.5 md/GOOS#linux md/GOARCH#amd64 api/s3#1.47.5]", "AWS Internal", "console.amazonaws.com", "terraform-provider-aws/5.31.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.24.0"}
	ctBrowsers  = []string{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"}
	ctReadCalls = [][2]string{{"ec2.amazonaws.com", "DescribeInstances"}, {"ec2.amazonaws.com", "DescribeSecurityGroups"}, {"lambda.amazonaws.com", "ListFunctions20150331"}, {"s3.amazonaws.com", "GetBucketAcl"}, {"iam.amazonaws.com", "GetRole"}, {"cloudwatch.amazonaws.com", "DescribeAlarms"}, {"rds.amazonaws.com", "DescribeDBInstances"}, {"sts.amazonaws.com", "GetCallerIdentity"}}
	ctServices  = []string{"lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "ec2.amazonaws.com", "states.amazonaws.com"}
	ctTLS       = [][2]string{{"TLSv1.3", "TLS_AES_128_GCM_SHA256"}, {"TLSv1.3", "TLS_AES_256_GCM_SHA384"}, {"TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256"}}
)

func (g *ctGen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *ctGen) event() {
	g.at = g.at.Add(time.Duration(g.r.IntN(400)) * time.Millisecond)
	region := g.pick(ctRegions)
	g.first = true
	g.b = append(g.b, '{')
	switch k := g.r.IntN(100); {
	case k < 30:
		g.s3Data(region)
	case k < 50:
		g.readCall(region)
	case k < 60:
		g.serviceAssumeRole(region)
	case k < 68:
		g.kms(region)
	case k < 76:
		g.consoleLogin()
	case k < 84:
		g.failedCall(region)
	case k < 92:
		g.iamChange()
	default:
		g.ec2Change(region)
	}
	g.b = append(g.b, '}')
}

// Member writers. Values are plain ASCII chosen here, so they need no
// escaping beyond what strconv.AppendQuote does for the odd character.

func (g *ctGen) key(k string) {
	if !g.first {
		g.b = append(g.b, ',')
	}
	g.first = false
	g.b = append(g.b, '"')
	g.b = append(g.b, k...)
	g.b = append(g.b, '"', ':')
}

func (g *ctGen) str(k, v string) {
	g.key(k)
	g.b = strconv.AppendQuote(g.b, v)
}

func (g *ctGen) num(k string, v int64) {
	g.key(k)
	g.b = strconv.AppendInt(g.b, v, 10)
}

func (g *ctGen) boolean(k string, v bool) {
	g.key(k)
	g.b = strconv.AppendBool(g.b, v)
}

func (g *ctGen) null(k string) {
	g.key(k)
	g.b = append(g.b, "null"...)
}

// open starts an object member; close ends it.
func (g *ctGen) open(k string) {
	g.key(k)
	g.b = append(g.b, '{')
	g.first = true
}

func (g *ctGen) close() {
	g.b = append(g.b, '}')
	g.first = false
}

func (g *ctGen) uuid() string {
	const hex = "0123456789abcdef"
	var u [36]byte
	for i := range u {
		switch i {
		case 8, 13, 18, 23:
			u[i] = '-'
		default:
			u[i] = hex[g.r.IntN(16)]
		}
	}
	return string(u[:])
}

func (g *ctGen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.r.IntN(16)]
	}
	return string(b)
}

func (g *ctGen) upperID(prefix string, n int) string {
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := []byte(prefix)
	for range n {
		b = append(b, alnum[g.r.IntN(len(alnum))])
	}
	return string(b)
}

// sourceIP is a caller address: mostly public IPv4, some private
// (through endpoints), some IPv6.
func (g *ctGen) sourceIP() string {
	switch k := g.r.IntN(10); {
	case k < 6:
		p := g.pick([]string{"198.51.100.", "203.0.113.", "192.0.2."})
		return p + strconv.Itoa(1+g.r.IntN(254))
	case k < 8:
		return "10.0." + strconv.Itoa(g.r.IntN(64)) + "." + strconv.Itoa(1+g.r.IntN(254))
	default:
		return "2001:db8:85a3:" + strconv.FormatInt(int64(g.r.IntN(0xffff)), 16) + "::" + strconv.FormatInt(int64(1+g.r.IntN(0xfffe)), 16)
	}
}

func (g *ctGen) tail(eventType, category string, readOnly, management bool) {
	g.str("requestID", g.uuid())
	g.str("eventID", g.uuid())
	g.boolean("readOnly", readOnly)
	g.str("eventType", eventType)
	g.boolean("managementEvent", management)
	g.str("recipientAccountId", ctAccount)
	g.str("eventCategory", category)
}

func (g *ctGen) tls(host string) {
	t := ctTLS[g.r.IntN(len(ctTLS))]
	g.open("tlsDetails")
	g.str("tlsVersion", t[0])
	g.str("cipherSuite", t[1])
	g.str("clientProvidedHostHeader", host)
	g.close()
}

func (g *ctGen) ssoIdentity() {
	user, role := g.pick(ctSSOUsers), g.pick(ctSSORoles)
	g.open("userIdentity")
	g.str("type", "AssumedRole")
	g.str("principalId", "AROAEXAMPLESSOROLE01:"+user)
	g.str("arn", "arn:aws:sts::"+ctAccount+":assumed-role/"+role+"/"+user)
	g.str("accountId", ctAccount)
	g.str("accessKeyId", g.upperID("ASIA", 16))
	g.open("sessionContext")
	g.open("sessionIssuer")
	g.str("type", "Role")
	g.str("principalId", "AROAEXAMPLESSOROLE01")
	g.str("arn", "arn:aws:iam::"+ctAccount+":role/aws-reserved/sso.amazonaws.com/"+role)
	g.str("accountId", ctAccount)
	g.str("userName", role)
	g.close()
	g.open("attributes")
	g.str("creationDate", g.at.Add(-time.Duration(g.r.IntN(3600))*time.Second).Format(time.RFC3339))
	g.str("mfaAuthenticated", "false")
	g.close()
	g.close()
	g.close()
}

func (g *ctGen) iamUserIdentity(name string) {
	g.open("userIdentity")
	g.str("type", "IAMUser")
	g.str("principalId", "AIDAEXAMPLE"+name)
	g.str("arn", "arn:aws:iam::"+ctAccount+":user/"+name)
	g.str("accountId", ctAccount)
	g.str("accessKeyId", g.upperID("AKIA", 16))
	g.str("userName", name)
	g.close()
}

func (g *ctGen) s3Data(region string) {
	bucket := g.pick(ctBuckets)
	object := "data/2026/11/27/part-" + strconv.Itoa(g.r.IntN(100000)) + ".parquet"
	calls := []string{"GetObject", "GetObject", "GetObject", "PutObject", "HeadObject", "DeleteObject"}
	name := calls[g.r.IntN(len(calls))]
	instance := "i-0" + g.hex(16)
	g.str("eventVersion", "1.10")
	g.open("userIdentity")
	g.str("type", "AssumedRole")
	g.str("principalId", "AROAEXAMPLEWEBROLE01:"+instance)
	g.str("arn", "arn:aws:sts::"+ctAccount+":assumed-role/app-server-role/"+instance)
	g.str("accountId", ctAccount)
	g.str("accessKeyId", g.upperID("ASIA", 16))
	g.open("sessionContext")
	g.open("sessionIssuer")
	g.str("type", "Role")
	g.str("principalId", "AROAEXAMPLEWEBROLE01")
	g.str("arn", "arn:aws:iam::"+ctAccount+":role/app-server-role")
	g.str("accountId", ctAccount)
	g.str("userName", "app-server-role")
	g.close()
	g.open("attributes")
	g.str("creationDate", g.at.Add(-time.Duration(g.r.IntN(21600))*time.Second).Format(time.RFC3339))
	g.str("mfaAuthenticated", "false")
	g.close()
	g.str("ec2RoleDelivery", "2.0")
	g.close()
	g.close()
	g.str("eventTime", g.at.Format(time.RFC3339))
	g.str("eventSource", "s3.amazonaws.com")
	g.str("eventName", name)
	g.str("awsRegion", region)
	g.str("sourceIPAddress", "10.0."+strconv.Itoa(g.r.IntN(64))+"."+strconv.Itoa(1+g.r.IntN(254)))
	g.str("userAgent", "[aws-sdk-java/2.21.0 Linux/5.10.205 OpenJDK_64-Bit_Server_VM/17.0.9+8-LTS Java/17.0.9 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy]")
	g.open("requestParameters")
	g.str("bucketName", bucket)
	g.str("Host", bucket+".s3."+region+".amazonaws.com")
	g.str("key", object)
	if name == "PutObject" {
		g.str("x-amz-server-side-encryption", "aws:kms")
	}
	g.close()
	if name == "PutObject" {
		g.open("responseElements")
		g.str("x-amz-server-side-encryption", "aws:kms")
		g.str("x-amz-server-side-encryption-aws-kms-key-id", "arn:aws:kms:"+region+":"+ctAccount+":key/"+g.uuid())
		g.close()
	} else {
		g.null("responseElements")
	}
	g.open("additionalEventData")
	g.str("SignatureVersion", "SigV4")
	g.str("CipherSuite", "TLS_AES_128_GCM_SHA256")
	g.num("bytesTransferredIn", int64(g.r.IntN(2)*g.r.IntN(1<<20)))
	g.str("AuthenticationMethod", "AuthHeader")
	g.str("x-amz-id-2", g.upperID("", 56)+"=")
	g.num("bytesTransferredOut", int64(g.r.IntN(1<<22)))
	g.close()
	g.str("requestID", g.upperID("", 16))
	g.str("eventID", g.uuid())
	g.boolean("readOnly", name == "GetObject" || name == "HeadObject")
	g.key("resources")
	g.b = append(g.b, `[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::`...)
	g.b = append(g.b, bucket...)
	g.b = append(g.b, '/')
	g.b = append(g.b, object...)
	g.b = append(g.b, `"},{"accountId":"`+ctAccount+`","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::`...)
	g.b = append(g.b, bucket...)
	g.b = append(g.b, `"}]`...)
	g.str("eventType", "AwsApiCall")
	g.boolean("managementEvent", false)
	g.str("recipientAccountId", ctAccount)
	g.str("vpcEndpointId", "vpce-0123456789abcdef0")
	g.str("vpcEndpointAccountId", ctAccount)
	g.str("eventCategory", "Data")
	g.tls(bucket + ".s3." + region + ".amazonaws.com")
}

func (g *ctGen) readCall(region string) {
	call := ctReadCalls[g.r.IntN(len(ctReadCalls))]
	g.str("eventVersion", "1.09")
	g.ssoIdentity()
	g.str("eventTime", g.at.Format(time.RFC3339))
	g.str("eventSource", call[0])
	g.str("eventName", call[1])
	g.str("awsRegion", region)
	g.str("sourceIPAddress", g.sourceIP())
	g.str("userAgent", g.pick(ctAgents))
	switch call[1] {
	case "DescribeInstances":
		g.open("requestParameters")
		g.open("instancesSet")
		g.close()
		g.open("filterSet")
		g.key("items")
		g.b = append(g.b, `[{"name":"tag:Environment","valueSet":{"items":[{"value":"production"}]}}]`...)
		g.close()
		g.close()
	case "GetBucketAcl":
		bucket := g.pick(ctBuckets)
		g.open("requestParameters")
		g.str("bucketName", bucket)
		g.str("Host", bucket+".s3.amazonaws.com")
		g.str("acl", "")
		g.close()
	case "GetRole":
		g.open("requestParameters")
		g.str("roleName", "app-server-role")
		g.close()
	default:
		g.null("requestParameters")
	}
	g.null("responseElements")
	g.tail("AwsApiCall", "Management", true, true)
	g.tls(firstLabel(call[0]) + "." + region + ".amazonaws.com")
}

func firstLabel(host string) string {
	for i := range len(host) {
		if host[i] == '.' {
			return host[:i]
		}
	}
	return host
}

func (g *ctGen) serviceAssumeRole(region string) {
	service := g.pick(ctServices)
	role := "service-role/" + firstLabel(service) + "-exec-" + strconv.Itoa(g.r.IntN(20))
	g.str("eventVersion", "1.08")
	g.open("userIdentity")
	g.str("type", "AWSService")
	g.str("invokedBy", service)
	g.close()
	g.str("eventTime", g.at.Format(time.RFC3339))
	g.str("eventSource", "sts.amazonaws.com")
	g.str("eventName", "AssumeRole")
	g.str("awsRegion", region)
	g.str("sourceIPAddress", service)
	g.str("userAgent", service)
	g.open("requestParameters")
	g.str("roleArn", "arn:aws:iam::"+ctAccount+":role/"+role)
	g.str("roleSessionName", g.upperID("", 12))
	g.close()
	g.open("responseElements")
	g.open("credentials")
	g.str("accessKeyId", g.upperID("ASIA", 16))
	g.str("sessionToken", g.upperID("IQoJb3JpZ2luX2Vj", 180))
	g.str("expiration", g.at.Add(time.Hour).Format("Jan 2, 2006, 3:04:05 PM"))
	g.close()
	g.close()
	g.str("requestID", g.uuid())
	g.str("eventID", g.uuid())
	g.boolean("readOnly", true)
	g.key("resources")
	g.b = append(g.b, `[{"accountId":"`+ctAccount+`","type":"AWS::IAM::Role","ARN":"arn:aws:iam::`+ctAccount+`:role/`...)
	g.b = append(g.b, role...)
	g.b = append(g.b, `"}]`...)
	g.str("eventType", "AwsApiCall")
	g.boolean("managementEvent", true)
	g.str("recipientAccountId", ctAccount)
	g.str("sharedEventID", g.uuid())
	g.str("eventCategory", "Management")
}

func (g *ctGen) kms(region string) {
	name := g.pick([]string{"Decrypt", "GenerateDataKey", "Encrypt"})
	service := g.pick([]string{"s3.amazonaws.com", "secretsmanager.amazonaws.com", "rds.amazonaws.com"})
	g.str("eventVersion", "1.09")
	g.open("userIdentity")
	g.str("type", "AWSService")
	g.str("invokedBy", service)
	g.close()
	g.str("eventTime", g.at.Format(time.RFC3339))
	g.str("eventSource", "kms.amazonaws.com")
	g.str("eventName", name)
	g.str("awsRegion", region)
	g.str("sourceIPAddress", service)
	g.str("userAgent", service)
	g.open("requestParameters")
	g.open("encryptionContext")
	g.str("aws:s3:arn", "arn:aws:s3:::"+g.pick(ctBuckets)+"/data/object-"+strconv.Itoa(g.r.IntN(1000)))
	g.close()
	g.str("encryptionAlgorithm", "SYMMETRIC_DEFAULT")
	if name == "GenerateDataKey" {
		g.str("keySpec", "AES_256")
	}
	g.close()
	g.null("responseElements")
	g.str("requestID", g.uuid())
	g.str("eventID", g.uuid())
	g.boolean("readOnly", true)
	g.key("resources")
	g.b = append(g.b, `[{"accountId":"`+ctAccount+`","type":"AWS::KMS::Key","ARN":"arn:aws:kms:`...)
	g.b = append(g.b, region...)
	g.b = append(g.b, ":"+ctAccount+":key/"...)
	g.b = append(g.b, g.uuid()...)
	g.b = append(g.b, `"}]`...)
	g.str("eventType", "AwsApiCall")
	g.boolean("managementEvent", true)
	g.str("recipientAccountId", ctAccount)
	g.str("sharedEventID", g.uuid())
	g.str("eventCategory", "Management")
}

func (g *ctGen) consoleLogin() {
	user := g.pick(ctIAMUsers)
	ok := g.r.IntN(5) > 0
	g.str("eventVersion", "1.09")
	g.iamUserIdentity(user)
	g.str("eventTime", g.at.Format(time.RFC3339))
	g.str("eventSource", "signin.amazonaws.com")
	g.str("eventName", "ConsoleLogin")
	g.str("awsRegion", "us-east-1")
	g.str("sourceIPAddress", g.sourceIP())
	g.str("userAgent", g.pick(ctBrowsers))
	if !ok {
		g.str("errorMessage", "Failed authentication")
	}
	g.null("requestParameters")
	g.open("responseElements")
	if ok {
		g.str("ConsoleLogin", "Success")
	} else {
		g.str("ConsoleLogin", "Failure")
	}
	g.close()
	g.open("additionalEventData")
	g.str("LoginTo", "https://console.aws.amazon.com/console/home?region=us-east-1")
	g.str("MobileVersion", "No")
	if ok && g.r.IntN(2) == 0 {
		g.str("MFAIdentifier", "arn:aws:iam::"+ctAccount+":mfa/"+user)
		g.str("MFAUsed", "Yes")
	} else {
		g.str("MFAUsed", "No")
	}
	g.close()
	g.str("eventID", g.uuid())
	g.boolean("readOnly", false)
	g.str("eventType", "AwsConsoleSignIn")
	g.boolean("managementEvent", true)
	g.str("recipientAccountId", ctAccount)
	g.str("eventCategory", "Management")
	g.tls("signin.aws.amazon.com")
}

func (g *ctGen) failedCall(region string) {
	user := g.pick(ctIAMUsers)
	type failure struct{ source, name, code, message string }
	f := []failure{
		{"s3.amazonaws.com", "PutBucketPolicy", "AccessDenied", "Access Denied"},
		{"ec2.amazonaws.com", "TerminateInstances", "Client.UnauthorizedOperation", "You are not authorized to perform this operation. User: arn:aws:iam::" + ctAccount + ":user/" + user + " is not authorized to perform: ec2:TerminateInstances on resource: arn:aws:ec2:" + region + ":" + ctAccount + ":instance/i-0123456789abcdef0 because no identity-based policy allows the ec2:TerminateInstances action."},
		{"iam.amazonaws.com", "CreateAccessKey", "AccessDenied", "User: arn:aws:iam::" + ctAccount + ":user/" + user + " is not authorized to perform: iam:CreateAccessKey on resource: user admin"},
		{"dynamodb.amazonaws.com", "DescribeTable", "ThrottlingException", "Rate exceeded"},
		{"lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", "ValidationException", "1 validation error detected: Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"},
	}[g.r.IntN(5)]
	g.str("eventVersion", "1.09")
	g.iamUserIdentity(user)
	g.str("eventTime", g.at.Format(time.RFC3339))
	g.str("eventSource", f.source)
	g.str("eventName", f.name)
	g.str("awsRegion", region)
	g.str("sourceIPAddress", g.sourceIP())
	g.str("userAgent", g.pick(ctAgents))
	g.str("errorCode", f.code)
	g.str("errorMessage", f.message)
	g.open("requestParameters")
	switch f.name {
	case "PutBucketPolicy":
		g.str("bucketName", g.pick(ctBuckets))
		g.open("bucketPolicy")
		g.str("Version", "2012-10-17")
		g.key("Statement")
		g.b = append(g.b, `[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-reports/*"}]`...)
		g.close()
	case "TerminateInstances":
		g.open("instancesSet")
		g.key("items")
		g.b = append(g.b, `[{"instanceId":"i-0123456789abcdef0"}]`...)
		g.close()
	case "CreateAccessKey":
		g.str("userName", "admin")
	case "DescribeTable":
		g.str("tableName", "orders")
	default:
		g.str("functionName", "thumbnailer")
		g.num("timeout", 0)
	}
	g.close()
	g.null("responseElements")
	g.tail("AwsApiCall", "Management", f.name == "DescribeTable", true)
	g.tls(firstLabel(f.source) + "." + region + ".amazonaws.com")
}

func (g *ctGen) iamChange() {
	name := g.pick([]string{"CreateUser", "AttachRolePolicy", "CreateAccessKey", "PutRolePolicy", "AddUserToGroup"})
	target := g.pick(ctIAMUsers)
	g.str("eventVersion", "1.09")
	g.ssoIdentity()
	g.str("eventTime", g.at.Format(time.RFC3339))
	g.str("eventSource", "iam.amazonaws.com")
	g.str("eventName", name)
	g.str("awsRegion", "us-east-1")
	g.str("sourceIPAddress", g.sourceIP())
	g.str("userAgent", g.pick(ctAgents))
	g.open("requestParameters")
	switch name {
	case "AttachRolePolicy":
		g.str("roleName", "app-server-role")
		g.str("policyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
	case "PutRolePolicy":
		g.str("roleName", "app-server-role")
		g.str("policyName", "inline-kms")
		g.str("policyDocument", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":"*"}]}`)
	case "AddUserToGroup":
		g.str("groupName", "developers")
		g.str("userName", target)
	default:
		g.str("userName", target)
	}
	g.close()
	switch name {
	case "CreateUser":
		g.open("responseElements")
		g.open("user")
		g.str("path", "/")
		g.str("userName", target)
		g.str("userId", "AIDAEXAMPLE"+target)
		g.str("arn", "arn:aws:iam::"+ctAccount+":user/"+target)
		g.str("createDate", g.at.Format("Jan 2, 2006, 3:04:05 PM"))
		g.close()
		g.close()
	case "CreateAccessKey":
		g.open("responseElements")
		g.open("accessKey")
		g.str("userName", target)
		g.str("accessKeyId", g.upperID("AKIA", 16))
		g.str("status", "Active")
		g.str("createDate", g.at.Format("Jan 2, 2006, 3:04:05 PM"))
		g.close()
		g.close()
	default:
		g.null("responseElements")
	}
	g.tail("AwsApiCall", "Management", false, true)
	g.tls("iam.amazonaws.com")
}

func (g *ctGen) ec2Change(region string) {
	name := g.pick([]string{"RunInstances", "AuthorizeSecurityGroupIngress", "ModifyInstanceAttribute"})
	g.str("eventVersion", "1.09")
	g.ssoIdentity()
	g.str("eventTime", g.at.Format(time.RFC3339))
	g.str("eventSource", "ec2.amazonaws.com")
	g.str("eventName", name)
	g.str("awsRegion", region)
	g.str("sourceIPAddress", g.pick([]string{"AWS Internal", g.sourceIP()}))
	g.str("userAgent", g.pick(ctAgents))
	instance := "i-0" + g.hex(16)
	switch name {
	case "RunInstances":
		g.open("requestParameters")
		g.open("instancesSet")
		g.key("items")
		g.b = append(g.b, `[{"imageId":"ami-0abcdef1234567890","minCount":1,"maxCount":1}]`...)
		g.close()
		g.str("instanceType", g.pick([]string{"t3.micro", "m6i.large", "c7g.xlarge"}))
		g.open("monitoring")
		g.boolean("enabled", false)
		g.close()
		g.boolean("disableApiTermination", false)
		g.close()
		g.open("responseElements")
		g.str("reservationId", "r-0"+g.hex(16))
		g.str("ownerId", ctAccount)
		g.open("instancesSet")
		g.key("items")
		g.b = append(g.b, `[{"instanceId":"`...)
		g.b = append(g.b, instance...)
		g.b = append(g.b, `","imageId":"ami-0abcdef1234567890","instanceState":{"code":0,"name":"pending"},"privateIpAddress":"10.0.3.17","placement":{"availabilityZone":"`...)
		g.b = append(g.b, region...)
		g.b = append(g.b, `a","tenancy":"default"}}]`...)
		g.close()
		g.close()
	case "AuthorizeSecurityGroupIngress":
		g.open("requestParameters")
		g.str("groupId", "sg-0"+g.hex(16))
		g.open("ipPermissions")
		g.key("items")
		g.b = append(g.b, `[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"groups":{},"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]},"ipv6Ranges":{},"prefixListIds":{}}]`...)
		g.close()
		g.close()
		g.open("responseElements")
		g.str("requestId", g.uuid())
		g.boolean("_return", true)
		g.close()
	default:
		g.open("requestParameters")
		g.str("instanceId", instance)
		g.open("disableApiTermination")
		g.boolean("value", true)
		g.close()
		g.close()
		g.open("responseElements")
		g.str("requestId", g.uuid())
		g.boolean("_return", true)
		g.close()
	}
	g.tail("AwsApiCall", "Management", false, true)
	g.tls("ec2." + region + ".amazonaws.com")
}
