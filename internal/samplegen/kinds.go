package samplegen

// A Kind is one object the generator makes: a log type, a key it is
// detected at, and how a large object of it repeats its records. The
// benchmarks in logtypes/all and cmd/samplegen both read this table.
type Kind struct {
	Name string // the benchmark's name: the type, or the type and a form
	Type string // the log type that reads it
	Key  string // an object key the type detects
	// Gen makes an object of n records; N is the benchmark object's size.
	Gen func(n int) []byte
	N   int
	// Repeat says how a large object grows by repeating a generated one.
	Repeat Repeat
}

// Repeat is how cmd/samplegen makes a large object from a generated one.
type Repeat int

const (
	// Whole repeats the object: records are lines or concatenated
	// values, with no header.
	Whole Repeat = iota
	// AfterFirstLine writes the first line (a header naming the fields)
	// once and repeats the rest.
	AfterFirstLine
	// AfterHashLines writes the leading '#' lines of a W3C log once.
	AfterHashLines
	// InArray repeats the records of the object's first JSON array,
	// comma-separated, inside one copy of what surrounds it
	// ({"Records":[...]}, {"configurationItems":[...]}).
	InArray
	// Never: the object cannot grow by repetition (Parquet).
	Never
)

// Kinds returns every kind, one or more per built-in log type.
func Kinds() []Kind {
	return []Kind{
		{Name: "cloudtrail", Type: "cloudtrail", Key: "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1005Z_abcdefABCDEF1234.json.gz", Gen: CloudTrail, N: 20000, Repeat: InArray},
		{Name: "vpcflow", Type: "vpcflow", Key: "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20261127T1005Z_1a2b3c4d.log.gz", Gen: VPCFlow, N: 200000, Repeat: AfterFirstLine},
		{Name: "alb", Type: "alb", Key: "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261127T1005Z_198.51.100.10_2et2e1mx.log.gz", Gen: ALB, N: 100000},
		{Name: "nlb", Type: "nlb", Key: "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_net.my-nlb.0123456789abcdef_20261127T1005Z_1a2b3c4d.log.gz", Gen: NLB, N: 100000},
		{Name: "clb", Type: "clb", Key: "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_my-clb_20261127T1005Z_198.51.100.10_abc123.log", Gen: CLB, N: 100000},
		{Name: "guardduty", Type: "guardduty", Key: "AWSLogs/123456789012/GuardDuty/us-east-1/2026/11/27/5c1f3a2e-8d4b-3f6a-9e7c-2b1d0a9f8e7d.jsonl.gz", Gen: GuardDuty, N: 10000},
		{Name: "securityhub", Type: "securityhub", Key: "AWSLogs/123456789012/SecurityHub/us-east-1/2026/11/27/10/siem-securityhub-1-2026-11-27-10-05-00-3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b", Gen: SecurityHub, N: 10000},
		{Name: "inspector", Type: "inspector", Key: "AWSLogs/123456789012/Inspector2_Finding/us-east-1/2026/11/27/10/siem-inspector-1-2026-11-27-10-05-00-6f1d2c3b-4a5e-4f60-8b71-92a3b4c5d6e7", Gen: Inspector, N: 10000},
		{Name: "cloudfront", Type: "cloudfront", Key: "cloudfront-logs/www.example.com/E2QWRUHAPOMQZL.2026-11-27-10.5f0e9d8c.gz", Gen: CloudFront, N: 100000, Repeat: AfterHashLines},
		{Name: "cloudfront-realtime", Type: "cloudfront-realtime", Key: "AWSLogs/123456789012/CloudFront/E2QWRUHAPOMQZL/realtime/2026/11/27/10/cf-realtime-to-s3-1-2026-11-27-10-05-12-4b1c9e2a-6d3f-4a8b-9c0e-2f5a7b8c9d01.gz", Gen: CloudFrontRealtime, N: 100000},
		{Name: "route53resolver", Type: "route53resolver", Key: "AWSLogs/123456789012/vpcdnsquerylogs/vpc-0a1b2c3d4e5f60718/2026/11/27/123456789012_vpcdnsquerylogs_us-east-1_rqlc-0123456789abcdef_20261127T1005Z_1a2b3c4d.log.gz", Gen: Route53Resolver, N: 50000},
		{Name: "config", Type: "config", Key: "AWSLogs/123456789012/Config/us-east-1/2026/11/27/ConfigSnapshot/123456789012_Config_us-east-1_ConfigSnapshot_20261127T100000Z_0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9.json.gz", Gen: Config, N: 20000, Repeat: InArray},
		{Name: "s3accesslog", Type: "s3accesslog", Key: "s3-access-logs/app-assets-prod/2026-11-27-10-15-42-7B6CF1B3BCFE9D4A", Gen: S3AccessLog, N: 100000},
		{Name: "waf", Type: "waf", Key: "AWSLogs/123456789012/WAFLogs/eu-west-1/shop-web-acl/2026/11/27/10/05/123456789012_waflogs_eu-west-1_shop-web-acl_20261127T1005Z_1a2b3c4d.log.gz", Gen: WAF, N: 50000},
		{Name: "apache-access", Type: "apache-access", Key: "apache/access/web-01/access_log-20261127.gz", Gen: ApacheAccess, N: 100000},
		{Name: "apache-error", Type: "apache-error", Key: "apache/error/web-01/error_log-20261127.gz", Gen: ApacheError, N: 100000},
		{Name: "nginx-access", Type: "nginx-access", Key: "logs/web-01/nginx/access/2026/11/27/access.log.gz", Gen: NginxAccess, N: 100000},
		{Name: "nginx-error", Type: "nginx-error", Key: "logs/web-01/nginx/error/2026/11/27/error.log.gz", Gen: NginxError, N: 50000},
		{Name: "linux-secure", Type: "linux-secure", Key: "hosts/linux/bastion-1/secure-20251228.gz", Gen: LinuxSecure, N: 100000},
		// The system log reads the same lines as the secure log, and
		// routes sshd, sudo and su ones to its family.
		{Name: "linux-syslog", Type: "linux-syslog", Key: "hosts/linux/bastion-1/messages-20261127.gz", Gen: LinuxSecure, N: 100000},
		{Name: "okta", Type: "okta", Key: "okta-logs/2026/11/27/10/okta-systemlog-20261127T100500Z-0001.json.gz", Gen: Okta, N: 10000},
		{Name: "deepsecurity", Type: "deepsecurity", Key: "ds_agent/2026/11/27/10_0.gz", Gen: DeepSecurity, N: 50000},
		{Name: "windows-event", Type: "windows-event", Key: "exports/windows/eventlogs/dc01-security-20261127.xml", Gen: WindowsEvents, N: 10000},
		// Domain controllers' and file servers' events, read as files
		// of event XML at their Firehose keys.
		{Name: "directory-service", Type: "directory-service", Key: "AWSLogs/123456789012/DirectoryService/MicrosoftAD/us-east-1/2026/11/27/10/siem-directory-service-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d", Gen: WindowsEvents, N: 10000},
		{Name: "fsx-windows", Type: "fsx-windows", Key: "AWSLogs/123456789012/FSx/us-east-1/2026/11/27/10/aws-fsx-siem-1-2026-11-27-10-05-00-5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9.gz", Gen: WindowsEvents, N: 10000},
		{Name: "rds-postgresql", Type: "rds-postgresql", Key: "rds/postgresql/orders-db/error/postgresql.log.2026-11-27-10", Gen: RDSPostgreSQL, N: 100000},
		{Name: "rds-mysql", Type: "rds-mysql", Key: "AWSLogs/123456789012/RDS/MySQL/eu-west-1/audit/2026/11/27/10/siem-rds-mysql-audit-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz", Gen: RDSMySQL, N: 50000},
		{Name: "clientvpn", Type: "clientvpn", Key: "archive/AWSLogs/123456789012/ClientVPN/us-east-1/cvpn-endpoint-0fedcba9876543210.json.gz", Gen: ClientVPN, N: 50000},
		{Name: "cloudhsm", Type: "cloudhsm", Key: "cloudhsm-cwl/123456789012/us-east-1/cluster-2sdq3ftzp6a/0f1e2d3c/hsm-vw7m3n4bx2q/000000.gz", Gen: CloudHSM, N: 50000},
		{Name: "elasticache", Type: "elasticache", Key: "AWSLogs/123456789012/ElastiCache/ap-northeast-1/redis-slow-log/2026/11/27/10/aes-siem-elasticache-slow-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.gz", Gen: ElastiCache, N: 100000},
		{Name: "msk", Type: "msk", Key: "AWSLogs/123456789012/KafkaBrokerLogs/ap-northeast-1/orders-kafka-3f2b9c1e-7a4d-4e8f-9b6a-2c1d0e9f8a7b-2/2026-11-27-10/Broker-1_10-05_5f1c2a3b.log.gz", Gen: MSK, N: 100000},
		{Name: "opensearch-audit", Type: "opensearch-audit", Key: "AWSLogs/123456789012/OpenSearch/audit/us-east-1/2026/11/27/10/siem-opensearch-audit-1-2026-11-27-10-05-00-6f1d2c3b-4a59-4e7d-8c1b-2a3f4e5d6c7b", Gen: OpenSearchAudit, N: 50000},
		{Name: "workspaces", Type: "workspaces", Key: "AWSLogs/123456789012/WorkSpaces/Event/ap-northeast-1/2026/11/27/10/siem-workspaces-event-to-s3-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", Gen: WorkSpaces, N: 50000},
		{Name: "trustedadvisor", Type: "trustedadvisor", Key: "AWSLogs/123456789012/TrustedAdvisor/us-east-1/2026/11/27/trustedadvisor-check-results-20261127_100000.json.gz", Gen: TrustedAdvisor, N: 50000},
		{Name: "index-metrics", Type: "index-metrics", Key: "AWSLogs/123456789012/OpenSearch/metrics/us-east-1/2026/11/27/aos_index_metrics_3f2b9c1d7e4a45b8a6c0d9e8f7a6b5c4.json.gz", Gen: IndexMetrics, N: 50000},
		{Name: "firelens", Type: "firelens", Key: "fluent-bit-logs/web-firelens-8d3c1a2b4e5f46a7b8c9d0e1f2a3b4c5/2026/12/06/17/30/00-objectQ3mX9aLp", Gen: FireLens, N: 50000},
		{Name: "securitylake-json", Type: "securitylake", Key: "ocsf-json/2026/11/27/10/ocsf-events-20261127T1005Z.json.gz", Gen: SecurityLakeJSON, N: 20000},
		{Name: "securitylake-parquet", Type: "securitylake", Key: "aws-security-data-lake-us-east-1-7kq2mz4xw9r1tb6nd3hc8ve5jp0ys/aws/CLOUD_TRAIL_MGMT/2.0/region=us-east-1/accountId=123456789012/eventDay=20261127/5f0c3a9e1b2d4c6e8f7a9b0c1d2e3f4a.gz.parquet", Gen: SecurityLakeParquet, N: 20000, Repeat: Never},
		{Name: "networkfirewall", Type: "networkfirewall", Key: "AWSLogs/111122223333/network-firewall/flow/us-east-1/egress-fw/2026/11/27/10/111122223333_network-firewall_flow_us-east-1_egress-fw_202611271005_1a2b3c4d.log.gz", Gen: NetworkFirewall, N: 50000},
	}
}
