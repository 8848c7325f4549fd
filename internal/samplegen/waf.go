package samplegen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
)

// WAF returns n AWS WAF (WAFv2) log records as WAF delivers them to S3,
// uncompressed: one JSON object per line. They are varied: allowed
// requests with several headers, SQL injection and XSS blocks by custom
// rules, managed rule group blocks with excluded (count) rules, rate-based
// blocks with a custom response, CAPTCHA and challenge actions, Bot Control
// count matches with labels, IPv6 clients, credential headers to redact,
// through ALB, API Gateway and CloudFront web ACLs.
func WAF(n int) []byte {
	rng := rand.New(rand.NewPCG(0x3af, 0x10c5))
	g := wafGen{r: rng}
	b := make([]byte, 0, n*1200)
	const start = 1795773600000 // 2026-11-27T10:00:00Z
	for i := range n {
		rec := g.record(start + int64(i)*37 + int64(rng.IntN(30)))
		line, err := json.Marshal(rec)
		if err != nil {
			panic(err)
		}
		b = append(b, line...)
		b = append(b, '\n')
	}
	return b
}

type wafGen struct{ r *rand.Rand }

type wafHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type wafMatch struct {
	ConditionType    string   `json:"conditionType"`
	SensitivityLevel string   `json:"sensitivityLevel,omitempty"`
	Location         string   `json:"location"`
	MatchedData      []string `json:"matchedData"`
	MatchedFieldName string   `json:"matchedFieldName,omitempty"`
}

type wafRule struct {
	RuleID           string     `json:"ruleId"`
	Action           string     `json:"action"`
	RuleMatchDetails []wafMatch `json:"ruleMatchDetails"`
}

type wafExcluded struct {
	ExclusionType string `json:"exclusionType"`
	RuleID        string `json:"ruleId"`
}

type wafGroup struct {
	RuleGroupID                 string        `json:"ruleGroupId"`
	TerminatingRule             *wafRule      `json:"terminatingRule"`
	NonTerminatingMatchingRules []wafRule     `json:"nonTerminatingMatchingRules"`
	ExcludedRules               []wafExcluded `json:"excludedRules"`
	CustomerConfig              any           `json:"customerConfig"`
}

type wafRateRule struct {
	RateBasedRuleID     string `json:"rateBasedRuleId"`
	RateBasedRuleName   string `json:"rateBasedRuleName"`
	LimitKey            string `json:"limitKey"`
	MaxRateAllowed      int    `json:"maxRateAllowed"`
	EvaluationWindowSec string `json:"evaluationWindowSec"`
}

type wafLabel struct {
	Name string `json:"name"`
}

type wafResponse struct {
	ResponseCode   int    `json:"responseCode"`
	SolveTimestamp int64  `json:"solveTimestamp,omitempty"`
	FailureReason  string `json:"failureReason,omitempty"`
}

type wafRequest struct {
	ClientIP    string      `json:"clientIp"`
	Country     string      `json:"country"`
	Headers     []wafHeader `json:"headers"`
	URI         string      `json:"uri"`
	Args        string      `json:"args"`
	HTTPVersion string      `json:"httpVersion"`
	HTTPMethod  string      `json:"httpMethod"`
	RequestID   string      `json:"requestId"`
}

type wafRecord struct {
	Timestamp                     int64         `json:"timestamp"`
	FormatVersion                 int           `json:"formatVersion"`
	WebACLID                      string        `json:"webaclId"`
	TerminatingRuleID             string        `json:"terminatingRuleId"`
	TerminatingRuleType           string        `json:"terminatingRuleType"`
	Action                        string        `json:"action"`
	TerminatingRuleMatchDetails   []wafMatch    `json:"terminatingRuleMatchDetails"`
	HTTPSourceName                string        `json:"httpSourceName"`
	HTTPSourceID                  string        `json:"httpSourceId"`
	RuleGroupList                 []wafGroup    `json:"ruleGroupList"`
	RateBasedRuleList             []wafRateRule `json:"rateBasedRuleList"`
	NonTerminatingMatchingRules   []wafRule     `json:"nonTerminatingMatchingRules"`
	RequestHeadersInserted        []wafHeader   `json:"requestHeadersInserted"`
	ResponseCodeSent              *int          `json:"responseCodeSent"`
	HTTPRequest                   wafRequest    `json:"httpRequest"`
	Labels                        []wafLabel    `json:"labels,omitempty"`
	CaptchaResponse               *wafResponse  `json:"captchaResponse,omitempty"`
	ChallengeResponse             *wafResponse  `json:"challengeResponse,omitempty"`
	JA3Fingerprint                string        `json:"ja3Fingerprint,omitempty"`
	JA4Fingerprint                string        `json:"ja4Fingerprint,omitempty"`
	RequestBodySize               int           `json:"requestBodySize,omitempty"`
	RequestBodySizeInspectedByWAF int           `json:"requestBodySizeInspectedByWAF,omitempty"`
}

