package cloudtrail

import "bytes"

// categorization is an event's ECS event.category and event.type. Empty
// entries are left out when the event is written.
type categorization struct {
	category [2]string
	typ      [3]string
}

func cat(category string, types ...string) categorization {
	var c categorization
	c.category[0] = category
	copy(c.typ[:], types)
	return c
}

// elasticActions is the categorization Elastic's CloudTrail integration
// gives to the API calls it names (matched by eventName alone, whatever the
// service), kept as is so that Elastic dashboards and detection rules keyed
// on these values work on our documents.
var elasticActions = map[string]categorization{
	"AddUserToGroup":                     cat("iam", "group", "change"),
	"AssumeRole":                         cat("authentication", "info"),
	"AttachGroupPolicy":                  cat("iam", "group", "change"),
	"AttachUserPolicy":                   cat("iam", "user", "change"),
	"ChangePassword":                     cat("iam", "user", "change"),
	"ConsoleLogin":                       cat("authentication", "info"),
	"CreateAccessKey":                    cat("iam", "user", "change"),
	"CreateBucket":                       cat("file", "creation"),
	"CreateGroup":                        cat("iam", "group", "creation"),
	"CreateKeyPair":                      cat("iam", "admin", "creation"),
	"CreateUser":                         cat("iam", "user", "creation"),
	"CreateVirtualMFADevice":             cat("iam", "user", "change"),
	"DeactivateMFADevice":                cat("iam", "user", "change"),
	"DeleteAccessKey":                    cat("iam", "user", "change"),
	"DeleteBucket":                       cat("file", "deletion"),
	"DeleteGroup":                        cat("iam", "group", "deletion"),
	"DeleteGroupPolicy":                  cat("iam", "group", "change"),
	"DeleteSSHPublicKey":                 cat("iam", "user", "change"),
	"DeleteUser":                         cat("iam", "user", "deletion"),
	"DeleteUserPermissionsBoundary":      cat("iam", "user", "change"),
	"DeleteUserPolicy":                   cat("iam", "user", "change"),
	"DeleteVirtualMFADevice":             cat("iam", "user", "change"),
	"DetachGroupPolicy":                  cat("iam", "group", "change"),
	"DetachUserPolicy":                   cat("iam", "user", "change"),
	"EnableMFADevice":                    cat("iam", "user", "change"),
	"GetGroup":                           cat("iam", "group", "info"),
	"GetGroupPolicy":                     cat("iam", "group", "info"),
	"GetUser":                            cat("iam", "user", "info"),
	"GetUserPolicy":                      cat("iam", "user", "info"),
	"ListAttachedGroupPolicies":          cat("iam", "group", "info"),
	"ListAttachedUserPolicies":           cat("iam", "user", "info"),
	"ListGroupPolicies":                  cat("iam", "group", "info"),
	"ListGroups":                         cat("iam", "group", "info"),
	"ListGroupsForUser":                  cat("iam", "user", "info"),
	"ListUserPolicies":                   cat("iam", "user", "info"),
	"ListUsers":                          cat("iam", "user", "info"),
	"ListUserTags":                       cat("iam", "user", "info"),
	"PutGroupPolicy":                     cat("iam", "group", "change"),
	"PutUserPermissionsBoundary":         cat("iam", "user", "change"),
	"PutUserPolicy":                      cat("iam", "user", "change"),
	"RemoveUserFromGroup":                cat("iam", "group", "change"),
	"SetDefaultPolicyVersion":            cat("iam", "admin", "change"),
	"SetSecurityTokenServicePreferences": cat("iam", "admin", "change"),
	"TagUser":                            cat("iam", "user", "change"),
	"UntagUser":                          cat("iam", "user", "change"),
	"UpdateAccessKey":                    cat("iam", "user", "change"),
	"UpdateAccountPasswordPolicy":        cat("iam", "admin", "change"),
	"UpdateGroup":                        cat("iam", "group", "change"),
	"UpdateLoginProfile":                 cat("iam", "user", "change"),
	"UpdateRole":                         cat("iam", "admin", "change"),
	"UpdateSSHPublicKey":                 cat("iam", "user", "change"),
	"UpdateUser":                         cat("iam", "user", "change"),
}

// callFacts are the parts of an event that decide its categorization.
type callFacts struct {
	action, provider []byte
	eventCategory    []byte
	eventType        []byte
	readOnly         int8 // -1 absent, 0 false, 1 true
	failed           bool
	denied           bool
	insightState     []byte
}

