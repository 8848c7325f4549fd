package samplegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"

	pq "github.com/parquet-go/parquet-go"
)

// OCSF is a subset of an OCSF 1.1 event as Amazon Security Lake 2.0
// writes it, covering the classes of AWS's native sources: API Activity
// (6003), Authentication (3002), Account Change (3001), Network Activity
// (4001), HTTP Activity (4002), DNS Activity (4003) and findings (2003,
// 2004). The same value encodes as an OCSF JSON event (nulls left out) and
// as a row of a Security Lake Parquet object.
type OCSF struct {
	Metadata       *OCSFMetadata     `json:"metadata,omitempty" parquet:"metadata,optional"`
	Time           *int64            `json:"time,omitempty" parquet:"time,optional"`
	ClassUID       *int32            `json:"class_uid,omitempty" parquet:"class_uid,optional"`
	ClassName      *string           `json:"class_name,omitempty" parquet:"class_name,optional"`
	CategoryUID    *int32            `json:"category_uid,omitempty" parquet:"category_uid,optional"`
	CategoryName   *string           `json:"category_name,omitempty" parquet:"category_name,optional"`
	ActivityID     *int32            `json:"activity_id,omitempty" parquet:"activity_id,optional"`
	ActivityName   *string           `json:"activity_name,omitempty" parquet:"activity_name,optional"`
	TypeUID        *int64            `json:"type_uid,omitempty" parquet:"type_uid,optional"`
	TypeName       *string           `json:"type_name,omitempty" parquet:"type_name,optional"`
	SeverityID     *int32            `json:"severity_id,omitempty" parquet:"severity_id,optional"`
	Severity       *string           `json:"severity,omitempty" parquet:"severity,optional"`
	StatusID       *int32            `json:"status_id,omitempty" parquet:"status_id,optional"`
	Status         *string           `json:"status,omitempty" parquet:"status,optional"`
	StatusCode     *string           `json:"status_code,omitempty" parquet:"status_code,optional"`
	Message        *string           `json:"message,omitempty" parquet:"message,optional"`
	StartTime      *int64            `json:"start_time,omitempty" parquet:"start_time,optional"`
	EndTime        *int64            `json:"end_time,omitempty" parquet:"end_time,optional"`
	Cloud          *OCSFCloud        `json:"cloud,omitempty" parquet:"cloud,optional"`
	Actor          *OCSFActor        `json:"actor,omitempty" parquet:"actor,optional"`
	User           *OCSFUser         `json:"user,omitempty" parquet:"user,optional"`
	API            *OCSFAPI          `json:"api,omitempty" parquet:"api,optional"`
	SrcEndpoint    *OCSFEndpoint     `json:"src_endpoint,omitempty" parquet:"src_endpoint,optional"`
	DstEndpoint    *OCSFEndpoint     `json:"dst_endpoint,omitempty" parquet:"dst_endpoint,optional"`
	HTTPRequest    *OCSFHTTPRequest  `json:"http_request,omitempty" parquet:"http_request,optional"`
	HTTPResponse   *OCSFHTTPResp     `json:"http_response,omitempty" parquet:"http_response,optional"`
	ConnectionInfo *OCSFConnection   `json:"connection_info,omitempty" parquet:"connection_info,optional"`
	Traffic        *OCSFTraffic      `json:"traffic,omitempty" parquet:"traffic,optional"`
	Action         *string           `json:"action,omitempty" parquet:"action,optional"`
	ActionID       *int32            `json:"action_id,omitempty" parquet:"action_id,optional"`
	Disposition    *string           `json:"disposition,omitempty" parquet:"disposition,optional"`
	DispositionID  *int32            `json:"disposition_id,omitempty" parquet:"disposition_id,optional"`
	Query          *OCSFQuery        `json:"query,omitempty" parquet:"query,optional"`
	Answers        []OCSFAnswer      `json:"answers,omitempty" parquet:"answers,optional,list"`
	RCode          *string           `json:"rcode,omitempty" parquet:"rcode,optional"`
	RCodeID        *int32            `json:"rcode_id,omitempty" parquet:"rcode_id,optional"`
	FirewallRule   *OCSFRule         `json:"firewall_rule,omitempty" parquet:"firewall_rule,optional"`
	FindingInfo    *OCSFFindingInfo  `json:"finding_info,omitempty" parquet:"finding_info,optional"`
	Compliance     *OCSFCompliance   `json:"compliance,omitempty" parquet:"compliance,optional"`
	Resources      []OCSFResource    `json:"resources,omitempty" parquet:"resources,optional,list"`
	Unmapped       map[string]string `json:"unmapped,omitempty" parquet:"unmapped,optional"`
}

