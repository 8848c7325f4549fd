package cloudtrail

import (
	"bytes"
	"time"
)

// identity is what userIdentity says about the caller that is read
// further than being copied to a field of the same name, gathered in one
// pass over each of its objects. The members that are only copied are
// set straight from the record's values (see state.keyword).
type identity struct {
	arn, principal, userName, mfaAuthenticated []byte
	creationDate                               time.Time
	issuerName                                 []byte
}

// The members of userIdentity this type reads, and of the objects in it.
const (
	idType = iota
	idARN
	idPrincipalID
	idAccountID
	idAccessKeyID
	idUserName
	idInvokedBy
	idIdentityProvider
	idCredentialID
	idOnBehalfOf
	idSessionContext
)

const (
	sessionAttributes = iota
	sessionIssuer
	sessionSourceIdentity
	sessionEC2RoleDelivery
	sessionWebID
)

var (
	identityFields = newFieldSet("userIdentity",
		"type", "arn", "principalId", "accountId", "accessKeyId", "userName",
		"invokedBy", "identityProvider", "credentialId", "onBehalfOf", "sessionContext")
	onBehalfFields   = newFieldSet("userIdentity.onBehalfOf", "userId", "identityStoreArn")
	sessionFields    = newFieldSet("userIdentity.sessionContext", "attributes", "sessionIssuer", "sourceIdentity", "ec2RoleDelivery", "webIdFederationData")
	attributesFields = newFieldSet("userIdentity.sessionContext.attributes", "mfaAuthenticated", "creationDate")
	issuerFields     = newFieldSet("userIdentity.sessionContext.sessionIssuer", "type", "principalId", "arn", "accountId", "userName")
	webIDFields      = newFieldSet("userIdentity.sessionContext.webIdFederationData", "federatedProvider")
)

// readIdentity gathers what walk found of userIdentity into s.id.
func (s *state) readIdentity() {
	s.id = identity{}
	id := &s.id
	u := s.fields[identityFields.base:]
	id.arn = s.str(u[idARN])
	id.principal = s.str(u[idPrincipalID])
	id.userName = s.str(u[idUserName])
	id.mfaAuthenticated = s.keywordOf(s.get(attributesFields, 0))
	id.creationDate, _ = parseCreationDate(s.str(s.get(attributesFields, 1)))
	id.issuerName = s.str(s.get(issuerFields, 4))
}

// userName picks user.name: the IAM user name, else the role behind an
// assumed-role session (as Elastic does), else the name in the ARN, else
// the principal id (as the reference loader does).
func (id *identity) name() []byte {
	if len(id.userName) > 0 {
		return id.userName
	}
	if len(id.issuerName) > 0 {
		return id.issuerName
	}
	if role, _ := assumedRole(id.arn); len(role) > 0 {
		return role
	}
	if name := nameFromARN(id.arn); len(name) > 0 {
		return name
	}
	return afterLast(id.principal, ':')
}

// assumedRole splits an assumed-role ARN
// (arn:aws:sts::123456789012:assumed-role/RoleName/SessionName) into the
// role and session names; both are nil for other ARNs.
func assumedRole(arn []byte) (role, session []byte) {
	res := arnResource(arn)
	rest, ok := bytes.CutPrefix(res, []byte("assumed-role/"))
	if !ok {
		return nil, nil
	}
	role, session, _ = bytes.Cut(rest, []byte("/"))
	return role, session
}

// nameFromARN is the last path segment of an ARN's resource
// (user/path/Alice gives Alice, root gives root).
func nameFromARN(arn []byte) []byte {
	res := arnResource(arn)
	if res == nil {
		// Not an ARN: fall back to the reference loader's rule.
		res = afterLast(arn, ':')
	}
	return afterLast(res, '/')
}

// arnResource returns what follows the fifth colon of an ARN
// (arn:partition:service:region:account:resource), nil if there is none.
func arnResource(arn []byte) []byte {
	if !bytes.HasPrefix(arn, []byte("arn:")) {
		return nil
	}
	colons := 0
	for i, c := range arn {
		if c == ':' {
			colons++
			if colons == 5 {
				return arn[i+1:]
			}
		}
	}
	return nil
}

func afterLast(b []byte, sep byte) []byte {
	if i := bytes.LastIndexByte(b, sep); i >= 0 {
		return b[i+1:]
	}
	return b
}

// looksLikeEmail accepts what IAM Identity Center and many federations
// use as a session name: local@domain with a dot in the domain.
func looksLikeEmail(b []byte) bool {
	at := bytes.IndexByte(b, '@')
	if at <= 0 || bytes.IndexByte(b[at+1:], '@') >= 0 {
		return false
	}
	domain := b[at+1:]
	dot := bytes.IndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1
}

var (
	trueText  = []byte("true")
	falseText = []byte("false")
)

// keywordOf reads a value CloudTrail writes as a string but some producers
// write as a boolean (mfaAuthenticated).
func (s *state) keywordOf(v value) []byte {
	if v == nil {
		return nil
	}
	switch v.typ() {
	case typeString:
		return s.str(v)
	case typeTrue:
		return trueText
	case typeFalse:
		return falseText
	}
	return nil
}
