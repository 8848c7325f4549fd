package useragent

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
)

// want is what one user agent should set; empty strings must stay unset.
type want struct {
	name, version, osName, osVersion, osFull, device string
}

type uaCase struct {
	what string
	ua   string
	want want
}

// realWorld are user agents as browsers, crawlers, tools and AWS clients
// send them, with what an analyst should see. Where uap-core's answer is
// debatable the comment says why it is kept.
var realWorld = []uaCase{
	// Desktop browsers.
	{"Chrome/Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
		want{"Chrome", "120.0.0", "Windows", "10", "Windows 10", ""}},
	{"Chrome/macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36",
		want{"Chrome", "121.0.0", "Mac OS X", "10.15.7", "Mac OS X 10.15.7", "Mac"}},
	{"Chrome/Linux", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
		want{"Chrome", "119.0.0", "Linux", "", "", ""}},
	{"Chrome/ChromeOS", "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
		want{"Chrome", "120.0.0", "Chrome OS", "14541.0.0", "Chrome OS 14541.0.0", ""}},
	{"Firefox/Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
		want{"Firefox", "121.0", "Windows", "10", "Windows 10", ""}},
	{"Firefox/macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:120.0) Gecko/20100101 Firefox/120.0",
		want{"Firefox", "120.0", "Mac OS X", "10.15", "Mac OS X 10.15", "Mac"}},
	{"Firefox/Ubuntu", "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0",
		want{"Firefox", "115.0", "Ubuntu", "", "", ""}},
	{"Firefox/Fedora", "Mozilla/5.0 (X11; Fedora; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
		want{"Firefox", "120.0", "Fedora", "", "", ""}},
	{"Safari/macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
		want{"Safari", "17.2", "Mac OS X", "10.15.7", "Mac OS X 10.15.7", "Mac"}},
	// uap-core keeps three version components: Edge's fourth is dropped.
	{"Edge/Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
		want{"Edge", "120.0.2210", "Windows", "10", "Windows 10", ""}},
	{"Edge/macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 Edg/119.0.2151.97",
		want{"Edge", "119.0.2151", "Mac OS X", "10.15.7", "Mac OS X 10.15.7", "Mac"}},
	{"Opera/Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
		want{"Opera", "106.0.0", "Windows", "10", "Windows 10", ""}},
	{"IE11/Windows7", "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko",
		want{"IE", "11.0", "Windows", "7", "Windows 7", ""}},

	// Mobile.
	{"Safari/iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
		want{"Mobile Safari", "17.2", "iOS", "17.2", "iOS 17.2", "iPhone"}},
	{"Safari/iPad", "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
		want{"Mobile Safari", "16.6", "iOS", "16.6", "iOS 16.6", "iPad"}},
	{"Chrome/iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
		want{"Chrome Mobile iOS", "120.0.6099", "iOS", "17.1.2", "iOS 17.1.2", "iPhone"}},
	// Chrome's reduced agent says "K" for every model; uap-core repeats it.
	{"Chrome/Android reduced", "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
		want{"Chrome Mobile", "120.0.0", "Android", "10", "Android 10", "K"}},
	{"Chrome/Pixel", "Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
		want{"Chrome Mobile", "120.0.6099", "Android", "14", "Android 14", "Pixel 8 Pro"}},
	{"Samsung Internet", "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
		want{"Samsung Internet", "23.0", "Android", "13", "Android 13", "Samsung SM-S911B"}},
	{"Firefox/Android", "Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0",
		want{"Firefox Mobile", "121.0", "Android", "14", "Android 14", "Generic Smartphone"}},

	// Crawlers.
	{"Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
		want{"Googlebot", "2.1", "", "", "", "Spider"}},
	{"Googlebot smartphone", "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.129 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
		want{"Googlebot", "2.1", "Android", "6.0.1", "Android 6.0.1", "Spider"}},
	{"bingbot", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
		want{"bingbot", "2.0", "", "", "", "Spider"}},

	// Tools and libraries.
	{"curl", "curl/8.4.0", want{"curl", "8.4.0", "", "", "", ""}},
	{"python-requests", "python-requests/2.31.0", want{"Python Requests", "2.31", "", "", "", ""}},
	{"wget", "Wget/1.21.4", want{"Wget", "1.21.4", "", "", "", ""}},
	{"Go net/http", "Go-http-client/1.1", want{"Go-http-client", "1.1", "", "", "", ""}},
	{"okhttp", "okhttp/4.12.0", want{"okhttp", "4.12.0", "", "", "", ""}},
	// Not in uap-core: named from its product token. Most ALB records
	// are health checks.
	{"ALB health check", "ELB-HealthChecker/2.0", want{"ELB-HealthChecker", "2.0", "", "", "", ""}},

	// AWS CLI and SDKs, as CloudTrail records them.
	{"aws-cli/Linux", "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2",
		want{"aws-cli", "2.15.0", "Linux", "6.1", "Linux 6.1", ""}},
	// Darwin/23 is a kernel release uap-core does not map to a macOS
	// version, so no OS is claimed.
	{"aws-cli/macOS", "aws-cli/2.13.0 Python/3.11.4 Darwin/23.0.0 exe/x86_64 prompt/off command/s3.ls",
		want{"aws-cli", "2.13.0", "", "", "", ""}},
	{"aws-sdk-go-v2", "aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21.5 md/GOOS#linux md/GOARCH#amd64",
		want{"aws-sdk-go-v2", "1.24.0", "Linux", "", "", ""}},
	// uap-core files Boto among the crawlers, hence "Spider".
	{"boto3 ua/2.0", "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.0",
		want{"Boto3", "1.34.0", "Linux", "", "", "Spider"}},
	{"boto3 in Lambda", "Boto3/1.26.0 Python/3.9.16 Linux/4.14.255-322-253.539.amzn2.x86_64 exec-env/AWS_Lambda_python3.9 Botocore/1.29.0",
		want{"Boto3", "1.26.0", "Linux", "4.14.255", "Linux 4.14.255", "Spider"}},
	{"aws-sdk-java", "aws-sdk-java/1.12.600 Linux/5.10.198-187.748.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.9+8-LTS java/17.0.9 vendor/Amazon.com_Inc. cfg/retry-mode/standard",
		want{"aws-sdk-java", "1.12.600", "Linux", "5.10.198", "Linux 5.10.198", ""}},
	{"aws-internal", "aws-internal/3 aws-sdk-java/1.12.581 Linux/5.10.199-168.748.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.392-b09 java/1.8.0_392 vendor/Oracle_Corporation cfg/retry-mode/standard",
		want{"aws-sdk-java", "1.12.581", "Linux", "5.10.199", "Linux 5.10.199", ""}},
	// JavaScript SDK v3 is not in uap-core: named from its product token.
	{"aws-sdk-js v3", "aws-sdk-js/3.470.0 ua/2.0 os/linux#5.10.198 lang/js md/nodejs#18.18.2 api/s3#3.470.0",
		want{"aws-sdk-js", "3.470.0", "Linux", "", "", ""}},
	// uap-core names the SDK inside Terraform, not Terraform.
	{"terraform", "APN/1.0 HashiCorp/1.0 Terraform/1.6.6 (+https://www.terraform.io) terraform-provider-aws/5.31.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go/1.49.6 (go1.21.5; linux; amd64)",
		want{"aws-sdk-go", "1.49.6", "Linux", "", "", ""}},
	{"S3 console", "[S3Console/0.4]", want{"S3Console", "0.4", "", "", "", ""}},
	{"console", "console.amazonaws.com", want{"console.amazonaws.com", "", "", "", "", ""}},
	{"AWS service", "s3.amazonaws.com", want{"s3.amazonaws.com", "", "", "", "", ""}},
	{"AWS Internal", "AWS Internal", want{"AWS Internal", "", "", "", "", ""}},

	// Nothing to say: nothing set.
	{"no product token", "AWS CloudFormation", want{}},
	{"Mozilla alone", "Mozilla/5.0 (compatible; MSIE)", want{}},
	{"garbage", "}{;/ ::", want{}},
	{"dash", "-", want{}},
	{"not a service host", "evil.amazonaws.com.example.org", want{}},

	// CloudFront logs the agent URL-encoded.
	{"URL-encoded", "Mozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64;%20rv:121.0)%20Gecko/20100101%20Firefox/121.0",
		want{"Firefox", "121.0", "Windows", "10", "Windows 10", ""}},
}