func (g *wafGen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *wafGen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.r.IntN(16)]
	}
	return string(b)
}

func (g *wafGen) clientIP() string {
	switch g.r.IntN(10) {
	case 0:
		return fmt.Sprintf("2001:db8:%x::%x", g.r.IntN(0xffff), 1+g.r.IntN(0xfffe))
	case 1, 2:
		return fmt.Sprintf("203.0.113.%d", 1+g.r.IntN(254))
	case 3:
		return fmt.Sprintf("192.0.2.%d", 1+g.r.IntN(254))
	}
	return fmt.Sprintf("198.51.100.%d", 1+g.r.IntN(254))
}

var (
	wafCountries  = []string{"US", "GB", "DE", "FR", "JP", "BR", "IN", "NL", "SG", "AU", "-"}
	wafAgents     = []string{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "curl/8.11.0", "python-requests/2.32.3", "okhttp/4.12.0", "sqlmap/1.8.4#stable (https://sqlmap.org)"}
	wafPaths      = []string{"/", "/api/products", "/api/orders/8812", "/checkout", "/account/login", "/search", "/static/app.js", "/wp-login.php"}
	wafArgs       = []string{"", "", "page=2", "q=running+shoes", "id=1%27%20OR%201%3D1--", "utm_source=newsletter&utm_medium=email"}
	wafManagedCRS = "AWS#AWSManagedRulesCommonRuleSet"
)