// OCSF objects, each with the members the samples use.
type (
	OCSFMetadata struct {
		UID      *string      `json:"uid,omitempty" parquet:"uid,optional"`
		Version  *string      `json:"version,omitempty" parquet:"version,optional"`
		Product  *OCSFProduct `json:"product,omitempty" parquet:"product,optional"`
		Profiles []string     `json:"profiles,omitempty" parquet:"profiles,optional,list"`
	}
	OCSFProduct struct {
		Name       *string `json:"name,omitempty" parquet:"name,optional"`
		VendorName *string `json:"vendor_name,omitempty" parquet:"vendor_name,optional"`
		Version    *string `json:"version,omitempty" parquet:"version,optional"`
	}
	OCSFCloud struct {
		Provider *string      `json:"provider,omitempty" parquet:"provider,optional"`
		Region   *string      `json:"region,omitempty" parquet:"region,optional"`
		Account  *OCSFAccount `json:"account,omitempty" parquet:"account,optional"`
	}
	OCSFAccount struct {
		UID *string `json:"uid,omitempty" parquet:"uid,optional"`
	}
	OCSFActor struct {
		User    *OCSFUser    `json:"user,omitempty" parquet:"user,optional"`
		Session *OCSFSession `json:"session,omitempty" parquet:"session,optional"`
	}
	OCSFUser struct {
		Type          *string      `json:"type,omitempty" parquet:"type,optional"`
		Name          *string      `json:"name,omitempty" parquet:"name,optional"`
		UID           *string      `json:"uid,omitempty" parquet:"uid,optional"`
		Account       *OCSFAccount `json:"account,omitempty" parquet:"account,optional"`
		CredentialUID *string      `json:"credential_uid,omitempty" parquet:"credential_uid,optional"`
	}
	OCSFSession struct {
		Issuer *string `json:"issuer,omitempty" parquet:"issuer,optional"`
		IsMFA  *bool   `json:"is_mfa,omitempty" parquet:"is_mfa,optional"`
	}
	OCSFAPI struct {
		Operation *string       `json:"operation,omitempty" parquet:"operation,optional"`
		Service   *OCSFService  `json:"service,omitempty" parquet:"service,optional"`
		Request   *OCSFRequest  `json:"request,omitempty" parquet:"request,optional"`
		Response  *OCSFResponse `json:"response,omitempty" parquet:"response,optional"`
	}
	OCSFService struct {
		Name *string `json:"name,omitempty" parquet:"name,optional"`
	}
	OCSFRequest struct {
		UID *string `json:"uid,omitempty" parquet:"uid,optional"`
	}
	OCSFResponse struct {
		Error   *string `json:"error,omitempty" parquet:"error,optional"`
		Message *string `json:"message,omitempty" parquet:"message,optional"`
	}
	OCSFEndpoint struct {
		IP           *string `json:"ip,omitempty" parquet:"ip,optional"`
		Port         *int32  `json:"port,omitempty" parquet:"port,optional"`
		Domain       *string `json:"domain,omitempty" parquet:"domain,optional"`
		Hostname     *string `json:"hostname,omitempty" parquet:"hostname,optional"`
		VPCUID       *string `json:"vpc_uid,omitempty" parquet:"vpc_uid,optional"`
		InterfaceUID *string `json:"interface_uid,omitempty" parquet:"interface_uid,optional"`
		InstanceUID  *string `json:"instance_uid,omitempty" parquet:"instance_uid,optional"`
	}
	OCSFHTTPRequest struct {
		HTTPMethod *string  `json:"http_method,omitempty" parquet:"http_method,optional"`
		UserAgent  *string  `json:"user_agent,omitempty" parquet:"user_agent,optional"`
		Version    *string  `json:"version,omitempty" parquet:"version,optional"`
		URL        *OCSFURL `json:"url,omitempty" parquet:"url,optional"`
		UID        *string  `json:"uid,omitempty" parquet:"uid,optional"`
	}
	OCSFURL struct {
		Hostname    *string `json:"hostname,omitempty" parquet:"hostname,optional"`
		Path        *string `json:"path,omitempty" parquet:"path,optional"`
		QueryString *string `json:"query_string,omitempty" parquet:"query_string,optional"`
		Scheme      *string `json:"scheme,omitempty" parquet:"scheme,optional"`
	}
	OCSFHTTPResp struct {
		Code *int32 `json:"code,omitempty" parquet:"code,optional"`
	}
	OCSFConnection struct {
		ProtocolNum *int32  `json:"protocol_num,omitempty" parquet:"protocol_num,optional"`
		ProtocolVer *string `json:"protocol_ver,omitempty" parquet:"protocol_ver,optional"`
		DirectionID *int32  `json:"direction_id,omitempty" parquet:"direction_id,optional"`
		Direction   *string `json:"direction,omitempty" parquet:"direction,optional"`
		TCPFlags    *int32  `json:"tcp_flags,omitempty" parquet:"tcp_flags,optional"`
	}
	OCSFTraffic struct {
		Bytes   *int64 `json:"bytes,omitempty" parquet:"bytes,optional"`
		Packets *int64 `json:"packets,omitempty" parquet:"packets,optional"`
	}
	OCSFQuery struct {
		Hostname  *string `json:"hostname,omitempty" parquet:"hostname,optional"`
		Type      *string `json:"type,omitempty" parquet:"type,optional"`
		Class     *string `json:"class,omitempty" parquet:"class,optional"`
		PacketUID *int32  `json:"packet_uid,omitempty" parquet:"packet_uid,optional"`
	}
	OCSFAnswer struct {
		RData *string `json:"rdata,omitempty" parquet:"rdata,optional"`
		Type  *string `json:"type,omitempty" parquet:"type,optional"`
		Class *string `json:"class,omitempty" parquet:"class,optional"`
	}
	OCSFRule struct {
		UID  *string `json:"uid,omitempty" parquet:"uid,optional"`
		Name *string `json:"name,omitempty" parquet:"name,optional"`
		Type *string `json:"type,omitempty" parquet:"type,optional"`
	}
	OCSFFindingInfo struct {
		UID          *string       `json:"uid,omitempty" parquet:"uid,optional"`
		Title        *string       `json:"title,omitempty" parquet:"title,optional"`
		Desc         *string       `json:"desc,omitempty" parquet:"desc,optional"`
		Types        []string      `json:"types,omitempty" parquet:"types,optional,list"`
		CreatedTime  *int64        `json:"created_time,omitempty" parquet:"created_time,optional"`
		ModifiedTime *int64        `json:"modified_time,omitempty" parquet:"modified_time,optional"`
		SrcURL       *string       `json:"src_url,omitempty" parquet:"src_url,optional"`
		Attacks      []OCSFAttack  `json:"attacks,omitempty" parquet:"attacks,optional,list"`
		Analytic     *OCSFAnalytic `json:"analytic,omitempty" parquet:"analytic,optional"`
	}
	OCSFAttack struct {
		Tactic    *OCSFNamed `json:"tactic,omitempty" parquet:"tactic,optional"`
		Technique *OCSFNamed `json:"technique,omitempty" parquet:"technique,optional"`
	}
	OCSFNamed struct {
		UID  *string `json:"uid,omitempty" parquet:"uid,optional"`
		Name *string `json:"name,omitempty" parquet:"name,optional"`
	}
	OCSFAnalytic struct {
		UID  *string `json:"uid,omitempty" parquet:"uid,optional"`
		Name *string `json:"name,omitempty" parquet:"name,optional"`
	}
	OCSFCompliance struct {
		Control   *string  `json:"control,omitempty" parquet:"control,optional"`
		Standards []string `json:"standards,omitempty" parquet:"standards,optional,list"`
		Status    *string  `json:"status,omitempty" parquet:"status,optional"`
	}
	OCSFResource struct {
		UID    *string `json:"uid,omitempty" parquet:"uid,optional"`
		Type   *string `json:"type,omitempty" parquet:"type,optional"`
		Region *string `json:"region,omitempty" parquet:"region,optional"`
	}
)

