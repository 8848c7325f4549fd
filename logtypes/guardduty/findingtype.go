package guardduty

import (
	"bytes"
	"strings"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem/parser"
)

// findingType sets the finding type and its parts. A type is
// ThreatPurpose:ResourceTypeAffected/ThreatFamilyName.DetectionMechanism!Artifact,
// the last two optional (Backdoor:EC2/C&CActivity.B!DNS).
func (n *normalizer) findingType(typ []byte) {
	ev := n.ev
	ev.KeywordBytes("rule.id", typ)
	ev.KeywordBytes("aws.guardduty.type", typ)
	purpose, rest, ok := bytes.Cut(typ, []byte(":"))
	if !ok {
		n.categories(nil, nil)
		return
	}
	resource, family, ok := bytes.Cut(rest, []byte("/"))
	if !ok {
		n.categories(nil, nil)
		return
	}
	family, artifact, _ := bytes.Cut(family, []byte("!"))
	family, mechanism, _ := bytes.Cut(family, []byte("."))
	ev.KeywordBytes("aws.guardduty.finding_type.threat_purpose", purpose)
	ev.KeywordBytes("aws.guardduty.finding_type.resource_type_affected", resource)
	ev.KeywordBytes("aws.guardduty.finding_type.threat_family_name", family)
	ev.KeywordBytes("aws.guardduty.finding_type.detection_mechanism", mechanism)
	ev.KeywordBytes("aws.guardduty.finding_type.artifact", artifact)
	ev.KeywordBytes("rule.category", purpose)
	if len(purpose) > 0 && len(resource) > 0 {
		ruleset := make([]byte, 0, len(purpose)+1+len(resource))
		ruleset = append(append(append(ruleset, purpose...), ':'), resource...)
		ev.KeywordBytes("rule.ruleset", ruleset)
	}
	n.categories(purpose, family)
	if t, ok := tacticOfPurpose[string(purpose)]; ok {
		ev.Keyword("threat.framework", "MITRE ATT&CK")
		ev.Keywords("threat.tactic.name", t.name)
		ev.Keywords("threat.tactic.id", t.id)
		ev.Keywords("threat.tactic.reference", tacticURL(t.id))
	}
}

// categories sets event.category: intrusion_detection, and malware for
// backdoors, trojans, crypto-mining and malicious or suspicious files.
func (n *normalizer) categories(purpose, family []byte) {
	switch {
	case string(purpose) == "Backdoor" || string(purpose) == "Trojan" || string(purpose) == "CryptoCurrency",
		bytes.HasPrefix(family, []byte("MaliciousFile")), bytes.HasPrefix(family, []byte("SuspiciousFile")):
		n.ev.Keywords("event.category", "intrusion_detection", "malware")
	default:
		n.ev.Keywords("event.category", "intrusion_detection")
	}
}

type tactic struct{ id, name string }

// tactics are the MITRE ATT&CK enterprise tactics by name.
var tactics = map[string]string{
	"Reconnaissance":       "TA0043",
	"Resource Development": "TA0042",
	"Initial Access":       "TA0001",
	"Execution":            "TA0002",
	"Persistence":          "TA0003",
	"Privilege Escalation": "TA0004",
	"Defense Evasion":      "TA0005",
	"Credential Access":    "TA0006",
	"Discovery":            "TA0007",
	"Lateral Movement":     "TA0008",
	"Collection":           "TA0009",
	"Command and Control":  "TA0011",
	"Exfiltration":         "TA0010",
	"Impact":               "TA0040",
}

// tacticOfPurpose maps the threat purposes that are ATT&CK tactics, named
// the same way, to them. The others (Backdoor, Behavior, CryptoCurrency,
// PenTest, Policy, Recon, Stealth, Trojan, UnauthorizedAccess, Object,
// AttackSequence) name no single tactic.
var tacticOfPurpose = map[string]tactic{
	"InitialAccess":       {"TA0001", "Initial Access"},
	"Execution":           {"TA0002", "Execution"},
	"Persistence":         {"TA0003", "Persistence"},
	"PrivilegeEscalation": {"TA0004", "Privilege Escalation"},
	"DefenseEvasion":      {"TA0005", "Defense Evasion"},
	"CredentialAccess":    {"TA0006", "Credential Access"},
	"Discovery":           {"TA0007", "Discovery"},
	"Exfiltration":        {"TA0010", "Exfiltration"},
	"Impact":              {"TA0040", "Impact"},
}

func tacticURL(id string) string { return "https://attack.mitre.org/tactics/" + id + "/" }

func techniqueURL(id string) string {
	return "https://attack.mitre.org/techniques/" + strings.ReplaceAll(id, ".", "/") + "/"
}

// sequence maps an attack sequence's indicators (Extended Threat
// Detection): the ATT&CK tactics and techniques it observed. Without a
// sequence member, an attack sequence's description names them in
// GuardDuty's words ("- 5 MITRE ATT&CK tactics observed: Persistence, ...").
func (n *normalizer) sequence(seq *fastjson.Value) {
	var tacticNames, techniques []string
	if seq != nil {
		n.actors(seq)
		for _, ind := range seq.GetArray("sequenceIndicators") {
			switch string(str(ind, "key")) {
			case "ATTACK_TACTIC":
				for _, v := range ind.GetArray("values") {
					if b := v.GetStringBytes(); len(b) > 0 {
						tacticNames = append(tacticNames, string(b))
					}
				}
			case "ATTACK_TECHNIQUE":
				for _, v := range ind.GetArray("values") {
					if b := v.GetStringBytes(); len(b) > 0 {
						techniques = append(techniques, string(b))
					}
				}
			}
		}
	}
	if len(tacticNames) == 0 && len(techniques) == 0 && bytes.HasPrefix(str(n.f, "type"), []byte("AttackSequence:")) {
		tacticNames, techniques = fromDescription(string(str(n.f, "description")))
	}
	n.threat(tacticNames, techniques)
}

