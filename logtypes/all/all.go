package all

import (
	"regexp"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/logtypes/apache"
	"github.com/siem-go/siem/logtypes/clientvpn"
	"github.com/siem-go/siem/logtypes/cloudfront"
	"github.com/siem-go/siem/logtypes/cloudhsm"
	"github.com/siem-go/siem/logtypes/cloudtrail"
	"github.com/siem-go/siem/logtypes/config"
	"github.com/siem-go/siem/logtypes/deepsecurity"
	"github.com/siem-go/siem/logtypes/elasticache"
	"github.com/siem-go/siem/logtypes/elb"
	"github.com/siem-go/siem/logtypes/firelens"
	"github.com/siem-go/siem/logtypes/guardduty"
	"github.com/siem-go/siem/logtypes/indexmetrics"
	"github.com/siem-go/siem/logtypes/inspector"
	"github.com/siem-go/siem/logtypes/linux"
	"github.com/siem-go/siem/logtypes/msk"
	"github.com/siem-go/siem/logtypes/networkfirewall"
	"github.com/siem-go/siem/logtypes/nginx"
	"github.com/siem-go/siem/logtypes/okta"
	"github.com/siem-go/siem/logtypes/opensearchaudit"
	"github.com/siem-go/siem/logtypes/rdsmysql"
	"github.com/siem-go/siem/logtypes/rdspostgresql"
	"github.com/siem-go/siem/logtypes/route53resolver"
	"github.com/siem-go/siem/logtypes/s3accesslog"
	"github.com/siem-go/siem/logtypes/securityhub"
	"github.com/siem-go/siem/logtypes/securitylake"
	"github.com/siem-go/siem/logtypes/trustedadvisor"
	"github.com/siem-go/siem/logtypes/vpcflow"
	"github.com/siem-go/siem/logtypes/waf"
	"github.com/siem-go/siem/logtypes/windows"
	"github.com/siem-go/siem/logtypes/workspaces"
)

// Types returns a new instance of every built-in type, for building an
// explicit registry.
func Types() []siem.LogType {
	return []siem.LogType{
		vpcflow.New(),
		cloudtrail.New(),
		elb.NLB(),
		elb.ALB(),
		elb.CLB(),
		networkfirewall.New(),
		inspector.New(),
		route53resolver.New(),
		cloudfront.New(),
		cloudfront.Realtime(),
		securityhub.New(),
		guardduty.New(),
		config.New(),
		s3accesslog.New(),
		waf.New(),
		nginx.Access(),
		nginx.Error(),
		okta.New(),
		windows.Event(),
		windows.DirectoryService(),
		windows.FSx(),
		apache.Access(),
		apache.Error(),
		deepsecurity.New(),
		linux.Secure(),
		linux.Syslog(),
		containers(),
		rdspostgresql.New(),
		rdsmysql.New(),
		clientvpn.New(),
		cloudhsm.New(),
		elasticache.New(),
		msk.New(),
		opensearchaudit.New(),
		workspaces.New(),
		trustedadvisor.New(),
		indexmetrics.New(),
		securitylake.New(),
	}
}

// containers is the FireLens type with the web servers' lines normalized
// as their own types do. NGINX and Apache write the same combined access
// format, so NGINX's normalizer only takes the lines of containers whose
// name says nginx.
func containers() siem.LogType {
	own := func(lt siem.LogType) siem.VendorSchema { return lt.Info().VendorSchemas()[0] }
	return firelens.New(
		firelens.InnerFor(regexp.MustCompile(`(?i)nginx`), nginx.AccessDataset, nginx.NormalizeAccessLine),
		firelens.Inner(apache.AccessDataset, apache.NormalizeAccessLine),
		firelens.Inner(apache.ErrorDataset, apache.NormalizeErrorLine),
		firelens.Embeds(nginx.AccessVendor(), own(apache.Access()), own(apache.Error())),
		// Web server lines go where the same servers' logs outside
		// containers go, as the reference system indexes them.
		firelens.RouteInner(nginx.AccessDataset, nginx.AccessName),
		firelens.RouteInner(apache.AccessDataset, apache.AccessName),
		firelens.RouteInner(apache.ErrorDataset, apache.ErrorName),
	)
}

func init() {
	for _, t := range Types() {
		siem.Register(t)
	}
}