func p[T any](v T) *T { return &v }

// eksAudit turns an API Activity event into one of Security Lake's
// EKS_AUDIT source: a Kubernetes user, verb and request path. It draws
// nothing from the random source, so the other events stay as they are.
func eksAudit(e *OCSF, i int) {
	calls := []struct {
		user, verb, path, ua string
		activity             int32
		name                 string
	}{
		{"system:serviceaccount:kube-system:aws-node", "get", "/api/v1/namespaces/kube-system/configmaps/amazon-vpc-cni", "aws-node/v1.19.0 (linux/amd64) kubernetes/$Format", 2, "Read"},
		{"kubernetes-admin", "create", "/apis/apps/v1/namespaces/payments/deployments", "kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46", 1, "Create"},
		{"system:node:ip-10-0-7-21.ec2.internal", "patch", "/api/v1/nodes/ip-10-0-7-21.ec2.internal/status", "kubelet/v1.31.2 (linux/amd64) kubernetes/5864a46", 3, "Update"},
		{"arn:aws:sts::123456789012:assumed-role/eks-admins/carol", "delete", "/api/v1/namespaces/payments/secrets/db-password", "kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46", 4, "Delete"},
	}
	c := calls[(i/16)%len(calls)]
	e.Metadata.Product = &OCSFProduct{Name: p("Amazon EKS"), VendorName: p("AWS"), Version: p("audit.k8s.io/v1")}
	e.ActivityID, e.ActivityName = p(c.activity), p(c.name)
	e.TypeUID, e.TypeName = p(int64(600300+int64(c.activity))), p("API Activity: "+c.name)
	e.Actor = &OCSFActor{User: &OCSFUser{Name: p(c.user), UID: p(fmt.Sprintf("6f1c2d3e-%04x-4a5b-8c9d-0e1f2a3b4c5d", i))}}
	e.API.Operation, e.API.Service = p(c.verb), nil
	e.HTTPRequest = &OCSFHTTPRequest{UserAgent: p(c.ua), URL: &OCSFURL{Path: p(c.path)}}
	decision := "allow"
	if e.StatusID != nil && *e.StatusID == 2 {
		decision = "forbid"
		e.API.Response = &OCSFResponse{Error: p("Forbidden"), Message: p(c.user + " cannot " + c.verb + " " + c.path)}
	}
	e.Unmapped = map[string]string{"stage": "ResponseComplete", "authorization.k8s.io/decision": decision}
}