var outputFields = [numFields]string{
	"user_agent.name", "user_agent.version", "user_agent.os.name",
	"user_agent.os.version", "user_agent.os.full", "user_agent.device.name",
}

func (w want) byField() [numFields]string {
	return [numFields]string{w.name, w.version, w.osName, w.osVersion, w.osFull, w.device}
}

// quietReporter keeps expected reports out of the test log.
func quietReporter() *enrich.Reporter {
	return &enrich.Reporter{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func newTestEnricher(t testing.TB, cfg Config) *Enricher {
	t.Helper()
	if cfg.Reporter == nil {
		cfg.Reporter = quietReporter()
	}
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// baseEvent returns an event with what every ECS document needs and the
// user agent.
func baseEvent(ua string) *ecs.Event {
	ev := &ecs.Event{}
	ev.Date("@timestamp", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	ev.Keyword("user_agent.original", ua)
	return ev
}

// checkEvent asserts the user_agent fields of ev and that the document is
// valid ECS.
func checkEvent(t *testing.T, ev *ecs.Event, w want) {
	t.Helper()
	for i, f := range outputFields {
		got, ok := ev.LookupString(f)
		if exp := w.byField()[i]; got != exp || ok != (exp != "") {
			t.Errorf("%s = %q (set %v), want %q", f, got, ok, exp)
		}
	}
	doc := ev.AppendJSON(nil)
	if err := ecs.Validate(doc); err != nil {
		t.Errorf("invalid ECS document %s: %v", doc, err)
	}
}

func TestRealWorld(t *testing.T) {
	if len(realWorld) < 30 {
		t.Fatalf("test set holds %d user agents, want at least 30", len(realWorld))
	}
	cached := newTestEnricher(t, Config{})
	uncached := newTestEnricher(t, Config{CacheSize: -1})
	for _, c := range realWorld {
		t.Run(c.what, func(t *testing.T) {
			for _, e := range []*Enricher{cached, uncached} {
				// Twice: a miss, then (when cached) a hit, alike.
				for range 2 {
					ev := baseEvent(c.ua)
					e.Enrich("alb", ev)
					checkEvent(t, ev, c.want)
				}
			}
		})
	}
}

func TestOutputFieldsAreECSKeywords(t *testing.T) {
	for _, f := range outputFields {
		def, ok := ecs.Lookup(f)
		if !ok || def.Type != ecs.TypeKeyword {
			t.Errorf("ECS %s: %s is %v (defined %v), want a keyword field", ecs.Version, f, def.Type, ok)
		}
	}
	e := newTestEnricher(t, Config{})
	for i, f := range e.targets[0].out {
		if f != outputFields[i] {
			t.Errorf("output %d goes to %s, want %s", i, f, outputFields[i])
		}
	}
}

func TestNothingSetWithoutAgent(t *testing.T) {
	e := newTestEnricher(t, Config{})
	for _, tc := range []struct {
		what string
		set  func(ev *ecs.Event)
	}{
		{"absent", func(ev *ecs.Event) {}},
		{"empty raw", func(ev *ecs.Event) { ev.RawJSON("user_agent.original", []byte(`""`)) }},
		{"dash", func(ev *ecs.Event) { ev.Keyword("user_agent.original", "-") }},
		{"null", func(ev *ecs.Event) { ev.RawJSON("user_agent.original", []byte("null")) }},
		{"empty array", func(ev *ecs.Event) { ev.RawJSON("user_agent.original", []byte("[]")) }},
		{"array of dash", func(ev *ecs.Event) { ev.Keywords("user_agent.original", "-") }},
	} {
		ev := &ecs.Event{}
		tc.set(ev)
		n := ev.Len()
		e.Enrich("cloudtrail", ev)
		if ev.Len() != n {
			t.Errorf("%s: enrichment set %d fields, want none: %s", tc.what, ev.Len()-n, ev.AppendJSON(nil))
		}
	}
}

func TestArrayUsesFirstAgent(t *testing.T) {
	e := newTestEnricher(t, Config{})
	for range 2 { // miss, then hit
		ev := &ecs.Event{}
		ev.Date("@timestamp", time.Unix(0, 0))
		ev.Keywords("user_agent.original", "curl/8.4.0", "Wget/1.21.4")
		e.Enrich("alb", ev)
		if got, _ := ev.LookupString("user_agent.name"); got != "curl" {
			t.Errorf("user_agent.name = %q, want the first agent's, curl", got)
		}
	}
}

func TestEscapedAgent(t *testing.T) {
	// An agent with characters JSON escapes is keyed by its encoded form
	// and parsed from its decoded form.
	ua := "curl/8.4.0 \"quoted\"\t\\ \u00e9"
	e := newTestEnricher(t, Config{})
	for range 2 {
		ev := baseEvent(ua)
		e.Enrich("alb", ev)
		checkEvent(t, ev, want{name: "curl", version: "8.4.0"})
	}
}

func TestNotAStringIsReported(t *testing.T) {
	rep := quietReporter()
	e := newTestEnricher(t, Config{Reporter: rep})
	ev := &ecs.Event{}
	ev.Long("user_agent.original", 42)
	e.Enrich("alb", ev)
	if ev.Has("user_agent.name") {
		t.Error("a number was parsed as a user agent")
	}
	if got := rep.Problems()["useragent: not a string"]; got != 1 {
		t.Errorf("reports = %v, want one \"useragent: not a string\"", rep.Problems())
	}
}

func TestFieldsPerType(t *testing.T) {
	e := newTestEnricher(t, Config{Fields: enrich.Fields{
		ByType: map[string][]string{
			"vpcflow": nil,
			"custom":  {"custom.agent.original"},
		},
	}})
	ev := baseEvent("curl/8.4.0")
	e.Enrich("vpcflow", ev)
	if ev.Has("user_agent.name") {
		t.Error("vpcflow maps to no fields but was enriched")
	}
	e.Enrich("cloudtrail", ev)
	if got, _ := ev.LookupString("user_agent.name"); got != "curl" {
		t.Errorf("default fields: user_agent.name = %q, want curl", got)
	}
	ev = &ecs.Event{}
	ev.Keyword("custom.agent.original", "Wget/1.21.4")
	e.Enrich("custom", ev)
	if got, _ := ev.LookupString("custom.agent.name"); got != "Wget" {
		t.Errorf("custom.agent.name = %q, want Wget: results go beside the field read", got)
	}
	if got, _ := ev.LookupString("custom.agent.version"); got != "1.21.4" {
		t.Errorf("custom.agent.version = %q, want 1.21.4", got)
	}
}

func TestNewRejectsBadFields(t *testing.T) {
	for _, f := range []string{"user_agent", "userAgent", ".original", "a..original", "http.request.referrer.original"} {
		_, err := New(Config{Fields: enrich.Fields{Default: []string{f}}})
		if err == nil {
			t.Errorf("New accepted field %q", f)
			continue
		}
		if !strings.Contains(err.Error(), "useragent:") {
			t.Errorf("error %q does not name the package", err)
		}
	}
	_, err := New(Config{Fields: enrich.Fields{ByType: map[string][]string{"alb": {"ua"}}}})
	if err == nil || !strings.Contains(err.Error(), `"alb"`) {
		t.Errorf("New(ByType alb: ua) error = %v, want one naming the log type", err)
	}
}

func TestStage(t *testing.T) {
	if got := newTestEnricher(t, Config{}).Stage(); got != enrich.StageUserAgent {
		t.Errorf("Stage() = %v, want StageUserAgent", got)
	}
}

func TestLongAgents(t *testing.T) {
	e := newTestEnricher(t, Config{})
	chrome := realWorld[0]
	// Rules see only the first maxParseLen bytes, so padding after the
	// product tokens changes nothing; agents over maxCachedLen stay out of
	// the cache.
	long := chrome.ua + " " + strings.Repeat("x", 64<<10)
	ev := baseEvent(long)
	e.Enrich("alb", ev)
	checkEvent(t, ev, chrome.want)
	if n := e.cache.len(); n != 0 {
		t.Errorf("cache holds %d entries after a %d-byte agent, want 0", n, len(long))
	}
	// Cut inside a multi-byte rune: the cut must not leave half of it.
	multi := strings.Repeat("é", maxParseLen)
	if got := truncate(multi, maxParseLen+1); len(got) != maxParseLen || !strings.HasSuffix(got, "é") {
		t.Errorf("truncate split a rune: %d bytes, ends %q", len(got), got[len(got)-2:])
	}
	ev = baseEvent(multi)
	e.Enrich("alb", ev)
	if err := ecs.Validate(ev.AppendJSON(nil)); err != nil {
		t.Error(err)
	}
}

func TestParserPanicIsReportedAndCached(t *testing.T) {
	rep := quietReporter()
	e := newTestEnricher(t, Config{Reporter: rep})
	// A parser without rule prefilters fails the way a broken rule set
	// would.
	e.parser = &parser{rules: e.parser.rules}
	for range 3 {
		ev := baseEvent("curl/8.4.0")
		e.Enrich("alb", ev)
		if ev.Has("user_agent.name") {
			t.Fatal("a failed parse set user_agent.name")
		}
		if err := ecs.Validate(ev.AppendJSON(nil)); err != nil {
			t.Fatal(err)
		}
	}
	if got := rep.Problems()["useragent: parser panic"]; got != 1 {
		t.Errorf("panic reports = %d, want 1 (the failure is cached): %v", got, rep.Problems())
	}
}

func TestSharedParserBuilds(t *testing.T) {
	p, err := sharedParser()
	if err != nil {
		t.Fatal(err)
	}
	filters := [][]filter{p.uaFilter, p.osFilter, p.devFilter}
	if len(p.rules.UA) < 100 || len(p.uaFilter) != len(p.rules.UA) || len(p.osFilter) != len(p.rules.OS) || len(p.devFilter) != len(p.rules.Device) {
		t.Fatalf("rules: %d UA, %d OS, %d device; filters %d, %d, %d",
			len(p.rules.UA), len(p.rules.OS), len(p.rules.Device), len(p.uaFilter), len(p.osFilter), len(p.devFilter))
	}
	filtered, total := 0, 0
	for _, fs := range filters {
		for _, f := range fs {
			total++
			if len(f) > 0 {
				filtered++
			}
		}
	}
	// The speed of a miss rests on this; see doc.go.
	if filtered < total*9/10 {
		t.Errorf("only %d of %d rules have a prefilter", filtered, total)
	}
}
