package samplegen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"
)

// Okta returns an object of n Okta System Log events, one per line, as
// the fetch Lambda writes a page of /api/v1/logs, uncompressed; events
// are about 1.5 to 3 KB. The mix follows a workforce org: sign-ins that
// succeed and fail, sign-on policy evaluations (allow and deny), SSO to
// apps, MFA pushes, group membership and user lifecycle changes by
// admins and by the system, admin privilege grants, rate-limit warnings
// and ThreatInsight detections, from IPv4 and IPv6 clients in several
// countries, some through anonymizing proxies.
func Okta(n int) []byte {
	r := rand.New(rand.NewPCG(0x0c7a, 0x5157))
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	b := make([]byte, 0, n*2200)
	for i := range n {
		at = at.Add(time.Duration(r.IntN(4000)) * time.Millisecond)
		ev := oktaEvent(r, at, i)
		line, err := json.Marshal(ev)
		if err != nil {
			panic(err)
		}
		b = append(append(b, line...), '\n')
	}
	return b
}

type oktaPlace struct {
	city, state, country, postal string
	lat, lon                     float64
	ip                           string
	asn                          int
	org, domain                  string
}

var oktaPlaces = []oktaPlace{
	{"Tokyo", "Tokyo", "Japan", "100-0001", 35.6893, 139.6899, "203.0.113.%d", 2516, "kddi corporation", "kddi.ne.jp"},
	{"Osaka", "Osaka", "Japan", "530-0001", 34.6937, 135.5023, "198.51.100.%d", 17676, "softbank corp.", "bbtec.net"},
	{"Berlin", "Land Berlin", "Germany", "10115", 52.5196, 13.4069, "2001:db8:4f2a::%x", 3320, "deutsche telekom ag", "t-ipconnect.de"},
	{"Seattle", "Washington", "United States", "98101", 47.6062, -122.3321, "192.0.2.%d", 7922, "comcast cable communications, llc", "comcast.net"},
	{"", "", "Netherlands", "", 52.3824, 4.8995, "2001:db8:77::%x", 60729, "zwiebelfreunde e.v.", "."},
}

var oktaUsers = []struct{ id, login, name string }{
	{"00u8k2n1abCDefGH5d7", "alice.tanaka@example.co.jp", "Alice Tanaka"},
	{"00u8k2n1xyZWvuTS5d7", "bob.schulz@example.co.jp", "Bob Schulz"},
	{"00u8k2n1ccHHiiJJ5d7", "carol.smith@example.com", "Carol Smith"},
	{"00u8k2n1ddKKllMM5d7", "dev-ops@example.com", "DevOps Bot"},
}

var oktaAgents = []struct{ raw, os, browser string }{
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Mac OS X", "CHROME"},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Windows 10", "FIREFOX"},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "iOS", "MOBILE_SAFARI"},
	{"okta-sdk-golang/2.20.0 golang/go1.23 linux/amd64", "Linux", "UNKNOWN"},
}