// SecurityLakeEvents returns n varied OCSF events of AWS's native Security
// Lake sources, deterministic, one minute apart from 2026-11-27T10:00Z.
func SecurityLakeEvents(n int) []OCSF {
	rng := rand.New(rand.NewPCG(0x5ec1, 0x1a4e))
	out := make([]OCSF, 0, n)
	const base = int64(1795773600000) // 2026-11-27T10:00:00Z
	regions := []string{"us-east-1", "eu-west-1", "ap-northeast-1"}
	accounts := []string{"123456789012", "210987654321"}
	users := []string{"alice", "bob", "deploy-bot", "carol"}
	ops := []struct {
		op, svc  string
		activity int32
		name     string
	}{
		{"RunInstances", "ec2.amazonaws.com", 1, "Create"},
		{"DescribeInstances", "ec2.amazonaws.com", 2, "Read"},
		{"PutBucketPolicy", "s3.amazonaws.com", 3, "Update"},
		{"DeleteTrail", "cloudtrail.amazonaws.com", 4, "Delete"},
		{"Invoke", "lambda.amazonaws.com", 99, "Other"},
		{"GetObject", "s3.amazonaws.com", 2, "Read"},
	}
	ip := func() string {
		return fmt.Sprintf("%d.%d.%d.%d", 198+rng.IntN(2), 51+rng.IntN(2), rng.IntN(256), 1+rng.IntN(254))
	}
	priv := func() string { return fmt.Sprintf("10.0.%d.%d", rng.IntN(16), 1+rng.IntN(254)) }
	hex := func(k int) string {
		const d = "0123456789abcdef"
		b := make([]byte, k)
		for i := range b {
			b[i] = d[rng.IntN(16)]
		}
		return string(b)
	}
	uuid := func() string { return hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12) }
	product := func(name, version string) *OCSFMetadata {
		return &OCSFMetadata{UID: p(uuid()), Version: p("1.1.0"), Product: &OCSFProduct{Name: p(name), VendorName: p("AWS"), Version: p(version)}, Profiles: []string{"cloud", "datetime"}}
	}
	for i := range n {
		t := base + int64(i)*60000 + int64(rng.IntN(60000))
		region, account := regions[rng.IntN(len(regions))], accounts[rng.IntN(len(accounts))]
		e := OCSF{Time: p(t), SeverityID: p(int32(1)), Severity: p("Informational"),
			Cloud: &OCSFCloud{Provider: p("AWS"), Region: p(region), Account: &OCSFAccount{UID: p(account)}}}
		user := users[rng.IntN(len(users))]
		actor := &OCSFActor{User: &OCSFUser{Type: p("IAMUser"), Name: p(user), UID: p("AIDA" + hex(16)),
			Account: &OCSFAccount{UID: p(account)}, CredentialUID: p("AKIA" + hex(16))}}
		ua := []string{"aws-cli/2.22.0 Python/3.12.6 Linux/6.1 exe/x86_64", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", "Boto3/1.35.0 md/Botocore#1.35.0"}[rng.IntN(3)]
		switch i % 8 {
		case 0, 1: // API Activity
			o := ops[rng.IntN(len(ops))]
			e.Metadata = product("CloudTrail", "1.11")
			e.ClassUID, e.ClassName, e.CategoryUID, e.CategoryName = p(int32(6003)), p("API Activity"), p(int32(6)), p("Application Activity")
			e.ActivityID, e.ActivityName = p(o.activity), p(o.name)
			e.TypeUID, e.TypeName = p(int64(600300+int64(o.activity))), p("API Activity: "+o.name)
			e.Actor = actor
			e.API = &OCSFAPI{Operation: p(o.op), Service: &OCSFService{Name: p(o.svc)}, Request: &OCSFRequest{UID: p(uuid())}}
			e.SrcEndpoint = &OCSFEndpoint{IP: p(ip())}
			e.HTTPRequest = &OCSFHTTPRequest{UserAgent: p(ua)}
			if rng.IntN(4) == 0 {
				e.StatusID, e.Status = p(int32(2)), p("Failure")
				e.API.Response = &OCSFResponse{Error: p("AccessDenied"), Message: p("User: arn:aws:iam::" + account + ":user/" + user + " is not authorized to perform: " + o.op)}
			} else {
				e.StatusID, e.Status = p(int32(1)), p("Success")
			}
			e.Unmapped = map[string]string{"eventType": "AwsApiCall", "recipientAccountId": account}
			if i%16 == 1 {
				eksAudit(&e, i)
			}
		case 2: // Authentication
			e.Metadata = product("CloudTrail", "1.11")
			e.ClassUID, e.ClassName, e.CategoryUID, e.CategoryName = p(int32(3002)), p("Authentication"), p(int32(3)), p("Identity & Access Management")
			e.ActivityID, e.ActivityName, e.TypeUID, e.TypeName = p(int32(1)), p("Logon"), p(int64(300201)), p("Authentication: Logon")
			e.Actor = actor
			e.User = actor.User
			e.API = &OCSFAPI{Operation: p("ConsoleLogin"), Service: &OCSFService{Name: p("signin.amazonaws.com")}}
			e.SrcEndpoint = &OCSFEndpoint{IP: p(ip())}
			e.HTTPRequest = &OCSFHTTPRequest{UserAgent: p(ua)}
			if rng.IntN(3) == 0 {
				e.StatusID, e.Status, e.Message = p(int32(2)), p("Failure"), p("Failed authentication")
			} else {
				e.StatusID, e.Status = p(int32(1)), p("Success")
			}
		case 3: // Account Change
			e.Metadata = product("CloudTrail", "1.11")
			e.ClassUID, e.ClassName, e.CategoryUID, e.CategoryName = p(int32(3001)), p("Account Change"), p(int32(3)), p("Identity & Access Management")
			e.ActivityID, e.ActivityName, e.TypeUID, e.TypeName = p(int32(1)), p("Create"), p(int64(300101)), p("Account Change: Create")
			e.Actor = actor
			e.User = &OCSFUser{Name: p("svc-" + hex(4)), UID: p("AIDA" + hex(16))}
			e.API = &OCSFAPI{Operation: p("CreateUser"), Service: &OCSFService{Name: p("iam.amazonaws.com")}}
			e.SrcEndpoint = &OCSFEndpoint{IP: p(ip())}
			e.StatusID, e.Status = p(int32(1)), p("Success")
		case 4: // Network Activity (VPC Flow)
			e.Metadata = product("Amazon VPC", "5")
			e.ClassUID, e.ClassName, e.CategoryUID, e.CategoryName = p(int32(4001)), p("Network Activity"), p(int32(4)), p("Network Activity")
			e.ActivityID, e.ActivityName, e.TypeUID, e.TypeName = p(int32(6)), p("Traffic"), p(int64(400106)), p("Network Activity: Traffic")
			port := []int32{443, 22, 3306, 53, 8080}[rng.IntN(5)]
			proto := int32(6)
			if port == 53 {
				proto = 17
			}
			e.SrcEndpoint = &OCSFEndpoint{IP: p(ip()), Port: p(int32(1024 + rng.IntN(60000))), VPCUID: p("vpc-0a1b2c3d"), InterfaceUID: p("eni-0" + hex(16))}
			e.DstEndpoint = &OCSFEndpoint{IP: p(priv()), Port: p(port)}
			e.ConnectionInfo = &OCSFConnection{ProtocolNum: p(proto), ProtocolVer: p("IPv4"), DirectionID: p(int32(1)), Direction: p("Inbound"), TCPFlags: p(int32(2))}
			e.Traffic = &OCSFTraffic{Bytes: p(int64(40 + rng.IntN(100000))), Packets: p(int64(1 + rng.IntN(100)))}
			e.StartTime, e.EndTime = p(t-30000), p(t+30000)
			if rng.IntN(3) == 0 {
				e.ActionID, e.Action, e.DispositionID, e.Disposition = p(int32(2)), p("Denied"), p(int32(2)), p("Blocked")
			} else {
				e.ActionID, e.Action, e.DispositionID, e.Disposition = p(int32(1)), p("Allowed"), p(int32(1)), p("Allowed")
			}
			e.StatusCode = p("OK")
		case 5: // DNS Activity (Route 53 Resolver)
			e.Metadata = product("Route 53", "1.100000")
			e.ClassUID, e.ClassName, e.CategoryUID, e.CategoryName = p(int32(4003)), p("DNS Activity"), p(int32(4)), p("Network Activity")
			e.ActivityID, e.ActivityName, e.TypeUID, e.TypeName = p(int32(6)), p("Traffic"), p(int64(400306)), p("DNS Activity: Traffic")
			host := []string{"example.com.", "s3.us-east-1.amazonaws.com.", "updates.example.org."}[rng.IntN(3)]
			e.Query = &OCSFQuery{Hostname: p(host), Type: p("A"), Class: p("IN")}
			e.SrcEndpoint = &OCSFEndpoint{IP: p(priv()), Port: p(int32(1024 + rng.IntN(60000))), VPCUID: p("vpc-0a1b2c3d"), InstanceUID: p("i-0" + hex(16))}
			e.ConnectionInfo = &OCSFConnection{ProtocolNum: p(int32(17)), DirectionID: p(int32(2)), Direction: p("Outbound")}
			if rng.IntN(4) == 0 {
				e.RCode, e.RCodeID = p("NXDomain"), p(int32(3))
			} else {
				e.RCode, e.RCodeID = p("NoError"), p(int32(0))
				e.Answers = []OCSFAnswer{{RData: p(ip()), Type: p("A"), Class: p("IN")}}
			}
		case 6: // HTTP Activity (WAF)
			e.Metadata = product("AWS WAF", "1.0")
			e.ClassUID, e.ClassName, e.CategoryUID, e.CategoryName = p(int32(4002)), p("HTTP Activity"), p(int32(4)), p("Network Activity")
			e.ActivityID, e.ActivityName, e.TypeUID, e.TypeName = p(int32(3)), p("Get"), p(int64(400203)), p("HTTP Activity: Get")
			e.SrcEndpoint = &OCSFEndpoint{IP: p(ip())}
			e.HTTPRequest = &OCSFHTTPRequest{HTTPMethod: p("GET"), UserAgent: p(ua), Version: p("HTTP/1.1"), UID: p("1-" + hex(8) + "-" + hex(24)),
				URL: &OCSFURL{Hostname: p("www.example.com"), Path: p("/login"), QueryString: p("next=%2Fadmin")}}
			if rng.IntN(2) == 0 {
				e.ActionID, e.Action, e.DispositionID, e.Disposition = p(int32(2)), p("Denied"), p(int32(2)), p("Blocked")
				e.FirewallRule = &OCSFRule{UID: p("AWS-AWSManagedRulesSQLiRuleSet"), Name: p("SQLi_QUERYARGUMENTS"), Type: p("MANAGED_RULE_GROUP")}
				e.HTTPResponse = &OCSFHTTPResp{Code: p(int32(403))}
			} else {
				e.ActionID, e.Action, e.DispositionID, e.Disposition = p(int32(1)), p("Allowed"), p(int32(1)), p("Allowed")
				e.FirewallRule = &OCSFRule{UID: p("Default_Action"), Type: p("REGULAR")}
			}
		case 7: // Findings (Security Hub)
			e.Metadata = product("Security Hub", "2018-10-08")
			e.CategoryUID, e.CategoryName = p(int32(2)), p("Findings")
			e.ActivityID, e.ActivityName = p(int32(2)), p("Update")
			e.SeverityID, e.Severity = p(int32(4)), p("High")
			e.Resources = []OCSFResource{{UID: p("arn:aws:s3:::bucket-" + hex(6)), Type: p("AwsS3Bucket"), Region: p(region)}}
			if rng.IntN(2) == 0 {
				e.ClassUID, e.ClassName, e.TypeUID, e.TypeName = p(int32(2003)), p("Compliance Finding"), p(int64(200302)), p("Compliance Finding: Update")
				e.FindingInfo = &OCSFFindingInfo{UID: p("arn:aws:securityhub:" + region + ":" + account + ":subscription/aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/" + uuid()),
					Title: p("S3 general purpose buckets should block public access"), Types: []string{"Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices"},
					CreatedTime: p(t - 86400000), ModifiedTime: p(t)}
				e.Compliance = &OCSFCompliance{Control: p("S3.8"), Standards: []string{"standards/aws-foundational-security-best-practices/v/1.0.0"}, Status: p("Fail")}
			} else {
				e.ClassUID, e.ClassName, e.TypeUID, e.TypeName = p(int32(2004)), p("Detection Finding"), p(int64(200402)), p("Detection Finding: Update")
				e.FindingInfo = &OCSFFindingInfo{UID: p("arn:aws:guardduty:" + region + ":" + account + ":detector/" + hex(32) + "/finding/" + hex(32)),
					Title: p("API DeleteTrail was invoked in an unusual way."), Desc: p("Trail logging was disabled by " + user + "."),
					Types: []string{"TTPs/Defense Evasion/Stealth:IAMUser-CloudTrailLoggingDisabled"}, CreatedTime: p(t - 3600000), ModifiedTime: p(t),
					Attacks: []OCSFAttack{{Tactic: &OCSFNamed{UID: p("TA0005"), Name: p("Defense Evasion")}, Technique: &OCSFNamed{UID: p("T1562.008"), Name: p("Disable or Modify Cloud Logs")}}}}
			}
		}
		out = append(out, e)
	}
	return out
}

