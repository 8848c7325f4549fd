package all_test

import (
	"regexp"
	"testing"

	"github.com/siem-go/siem"
)

// referenceSections are the reference system's log-type sections with
// their s3_key patterns (as RE2) and a key of the kind its users have in
// their buckets: an object the reference system would have loaded under
// that section must detect to our type for that section.
var referenceSections = []struct {
	section, pattern, key, want string
}{
	{"securitylake", `[0-9a-f]{32}\.gz\.parquet|[Ss]ecurity[Ll]ake/`, "aws-security-data-lake-us-east-1-7kq2mz4xw9r1tb6nd3hc8ve5jp0ys/aws/CLOUD_TRAIL_MGMT/2.0/region=us-east-1/accountId=123456789012/eventDay=20261127/5f0c3a9e1b2d4c6e8f7a9b0c1d2e3f4a.gz.parquet", "securitylake"},
	{"ocsf-json", `ocsf-json/`, "ocsf-json/2026/11/27/10/ocsf-events-20261127T1005Z.json.gz", "securitylake"},
	{"vpcflowlogs", `vpcflowlogs`, "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/27/123456789012_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20261127T1005Z_1a2b3c4d.log.gz", "vpcflow"},
	{"cloudtrail", `CloudTrail/|CloudTrail-Insight/`, "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/27/123456789012_CloudTrail_us-east-1_20261127T1005Z_Xa1b2C3d4E5f6G7h.json.gz", "cloudtrail"},
	{"cloudtrail", `CloudTrail/|CloudTrail-Insight/`, "AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2026/11/27/123456789012_CloudTrail-Insight_us-east-1_20261127T1015Z_In5ightStartEnd.json.gz", "cloudtrail"},
	{"networkfirewall", `_network-firewall_`, "AWSLogs/123456789012/network-firewall/alert/us-east-1/egress-fw/2026/11/27/10/123456789012_network-firewall_alert_us-east-1_egress-fw_202611271005_1a2b3c4d.log.gz", "networkfirewall"},
	{"guardduty", `/GuardDuty/`, "AWSLogs/123456789012/GuardDuty/us-east-1/2026/11/27/5c1f3a2e-8d4b-3f6a-9e7c-2b1d0a9f8e7d.jsonl.gz", "guardduty"},
	{"inspector", `Inspector2_Finding`, "AWSLogs/123456789012/Inspector2_Finding/us-east-1/2026/11/27/10/siem-inspector-1-2026-11-27-10-05-00-6f1d2c3b-4a5e-4f60-8b71-92a3b4c5d6e7", "inspector"},
	{"securityhub", `SecurityHub|securityhub`, "AWSLogs/123456789012/SecurityHub/us-east-1/2026/11/27/10/siem-securityhub-1-2026-11-27-10-05-00-3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b", "securityhub"},
	{"nlb", `elasticloadbalancing_.*T\d{4}Z_[0-9a-z]{8}\.log\.gz$`, "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_net.my-nlb.0123456789abcdef_20261127T1005Z_1a2b3c4d.log.gz", "nlb"},
	{"alb", `elasticloadbalancing_.*T\d{4}Z_\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}_\w*\.log\.gz$`, "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261127T1005Z_198.51.100.10_2et2e1mx.log.gz", "alb"},
	{"clb", `elasticloadbalancing_.*T\d{4}Z_\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}_\w*\.log$`, "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/27/123456789012_elasticloadbalancing_us-east-1_my-clb_20261127T1005Z_198.51.100.10_abc123.log", "clb"},
	{"s3accesslog", `20\d{2}-[01]\d-\d{2}-\d{2}-\d{2}-\d{2}-[0-9A-Z]{16}$`, "s3-access-logs/app-assets-prod/2026-11-27-10-15-42-7B6CF1B3BCFE9D4A", "s3accesslog"},
	{"config-history", `_ConfigHistory_`, "AWSLogs/123456789012/Config/us-east-1/2026/11/27/ConfigHistory/123456789012_Config_us-east-1_ConfigHistory_AWS::EC2::Instance_20261127T040000Z_20261127T100000Z_1.json.gz", "config"},
	{"config-snapshot", `_ConfigSnapshot_`, "AWSLogs/123456789012/Config/us-east-1/2026/11/27/ConfigSnapshot/123456789012_Config_us-east-1_ConfigSnapshot_20261127T100000Z_0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9.json.gz", "config"},
	{"config-rules", `Config.*Rules`, "AWSLogs/123456789012/ConfigRules/us-east-1/2026/11/27/10/siem-config-rules-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "config"},
	{"cloudfront-realtime", `CloudFront/.*/realtime/`, "AWSLogs/123456789012/CloudFront/E2QWRUHAPOMQZL/realtime/2026/11/27/10/cf-realtime-to-s3-1-2026-11-27-10-05-12-4b1c9e2a-6d3f-4a8b-9c0e-2f5a7b8c9d01.gz", "cloudfront-realtime"},
	{"cloudfront-standard", `(^|/)[0-9A-Z]{12,14}\.20\d{2}-\d{2}-\d{2}-\d{2}.[0-9a-z]{8}\.gz$`, "cloudfront-logs/www.example.com/E2QWRUHAPOMQZL.2026-11-27-10.5f0e9d8c.gz", "cloudfront"},
	{"waf", `aws-waf-logs-|_waflogs_`, "AWSLogs/123456789012/WAFLogs/eu-west-1/shop-web-acl/2026/11/27/10/05/123456789012_waflogs_eu-west-1_shop-web-acl_20261127T1005Z_1a2b3c4d.log.gz", "waf"},
	{"waf", `aws-waf-logs-|_waflogs_`, "2026/11/27/10/aws-waf-logs-shop-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz", "waf"},
	{"route53resolver", `vpcdnsquerylogs`, "AWSLogs/123456789012/vpcdnsquerylogs/vpc-0a1b2c3d4e5f60718/2026/11/27/123456789012_vpcdnsquerylogs_us-east-1_rqlc-0123456789abcdef_20261127T1005Z_1a2b3c4d.log.gz", "route53resolver"},
	{"windows-event", `/[Ww]indows.*[Ee]vent`, "AWSLogs/123456789012/EC2/Windows/Event/us-east-1/2026/11/27/10/siem-windows-event-1-2026-11-27-10-05-00-9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", "windows-event"},
	{"directory-service", `/DirectoryService/MicrosoftAD/`, "AWSLogs/123456789012/DirectoryService/MicrosoftAD/us-east-1/2026/11/27/10/siem-directory-service-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d", "directory-service"},
	{"fsx-win", `/aws-fsx-`, "AWSLogs/123456789012/FSx/us-east-1/2026/11/27/10/aws-fsx-siem-1-2026-11-27-10-05-00-5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9.gz", "fsx-windows"},
	{"apache-access", `[Aa]pache.*[Aa]ccess/`, "AWSLogs/aws-account-id=123456789012/service=apache-access/web-site-name=shop/aws-region=eu-west-1/2026/11/27/10/apache-access-shop-1-2026-11-27-10-05-00-0a1b2c3d", "apache-access"},
	{"apache-error", `[Aa]pache.*[Ee]rror/`, "AWSLogs/aws-account-id=123456789012/service=apache-error/web-site-name=shop/aws-region=eu-west-1/2026/11/27/10/apache-error-shop-1-2026-11-27-10-05-00-0a1b2c3d", "apache-error"},
	{"nginx-access", `[Nn]ginx.*[Aa]ccess/`, "AWSLogs/aws-account-id=123456789012/service=nginx-access/web-site-name=shop/aws-region=ap-northeast-1/2026/11/27/10/aes-siem-web-logs-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "nginx-access"},
	{"nginx-error", `[Nn]ginx.*[Ee]rror/`, "AWSLogs/aws-account-id=123456789012/service=nginx-error/web-site-name=shop/aws-region=ap-northeast-1/2026/11/27/10/aes-siem-web-logs-1-2026-11-27-10-05-00-1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "nginx-error"},
	{"linux-secure", `/[Ll]inux.*[Ss]ecure`, "AWSLogs/123456789012/EC2/Linux/Secure/eu-west-1/2026/11/27/10/siem-linux-secure-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz", "linux-secure"},
	{"linux-os-syslog", `/[Ll]inux/`, "AWSLogs/210987654321/EC2/Linux/Messages/us-east-1/2026/11/27/10/siem-linux-messages-1-2026-11-27-10-05-00-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.gz", "linux-syslog"},
	{"apache-ecs (sample)", `firelens`, "firelens/checkout/2026/12/06/17/checkout-firelens-stream-1-2026-12-06-17-30-12-5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a5b.gz", "firelens"},
	{"clientvpn", `/ClientVPN/`, "AWSLogs/123456789012/ClientVPN/eu-west-1/2026/11/27/10/siem-clientvpn-1-2026-11-27-10-05-00-5d4c3b2a-1908-4f7e-8d6c-5b4a39281706", "clientvpn"},
	{"rds-postgresql", `[Pp]ostgre`, "AWSLogs/123456789012/RDS/PostgreSQL/eu-west-1/postgresql/2026/11/27/10/siem-rds-postgresql-1-2026-11-27-10-05-00-4f3e2d1c-0b9a-4887-a6b5-c4d3e2f1a0b9", "rds-postgresql"},
	{"rds-mysql-audit", `(MySQL|mysql|MariaDB|mariadb).*(audit)`, "AWSLogs/123456789012/RDS/MySQL/eu-west-1/audit/2026/11/27/10/siem-rds-mysql-audit-1-2026-11-27-10-05-00-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d.gz", "rds-mysql"},
	{"rds-mysql-general", `(MySQL|mysql|MariaDB|mariadb).*(general)`, "rds/mariadb/prod-db-2/general/mysql-general.log", "rds-mysql"},
	{"rds-mysql-error", `(MySQL|mysql|MariaDB|mariadb).*(error)`, "AWSLogs/123456789012/RDS/MariaDB/us-east-1/error/2026/11/27/10/siem-rds-mysql-error-1.gz", "rds-mysql"},
	{"rds-mysql-slowquery", `(MySQL|mysql|MariaDB|mariadb).*(slowquery)`, "rds/mysql/prod-db-1/slowquery/mysql-slowquery.log.12", "rds-mysql"},
	{"elasticache-redis-slowlog", `(redis|Redis).*(slow|SLOW)`, "AWSLogs/123456789012/ElastiCache/ap-northeast-1/redis-slow-log/2026/11/27/10/aes-siem-elasticache-slow-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.gz", "elasticache"},
	{"msk", `KafkaBrokerLogs`, "AWSLogs/123456789012/KafkaBrokerLogs/ap-northeast-1/orders-kafka-3f2b9c1e-7a4d-4e8f-9b6a-2c1d0e9f8a7b-2/2026-11-27-10/Broker-1_10-05_5f1c2a3b.log.gz", "msk"},
	{"cloudhsm", `/CloudHSM/`, "AWSLogs/123456789012/CloudHSM/us-east-1/2026/11/27/10/siem-cloudhsm-1-2026-11-27-10-05-00-2b3c4d5e-6f70-4819-a2b3-c4d5e6f70819", "cloudhsm"},
	{"cloudhsm-cwl (sample)", `cloudhsm-cwl/`, "cloudhsm-cwl/123456789012/us-east-1/cluster-2sdq3ftzp6a/0f1e2d3c/hsm-vw7m3n4bx2q/000000.gz", "cloudhsm"},
	{"opensearch-audit", `(OpenSearch|opensearch).*(Audit|audit)`, "AWSLogs/123456789012/OpenSearch/audit/us-east-1/2026/11/27/10/siem-opensearch-audit-1-2026-11-27-10-05-00-6f1d2c3b-4a59-4e7d-8c1b-2a3f4e5d6c7b", "opensearch-audit"},
	{"workspaces-event", `(WorkSpaces|workspaces).*(Event|event)`, "AWSLogs/123456789012/WorkSpaces/Event/ap-northeast-1/2026/11/27/10/siem-workspaces-event-to-s3-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "workspaces"},
	{"workspaces-inventory", `(WorkSpaces|workspaces).*(Inventory|inventory)`, "AWSLogs/123456789012/WorkSpaces/Inventory/ap-northeast-1/2026/11/27/inventory_20261127_100000.json.gz", "workspaces"},
	{"trustedadvisor", `/TrustedAdvisor/`, "AWSLogs/123456789012/TrustedAdvisor/us-east-1/2026/11/27/trustedadvisor-check-results-20261127_100000.json.gz", "trustedadvisor"},
	{"index-metrics", `/OpenSearch/metrics/`, "AWSLogs/123456789012/OpenSearch/metrics/us-east-1/2026/11/27/aos_index_metrics_3f2b9c1d7e4a45b8a6c0d9e8f7a6b5c4.json.gz", "index-metrics"},
	{"okta", `okta-logs`, "okta-logs/2026/11/27/10/okta-systemlog-20261127T100500Z-0001.json.gz", "okta"},
	{"deepsecurity", `ds_agent`, "ds_agent/2026/11/27/10_0.gz", "deepsecurity"},
}

// TestReferenceSectionKeys: an object the reference system loads under a
// section is detected as the type this SDK has for that section.
func TestReferenceSectionKeys(t *testing.T) {
	for _, s := range referenceSections {
		if !regexp.MustCompile(s.pattern).MatchString(s.key) {
			t.Errorf("%s: the reference pattern %q does not match %s; the test key is not one of its objects", s.section, s.pattern, s.key)
			continue
		}
		lt, err := siem.Default().Detect(siem.Object{Key: s.key})
		if err != nil {
			t.Errorf("%s: %v", s.section, err)
			continue
		}
		if got := lt.Info().Name; got != s.want {
			t.Errorf("%s: %s detects as %s, want %s", s.section, s.key, got, s.want)
		}
	}
}