func (g *wafGen) record(ts int64) wafRecord {
	source, sourceID, acl := "ALB", "123456789012-app/shop-alb/50dc6c495c0c9188", "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop-web-acl/a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
	host := "shop.example.com"
	switch g.r.IntN(4) {
	case 0:
		source, sourceID, acl = "CF", "E1A2B3C4D5E6F7", "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn-web-acl/0f1e2d3c-4b5a-4697-8a9b-c0d1e2f3a4b5"
		host = "www.example.org"
	case 1:
		source, sourceID, acl = "APIGW", "123456789012:a1b2c3d4e5:prod", "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/api-web-acl/9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d"
		host = "api.example.net"
	}
	method := "GET"
	if g.r.IntN(5) == 0 {
		method = "POST"
	}
	version := "HTTP/1.1"
	if g.r.IntN(3) == 0 {
		version = "HTTP/2.0"
	}
	headers := []wafHeader{{"Host", host}, {"User-Agent", g.pick(wafAgents)}, {"Accept", "*/*"}}
	for range g.r.IntN(5) {
		headers = append(headers, g.pick2([]wafHeader{
			{"Accept-Language", "en-GB,en;q=0.9"}, {"Accept-Encoding", "gzip, deflate, br"},
			{"X-Forwarded-For", g.clientIP() + ", 10.0.3.17"}, {"Referer", "https://" + host + "/"},
			{"Cookie", "session=" + g.hex(32) + "; theme=dark"}, {"Authorization", "Bearer " + g.hex(40)},
			{"Content-Type", "application/json"}, {"X-Amzn-Trace-Id", "Root=1-" + g.hex(8) + "-" + g.hex(24)},
		}))
	}
	r := wafRecord{
		Timestamp: ts, FormatVersion: 1, WebACLID: acl,
		TerminatingRuleID: "Default_Action", TerminatingRuleType: "REGULAR", Action: "ALLOW",
		TerminatingRuleMatchDetails: []wafMatch{}, HTTPSourceName: source, HTTPSourceID: sourceID,
		RuleGroupList: []wafGroup{}, RateBasedRuleList: []wafRateRule{}, NonTerminatingMatchingRules: []wafRule{},
		HTTPRequest: wafRequest{
			ClientIP: g.clientIP(), Country: g.pick(wafCountries), Headers: headers,
			URI: g.pick(wafPaths), Args: g.pick(wafArgs), HTTPVersion: version, HTTPMethod: method,
			RequestID: "1-" + g.hex(8) + "-" + g.hex(24),
		},
		JA3Fingerprint: g.hex(32),
	}
	if g.r.IntN(2) == 0 {
		r.JA4Fingerprint = "t13d1516h2_" + g.hex(12) + "_" + g.hex(12)
	}
	if method == "POST" {
		r.RequestBodySize = 100 + g.r.IntN(20000)
		r.RequestBodySizeInspectedByWAF = min(r.RequestBodySize, 8192)
	}
	switch k := g.r.IntN(100); {
	case k < 55: // allowed by default
	case k < 65:
		r.TerminatingRuleID, r.Action = "block-sqli-query", "BLOCK"
		r.TerminatingRuleMatchDetails = []wafMatch{{ConditionType: "SQL_INJECTION", SensitivityLevel: "HIGH", Location: "QUERY_STRING", MatchedData: []string{"1", "'", "OR", "1", "=", "1"}}}
	case k < 75:
		r.TerminatingRuleID, r.TerminatingRuleType, r.Action = "AWS-AWSManagedRulesCommonRuleSet", "MANAGED_RULE_GROUP", "BLOCK"
		r.TerminatingRuleMatchDetails = []wafMatch{{ConditionType: "XSS", Location: "BODY", MatchedData: []string{"<", "script"}, MatchedFieldName: "comment"}}
		r.RuleGroupList = []wafGroup{{RuleGroupID: wafManagedCRS, TerminatingRule: &wafRule{RuleID: "CrossSiteScripting_BODY", Action: "BLOCK"},
			NonTerminatingMatchingRules: []wafRule{}, ExcludedRules: []wafExcluded{{"EXCLUDED_AS_COUNT", "SizeRestrictions_BODY"}}}}
		r.Labels = []wafLabel{{"awswaf:managed:aws:core-rule-set:CrossSiteScripting_Body"}}
	case k < 82:
		code := 429
		r.TerminatingRuleID, r.TerminatingRuleType, r.Action, r.ResponseCodeSent = "login-rate-limit", "RATE_BASED", "BLOCK", &code
		r.RateBasedRuleList = []wafRateRule{{"7c968ef6-be0b-4b8a-9cd5-2c9d2ff0b6a4", "login-rate-limit", "IP", 100, "300"}}
	case k < 88:
		r.TerminatingRuleID, r.Action = "captcha-checkout", "CAPTCHA"
		r.CaptchaResponse = &wafResponse{ResponseCode: 405, FailureReason: "TOKEN_MISSING"}
		r.Labels = []wafLabel{{"awswaf:managed:token:absent"}}
	case k < 93:
		r.TerminatingRuleID, r.Action = "challenge-bots", "CHALLENGE"
		r.ChallengeResponse = &wafResponse{ResponseCode: 202, FailureReason: "TOKEN_EXPIRED"}
	default: // a Bot Control count match
		r.RuleGroupList = []wafGroup{{RuleGroupID: "AWS#AWSManagedRulesBotControlRuleSet",
			NonTerminatingMatchingRules: []wafRule{{RuleID: "CategoryHttpLibrary", Action: "COUNT", RuleMatchDetails: []wafMatch{}}}}}
		r.Labels = []wafLabel{{"awswaf:managed:aws:bot-control:bot:category:http_library"}, {"awswaf:managed:aws:bot-control:bot:name:curl"}}
		r.RequestHeadersInserted = []wafHeader{{"x-amzn-waf-bot", "http_library"}}
	}
	return r
}

func (g *wafGen) pick2(s []wafHeader) wafHeader { return s[g.r.IntN(len(s))] }