func oktaEvent(r *rand.Rand, at time.Time, i int) map[string]any {
	u := oktaUsers[r.IntN(len(oktaUsers))]
	pl := oktaPlaces[r.IntN(len(oktaPlaces))]
	ua := oktaAgents[r.IntN(len(oktaAgents))]
	ip := fmt.Sprintf(pl.ip, 1+r.IntN(250))
	geo := map[string]any{"city": nilIfEmpty(pl.city), "state": nilIfEmpty(pl.state), "country": pl.country,
		"postalCode": nilIfEmpty(pl.postal), "geolocation": map[string]any{"lat": pl.lat, "lon": pl.lon}}
	version := "V4"
	if len(ip) > 15 || ip[4] == ':' {
		version = "V6"
	}
	reqID := fmt.Sprintf("Z%023x", r.Uint64())
	ev := map[string]any{
		"uuid":      fmt.Sprintf("%08x-%04x-11f1-9c1a-%012x", r.Uint32(), i&0xffff, r.Uint64()&0xffffffffffff),
		"published": at.Format("2006-01-02T15:04:05.000Z"),
		"version":   "0",
		"severity":  "INFO",
		"actor":     map[string]any{"id": u.id, "type": "User", "alternateId": u.login, "displayName": u.name, "detailEntry": nil},
		"client": map[string]any{"userAgent": map[string]any{"rawUserAgent": ua.raw, "os": ua.os, "browser": ua.browser},
			"zone": "null", "device": "Computer", "id": nil, "ipAddress": ip, "geographicalContext": geo},
		"device": nil,
		"authenticationContext": map[string]any{"authenticationProvider": nil, "credentialProvider": nil, "credentialType": nil,
			"issuer": nil, "interface": nil, "authenticationStep": 0, "rootSessionId": "idx" + reqID[1:12], "externalSessionId": "idx" + reqID[1:12]},
		"securityContext": map[string]any{"asNumber": pl.asn, "asOrg": pl.org, "isp": pl.org, "domain": pl.domain, "isProxy": pl.domain == "."},
		"debugContext": map[string]any{"debugData": map[string]any{"requestId": reqID, "requestUri": "/idp/idx/identify",
			"url": "/idp/idx/identify?", "threatSuspected": "false", "dtHash": fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64())}},
		"transaction": map[string]any{"type": "WEB", "id": reqID, "detail": map[string]any{}},
		"request":     map[string]any{"ipChain": []any{map[string]any{"ip": ip, "geographicalContext": geo, "version": version, "source": nil}}},
		"target":      nil,
		"outcome":     map[string]any{"result": "SUCCESS", "reason": nil},
	}
	app := map[string]any{"id": "0oa1awsapp0000005d7", "type": "AppInstance", "alternateId": "AWS IAM Identity Center",
		"displayName": "AWS IAM Identity Center", "detailEntry": map[string]any{"signOnModeType": "SAML_2_0"}}
	other := oktaUsers[r.IntN(len(oktaUsers))]
	userTarget := map[string]any{"id": other.id, "type": "User", "alternateId": other.login, "displayName": other.name, "detailEntry": nil}
	set := func(eventType, legacy, msg string) {
		ev["eventType"], ev["legacyEventType"], ev["displayMessage"] = eventType, legacy, msg
	}
	switch k := r.IntN(20); {
	case k < 6:
		set("user.session.start", "core.user_auth.login_success", "User login to Okta")
		if r.IntN(4) == 0 {
			ev["outcome"] = map[string]any{"result": "FAILURE", "reason": "INVALID_CREDENTIALS"}
			ev["severity"] = "WARN"
		}
	case k < 9:
		set("policy.evaluate_sign_on", "policy.evaluate_sign_on", "Evaluation of sign-on policy")
		result := "ALLOW"
		if pl.domain == "." {
			result = "DENY"
		}
		ev["outcome"] = map[string]any{"result": result, "reason": "Sign-on policy evaluation resulted in " + result}
		ev["target"] = []any{map[string]any{"id": "00p1signon00000005d7", "type": "PolicyEntity", "alternateId": "unknown", "displayName": "Default Policy", "detailEntry": map[string]any{"policyType": "OktaSignOn"}}}
	case k < 12:
		set("user.authentication.sso", "app.auth.sso", "User single sign on to app")
		ev["target"] = []any{app, map[string]any{"id": "0ua1appuser000005d7", "type": "AppUser", "alternateId": u.login, "displayName": u.name, "detailEntry": nil}}
	case k < 14:
		set("user.mfa.okta_verify.deny_push", "core.user.factor.deny_push", "User rejected Okta push verify")
		ev["outcome"] = map[string]any{"result": "FAILURE", "reason": "User rejected Okta push verify"}
		ev["severity"] = "WARN"
	case k < 16:
		set("group.user_membership.add", "core.user_group_member.user_add", "Add user to group membership")
		ev["target"] = []any{userTarget, map[string]any{"id": "00g1admins000005d7", "type": "UserGroup", "alternateId": "unknown", "displayName": "AWS-Admins", "detailEntry": nil}}
	case k < 17:
		set("user.account.privilege.grant", "core.user.admin_privilege.granted", "Grant user privilege")
		ev["target"] = []any{userTarget}
		ev["debugContext"].(map[string]any)["debugData"].(map[string]any)["privilegeGranted"] = "Application administrator (all)"
	case k < 18:
		set("user.lifecycle.create", "core.user.config.user_creation.success", "Create Okta user")
		ev["actor"] = map[string]any{"id": "0oa1sys0000000005d7", "type": "SystemPrincipal", "alternateId": "system@okta.com", "displayName": "Okta System", "detailEntry": nil}
		ev["target"] = []any{userTarget}
		ev["transaction"] = map[string]any{"type": "JOB", "id": "job1import00000005d7", "detail": map[string]any{"importJobId": "job1import00000005d7"}}
	case k < 19:
		set("system.org.rate_limit.warning", "core.framework.ratelimit.warning", "Rate limit warning")
		ev["severity"] = "WARN"
		ev["target"] = []any{map[string]any{"id": "/api/v1/logs", "type": "URL Pattern"}}
	default:
		set("security.threat.detected", "security.threat.detected", "Request from suspicious actor")
		ev["actor"] = map[string]any{"id": "unknown", "type": "User", "alternateId": "unknown", "displayName": "unknown", "detailEntry": nil}
		ev["outcome"] = map[string]any{"result": "DENY", "reason": "Password Spray"}
		ev["severity"] = "WARN"
		ev["debugContext"].(map[string]any)["debugData"].(map[string]any)["threatSuspected"] = "true"
	}
	return ev
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