// SecurityLakeJSON returns n OCSF events as JSON lines.
func SecurityLakeJSON(n int) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, e := range SecurityLakeEvents(n) {
		if err := enc.Encode(e); err != nil {
			panic(err)
		}
	}
	return b.Bytes()
}

// SecurityLakeParquet returns n OCSF events as a Security Lake Parquet
// object (GZIP pages, as Security Lake writes).
func SecurityLakeParquet(n int) []byte {
	var b bytes.Buffer
	if err := WriteSecurityLakeParquet(&b, n, 0); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// WriteSecurityLakeParquet streams a Parquet object of n events to w, in
// row groups of rowGroup rows (0 for one row group per 10,000 rows); the
// events repeat in blocks of 4,096 with new ids, so that large objects
// take little memory to write.
func WriteSecurityLakeParquet(w io.Writer, n, rowGroup int) error {
	if rowGroup <= 0 {
		rowGroup = 10000
	}
	pw := pq.NewGenericWriter[OCSF](w, pq.Compression(&pq.Gzip))
	block := SecurityLakeEvents(min(n, 4096))
	inGroup := 0
	for i := 0; i < n; i++ {
		e := block[i%len(block)]
		if i >= len(block) && e.Metadata != nil {
			m := *e.Metadata
			m.UID = p(*m.UID + "-" + strconv.Itoa(i))
			e.Metadata = &m
		}
		if _, err := pw.Write([]OCSF{e}); err != nil {
			return err
		}
		inGroup++
		if inGroup == rowGroup {
			if err := pw.Flush(); err != nil {
				return err
			}
			inGroup = 0
		}
	}
	return pw.Close()
}

// WriteOCSFParquet writes events to w as one Parquet object with Security
// Lake's layout for them.
func WriteOCSFParquet(w io.Writer, events []OCSF) error {
	pw := pq.NewGenericWriter[OCSF](w, pq.Compression(&pq.Gzip))
	if _, err := pw.Write(events); err != nil {
		return err
	}
	return pw.Close()
}
