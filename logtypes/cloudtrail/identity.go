package cloudtrail

import (
	"bytes"
	"time"

	"github.com/valyala/fastjson"
)

// identity is what userIdentity says about the caller, gathered in one
// pass over each of its objects.
type identity struct {
	typ, arn, principal, accountID, accessKeyID, userName   []byte
	invokedBy, identityProvider, credentialID               []byte
	onBehalfUserID, onBehalfStoreARN                        []byte
	mfaAuthenticated, sourceIdentity, ec2RoleDelivery       []byte
	federatedProvider                                       []byte
	creationDate                                            time.Time
	issuerType, issuerPrincipal, issuerARN, issuerAccountID []byte
	issuerName                                              []byte
}

// identityVisitors builds the callbacks that fill s.id. They are made once
// per state so that visiting allocates nothing.
func (s *state) identityVisitors() {
	s.visitIdentity = func(key []byte, v *fastjson.Value) {
		id := &s.id
		switch string(key) {
		case "type":
			id.typ = v.GetStringBytes()
		case "arn":
			id.arn = v.GetStringBytes()
		case "principalId":
			id.principal = v.GetStringBytes()
		case "accountId":
			id.accountID = v.GetStringBytes()
		case "accessKeyId":
			id.accessKeyID = v.GetStringBytes()
		case "userName":
			id.userName = v.GetStringBytes()
		case "invokedBy":
			id.invokedBy = v.GetStringBytes()
		case "identityProvider":
			id.identityProvider = v.GetStringBytes()
		case "credentialId":
			id.credentialID = v.GetStringBytes()
		case "onBehalfOf":
			id.onBehalfUserID = v.GetStringBytes("userId")
			id.onBehalfStoreARN = v.GetStringBytes("identityStoreArn")
		case "sessionContext":
			if o, err := v.Object(); err == nil {
				o.Visit(s.visitSession)
			}
		}
	}
	s.visitSession = func(key []byte, v *fastjson.Value) {
		id := &s.id
		switch string(key) {
		case "attributes":
			id.mfaAuthenticated = keywordOf(v.Get("mfaAuthenticated"))
			id.creationDate, _ = parseCreationDate(v.GetStringBytes("creationDate"))
		case "sessionIssuer":
			if o, err := v.Object(); err == nil {
				o.Visit(s.visitIssuer)
			}
		case "sourceIdentity":
			id.sourceIdentity = v.GetStringBytes()
		case "ec2RoleDelivery":
			id.ec2RoleDelivery = v.GetStringBytes()
		case "webIdFederationData":
			id.federatedProvider = v.GetStringBytes("federatedProvider")
		}
	}
	s.visitIssuer = func(key []byte, v *fastjson.Value) {
		id := &s.id
		switch string(key) {
		case "type":
			id.issuerType = v.GetStringBytes()
		case "principalId":
			id.issuerPrincipal = v.GetStringBytes()
		case "arn":
			id.issuerARN = v.GetStringBytes()
		case "accountId":
			id.issuerAccountID = v.GetStringBytes()
		case "userName":
			id.issuerName = v.GetStringBytes()
		}
	}
}

// readIdentity gathers userIdentity into s.id.
func (s *state) readIdentity(v *fastjson.Value) {
	s.id = identity{}
	if v == nil {
		return
	}
	if o, err := v.Object(); err == nil {
		o.Visit(s.visitIdentity)
	}
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
func keywordOf(v *fastjson.Value) []byte {
	if v == nil {
		return nil
	}
	switch v.Type() {
	case fastjson.TypeString:
		return v.GetStringBytes()
	case fastjson.TypeTrue:
		return trueText
	case fastjson.TypeFalse:
		return falseText
	}
	return nil
}
