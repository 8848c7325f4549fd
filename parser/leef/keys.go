package leef

// Key is one of the event attributes LEEF predefines, which QRadar
// normalizes, with the type of value IBM's table gives it.
type Key struct {
	Name string
	// Type is one of "string", "integer", "ip" (IPv4 or IPv6), "mac",
	// "time" (read with devTimeFormat) and "boolean".
	Type string
}

// keys are the predefined attributes, grouped as IBM's table describes
// them.
var keys = []Key{
	// The event.
	{"cat", "string"},
	{"devTime", "time"},
	{"devTimeFormat", "string"},
	{"proto", "string"}, // a protocol name or number
	{"sev", "integer"},  // 1 to 10
	// Addresses and ports.
	{"src", "ip"},
	{"dst", "ip"},
	{"srcPort", "integer"},
	{"dstPort", "integer"},
	{"srcPreNAT", "ip"},
	{"dstPreNAT", "ip"},
	{"srcPostNAT", "ip"},
	{"dstPostNAT", "ip"},
	{"srcPreNATPort", "integer"},
	{"dstPreNATPort", "integer"},
	{"srcPostNATPort", "integer"},
	{"dstPostNATPort", "integer"},
	{"srcMAC", "mac"},
	{"dstMAC", "mac"},
	// Counts.
	{"srcBytes", "integer"},
	{"dstBytes", "integer"},
	{"srcPackets", "integer"},
	{"dstPackets", "integer"},
	{"totalPackets", "integer"},
	// Identity.
	{"usrName", "string"},
	{"accountName", "string"},
	{"role", "string"},
	{"realm", "string"},
	{"identSrc", "ip"},
	{"identHostName", "string"},
	{"identNetBios", "string"},
	{"identGrpName", "string"},
	{"identMAC", "mac"},
	{"identSecondlp", "ip"}, // spelled with a lower-case L in IBM's table
	{"vSrc", "ip"},
	{"vSrcName", "string"},
	{"isLoginEvent", "boolean"},
	{"isLogoutEvent", "boolean"},
	// Other.
	{"policy", "string"},
	{"resource", "string"},
	{"url", "string"},
	{"groupID", "string"},
	{"domain", "string"},
}

var keyIndex = func() map[string]int {
	m := make(map[string]int, len(keys))
	for i, k := range keys {
		m[k.Name] = i
	}
	return m
}()

// LookupKey returns the predefined attribute name, compared exactly.
func LookupKey(name string) (Key, bool) {
	if i, ok := keyIndex[name]; ok {
		return keys[i], true
	}
	return Key{}, false
}

// Keys returns a copy of the predefined attributes.
func Keys() []Key {
	return append([]Key(nil), keys...)
}

// Predefined returns the attribute's entry among the predefined ones, if
// it has one.
func (a *Attribute) Predefined() (Key, bool) {
	if i, ok := keyIndex[string(a.Key)]; ok {
		return keys[i], true
	}
	return Key{}, false
}