// categorize picks event.category and event.type. Elastic's table wins for
// the actions it names; every other event still gets a category, so that
// a query on event.category never misses CloudTrail:
//   - Insight events annotate API activity: api, with start/end from the
//     insight's state;
//   - service events (eventType AwsServiceEvent) have no caller: api, info;
//   - network activity events (calls through VPC endpoints): api and
//     network, allowed or denied;
//   - sign-in events and the STS calls that issue credentials:
//     authentication;
//   - other IAM calls: iam, typed by the object they touch (user, group,
//     or admin for roles, policies and account settings) and the verb;
//   - everything else: api, typed by the verb (or readOnly), with denied
//     added for authorization failures; successful management writes are
//     also configuration changes, and S3 object data events are also file
//     events.
func categorize(f *callFacts) categorization {
	if string(f.eventCategory) == "Insight" {
		switch string(f.insightState) {
		case "Start":
			return cat("api", "start")
		case "End":
			return cat("api", "end")
		}
		return cat("api", "info")
	}
	if c, ok := elasticActions[string(f.action)]; ok {
		return c
	}
	if string(f.eventType) == "AwsServiceEvent" {
		// Something a service did on its own (a backup finishing, a key
		// rotating): there is no caller whose verb could type it.
		return cat("api", "info")
	}
	if string(f.eventCategory) == "NetworkActivity" {
		c := cat("api", "allowed")
		c.category[1] = "network"
		if f.denied {
			c.typ[0] = "denied"
		}
		return c
	}
	switch string(f.provider) {
	case "signin.amazonaws.com":
		return cat("authentication", "info")
	case "sts.amazonaws.com":
		switch string(f.action) {
		case "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "AssumeRoot", "GetSessionToken", "GetFederationToken":
			return cat("authentication", "info")
		}
	case "iam.amazonaws.com":
		verb := verbType(f)
		if verb == "access" {
			verb = "info" // iam has no access type
		}
		return cat("iam", iamObject(f.action), verb)
	}
	verb := verbType(f)
	c := cat("api", verb)
	if f.denied {
		c.typ[1] = "denied"
		return c
	}
	switch {
	case string(f.provider) == "s3.amazonaws.com" && string(f.eventCategory) == "Data" && isFileType(verb):
		c.category[1] = "file"
	case string(f.eventCategory) == "Management" && f.readOnly == 0 && !f.failed && isChangeType(verb):
		c.category[1] = "configuration"
	}
	return c
}

// verbType classifies a call by the verb its name starts with; readOnly,
// when CloudTrail gives it, is trusted over the name for reads.
func verbType(f *callFacts) string {
	if f.readOnly == 1 {
		return "access"
	}
	switch string(leadingVerb(f.action)) {
	case "Get", "List", "Describe", "Head", "Lookup", "Search", "Select", "Scan", "Query", "Check", "Filter", "Download", "Read", "Decrypt", "Verify":
		return "access"
	case "Create", "Run", "Launch", "Allocate", "Import", "Copy", "Register", "Request", "Issue", "Upload":
		return "creation"
	case "Delete", "Terminate", "Deregister", "Release", "Purge", "Destroy":
		return "deletion"
	case "Put", "Update", "Modify", "Set", "Attach", "Detach", "Associate", "Disassociate", "Authorize", "Revoke",
		"Enable", "Disable", "Add", "Remove", "Tag", "Untag", "Change", "Replace", "Reset", "Restore", "Reboot", "Rotate":
		return "change"
	case "Start":
		return "start"
	case "Stop":
		return "end"
	}
	if f.readOnly == 0 {
		return "change"
	}
	return "info"
}

// leadingVerb returns the first CamelCase word of an API name, looking
// past a "Batch" prefix (BatchGetItem reads, BatchDeleteImage deletes).
func leadingVerb(action []byte) []byte {
	word := firstWord(action)
	if string(word) == "Batch" {
		word = firstWord(action[len(word):])
	}
	return word
}

func firstWord(s []byte) []byte {
	for i := 1; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return s[:i]
		}
	}
	return s
}

// iamObject names what an IAM call acts on, in ECS iam types.
func iamObject(action []byte) string {
	switch {
	case bytes.Contains(action, []byte("Group")):
		return "group"
	case bytes.Contains(action, []byte("User")), bytes.Contains(action, []byte("LoginProfile")),
		bytes.Contains(action, []byte("AccessKey")), bytes.Contains(action, []byte("MFADevice")),
		bytes.Contains(action, []byte("SSHPublicKey")), bytes.Contains(action, []byte("SigningCertificate")),
		bytes.Contains(action, []byte("ServiceSpecificCredential")):
		return "user"
	}
	return "admin"
}

func isFileType(t string) bool {
	return t == "access" || t == "creation" || t == "deletion" || t == "change"
}

func isChangeType(t string) bool {
	return t == "creation" || t == "deletion" || t == "change"
}

// isDenial reports error codes that mean the caller was not authorized,
// as opposed to a call that failed for another reason.
func isDenial(code []byte) bool {
	return bytes.Contains(code, []byte("AccessDenied")) || bytes.Contains(code, []byte("Unauthorized")) ||
		string(code) == "Forbidden"
}
