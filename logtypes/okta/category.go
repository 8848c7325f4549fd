package okta

import "bytes"

// category is what an eventType says about the event in ECS terms.
type category struct {
	category, types []string
	alert           bool
}

// exact holds event types categorised one by one; families follows for
// the rest, longest prefix first. An eventType in neither gets no
// event.category or event.type: a wrong category is worse than none.
var exact = map[string]category{
	"user.session.start":      {category: []string{"authentication", "session"}, types: []string{"start"}},
	"user.session.end":        {category: []string{"authentication", "session"}, types: []string{"end"}},
	"user.authentication.sso": {category: []string{"authentication"}, types: []string{"start"}},
	"policy.evaluate_sign_on": {category: []string{"authentication"}, types: []string{"info"}},
	"user.lifecycle.create":   {category: []string{"iam"}, types: []string{"user", "creation"}},
	"group.lifecycle.create":  {category: []string{"iam"}, types: []string{"group", "creation"}},
	"group.lifecycle.delete":  {category: []string{"iam"}, types: []string{"group", "deletion"}},

	"user.account.privilege.grant":  {category: []string{"iam"}, types: []string{"user", "admin", "change"}},
	"user.account.privilege.revoke": {category: []string{"iam"}, types: []string{"user", "admin", "change"}},
	"group.privilege.grant":         {category: []string{"iam"}, types: []string{"group", "admin", "change"}},
	"group.privilege.revoke":        {category: []string{"iam"}, types: []string{"group", "admin", "change"}},

	// Granting Okta Support the right to sign in as the org's admins.
	"user.session.impersonation.grant":  {category: []string{"iam"}, types: []string{"admin", "change"}},
	"user.session.impersonation.revoke": {category: []string{"iam"}, types: []string{"admin", "change"}},

	"application.user_membership.show_password": {category: []string{"iam"}, types: []string{"user", "info"}},
	"system.api_token.create":                   {category: []string{"iam"}, types: []string{"creation"}},
	"system.api_token.revoke":                   {category: []string{"iam"}, types: []string{"deletion"}},
	"application.lifecycle.create":              {category: []string{"configuration"}, types: []string{"creation"}},
	"application.lifecycle.delete":              {category: []string{"configuration"}, types: []string{"deletion"}},
	"policy.lifecycle.create":                   {category: []string{"configuration"}, types: []string{"creation"}},
	"policy.lifecycle.delete":                   {category: []string{"configuration"}, types: []string{"deletion"}},

	// Signals an analyst must triage.
	"security.threat.detected":                           {category: []string{"intrusion_detection"}, types: []string{"info"}, alert: true},
	"security.attack.start":                              {category: []string{"intrusion_detection"}, types: []string{"start"}, alert: true},
	"security.attack.end":                                {category: []string{"intrusion_detection"}, types: []string{"end"}, alert: true},
	"security.breached_credential.detected":              {category: []string{"intrusion_detection"}, types: []string{"indicator"}, alert: true},
	"user.account.report_suspicious_activity_by_enduser": {category: []string{"intrusion_detection"}, types: []string{"info"}, alert: true},
}

var families = []struct {
	prefix string
	category
}{
	{"user.lifecycle.delete.", category{category: []string{"iam"}, types: []string{"user", "deletion"}}},
	{"user.lifecycle.", category{category: []string{"iam"}, types: []string{"user", "change"}}},
	{"user.account.", category{category: []string{"iam"}, types: []string{"user", "change"}}},
	{"user.mfa.factor.", category{category: []string{"iam"}, types: []string{"user", "change"}}},
	{"user.credential.", category{category: []string{"iam"}, types: []string{"user", "change"}}},
	{"user.mfa.", category{category: []string{"authentication"}, types: []string{"info"}}},
	{"user.authentication.", category{category: []string{"authentication"}, types: []string{"info"}}},
	{"user.session.", category{category: []string{"session"}, types: []string{"info"}}},
	{"group.user_membership.", category{category: []string{"iam"}, types: []string{"group", "change"}}},
	{"group.", category{category: []string{"iam"}, types: []string{"group", "change"}}},
	{"application.user_membership.", category{category: []string{"iam"}, types: []string{"user", "change"}}},
	{"application.", category{category: []string{"configuration"}, types: []string{"change"}}},
	{"policy.", category{category: []string{"configuration"}, types: []string{"change"}}},
	{"zone.", category{category: []string{"configuration"}, types: []string{"change"}}},
	{"system.api_token.", category{category: []string{"iam"}, types: []string{"change"}}},
	{"system.org.rate_limit.", category{category: []string{"web"}, types: []string{"info"}}},
	{"app.oauth2.", category{category: []string{"authentication"}, types: []string{"info"}}},
}

func categorize(eventType []byte) category {
	if c, ok := exact[string(eventType)]; ok {
		return c
	}
	for _, f := range families {
		if bytes.HasPrefix(eventType, []byte(f.prefix)) {
			return f.category
		}
	}
	return category{}
}