// fromDescription reads the tactics and techniques lines of an attack
// sequence's description.
func fromDescription(d string) (tacticNames, techniques []string) {
	for line := range strings.SplitSeq(d, "\n") {
		line = strings.TrimSpace(line)
		if _, list, ok := strings.Cut(line, "MITRE ATT&CK tactics observed: "); ok {
			for t := range strings.SplitSeq(list, ",") {
				tacticNames = append(tacticNames, strings.TrimSpace(t))
			}
		}
		if _, list, ok := strings.Cut(line, "MITRE ATT&CK techniques observed: "); ok {
			techniques = append(techniques, splitTechniques(list)...)
		}
	}
	return tacticNames, techniques
}

// splitTechniques splits "T1562.008 - A: B, T1098 - C" at the commas that
// start another technique id (names may hold commas).
func splitTechniques(list string) []string {
	var out []string
	start := 0
	for i := 0; i+3 < len(list); i++ {
		if list[i] == ',' && list[i+1] == ' ' && list[i+2] == 'T' && isDigit(list[i+3]) {
			out = append(out, strings.TrimSpace(list[start:i]))
			start = i + 2
		}
	}
	return append(out, strings.TrimSpace(list[start:]))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// threat sets threat.* from tactic names and techniques written
// "T1098.003 - Account Manipulation: Additional Cloud Roles".
func (n *normalizer) threat(tacticNames, techniques []string) {
	var tIDs, tNames, tRefs []string
	for _, name := range tacticNames {
		if id, ok := tactics[name]; ok {
			tIDs = append(tIDs, id)
			tNames = append(tNames, name)
			tRefs = append(tRefs, tacticURL(id))
		}
	}
	var techIDs, techNames, techRefs, subIDs, subNames, subRefs []string
	for _, t := range techniques {
		id, name, ok := strings.Cut(t, " - ")
		if !ok || !isTechniqueID(id) {
			continue
		}
		base, _, sub := strings.Cut(id, ".")
		parent, subName, hasSubName := strings.Cut(name, ": ")
		techIDs = append(techIDs, base)
		techNames = append(techNames, strings.TrimSpace(parent))
		techRefs = append(techRefs, techniqueURL(base))
		if sub {
			subIDs = append(subIDs, id)
			if hasSubName {
				subNames = append(subNames, strings.TrimSpace(subName))
			}
			subRefs = append(subRefs, techniqueURL(id))
		}
	}
	if len(tIDs) == 0 && len(techIDs) == 0 {
		return
	}
	ev := n.ev
	ev.Keyword("threat.framework", "MITRE ATT&CK")
	if len(tIDs) > 0 {
		ev.Keywords("threat.tactic.id", tIDs...)
		ev.Keywords("threat.tactic.name", tNames...)
		ev.Keywords("threat.tactic.reference", tRefs...)
	}
	ev.Keywords("threat.technique.id", techIDs...)
	ev.Keywords("threat.technique.name", techNames...)
	ev.Keywords("threat.technique.reference", techRefs...)
	ev.Keywords("threat.technique.subtechnique.id", subIDs...)
	ev.Keywords("threat.technique.subtechnique.name", subNames...)
	ev.Keywords("threat.technique.subtechnique.reference", subRefs...)
}

// isTechniqueID accepts T1234 and T1234.567.
func isTechniqueID(s string) bool {
	if len(s) != 5 && len(s) != 9 || s[0] != 'T' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if i == 5 {
			if s[i] != '.' {
				return false
			}
			continue
		}
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// actors maps who and where an attack sequence's actions came from: the
// users of its actors, and its network endpoint when there is only one.
func (n *normalizer) actors(seq *fastjson.Value) {
	ev := n.ev
	for _, a := range seq.GetArray("actors") {
		u := a.Get("user")
		if u == nil {
			continue
		}
		if !ev.Has("user.name") {
			ev.KeywordBytes("user.name", str(u, "name"))
			ev.KeywordBytes("user.id", str(u, "uid"))
		}
		n.addUser(str(u, "name"))
	}
	eps := seq.GetArray("endpoints")
	if len(eps) != 1 {
		return
	}
	ep := eps[0]
	ip, ok := parser.ParseAddrDropZone(str(ep, "ip"))
	if !ok {
		return
	}
	n.set(&source, endpoint{ip: ip})
	if as := ep.Get("autonomousSystem"); as != nil {
		if num, ok := integer(as.Get("number")); ok && num > 0 && num < 1<<32 {
			ev.Long("source.as.number", num)
		}
		ev.KeywordBytes("source.as.organization.name", str(as, "name"))
	}
	if loc := ep.Get("location"); loc != nil {
		ev.KeywordBytes("source.geo.city_name", str(loc, "city"))
		ev.KeywordBytes("source.geo.country_name", str(loc, "country"))
		lat, lok := number(loc.Get("lat"))
		lon, gok := number(loc.Get("lon"))
		if lok && gok && !(lat == 0 && lon == 0) {
			ev.GeoPoint("source.geo.location", lat, lon)
		}
	}
}
