package workspaces

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser"
)

var parsers fastjson.ParserPool

// keyAccountRegion reads the account and region of the log exporter's
// prefixes (AWSLogs/<account>/WorkSpaces/<Event|Inventory>/<region>/...),
// for records that come without an envelope.
var keyAccountRegion = regexp.MustCompile(`(?:^|/)AWSLogs/(\d{12})/(?:WorkSpaces|workspaces)/[A-Za-z]+/([a-z]{2}(?:-[a-z]+)+-\d+)/`)

func normalize(rec siem.Record, ev *ecs.Event) error {
	p := parsers.Get()
	defer parsers.Put(p)
	v, err := p.ParseBytes(rec.Data)
	if err != nil {
		return fmt.Errorf("not JSON: %v", err)
	}
	if v.Type() != fastjson.TypeObject {
		return fmt.Errorf("want a JSON object (a WorkSpaces Access event detail or a WorkSpace of DescribeWorkspaces), got %s", kind(v.Type()))
	}
	ev.Keyword("cloud.provider", "aws")
	ev.Keyword("cloud.service.name", "workspaces")
	if rec.Delivery == nil {
		if m := keyAccountRegion.FindStringSubmatch(rec.Object.Key); m != nil {
			ev.Keyword("cloud.account.id", m[1])
			ev.Keyword("cloud.region", m[2])
		}
	}
	switch {
	case v.Exists("WorkspaceId"):
		return normalizeInventory(rec, v, ev)
	case v.Exists("workspaceId") || v.Exists("actionType") || v.Exists("loginTime") || v.Exists("clientIpAddress"):
		return normalizeAccess(rec, v, ev)
	case isCloudTrail(v):
		return siem.Exclude(RuleCloudTrailRecord)
	}
	return fmt.Errorf("neither a WorkSpaces Access event detail (workspaceId, actionType, loginTime, clientIpAddress) nor a WorkSpace of a DescribeWorkspaces page (WorkspaceId)")
}

// isCloudTrail reports whether v is a CloudTrail record: it names the
// API call's service and operation.
func isCloudTrail(v *fastjson.Value) bool {
	for _, k := range [...]string{"eventVersion", "eventSource", "eventName"} {
		if m := v.Get(k); m == nil || m.Type() != fastjson.TypeString {
			return false
		}
	}
	return true
}

// str returns the string member key of v: nil when it is absent, null,
// empty or "-", an error when it is another JSON type.
func str(v *fastjson.Value, key string) ([]byte, error) {
	m := v.Get(key)
	if m == nil || m.Type() == fastjson.TypeNull {
		return nil, nil
	}
	b, err := m.StringBytes()
	if err != nil {
		return nil, fmt.Errorf("%s: want a string, got %s", key, kind(m.Type()))
	}
	if len(b) == 1 && b[0] == '-' {
		return nil, nil
	}
	return b, nil
}

// strs reads several string members at once, stopping at the first error.
func strs(v *fastjson.Value, keys []string, dst [][]byte) error {
	for i, k := range keys {
		b, err := str(v, k)
		if err != nil {
			return err
		}
		dst[i] = b
	}
	return nil
}

// addr parses an IP address, tolerating surrounding space.
func addr(b []byte) (netip.Addr, bool) {
	a, ok := parser.ParseAddrDropZone([]byte(strings.TrimSpace(string(b))))
	if !ok || !a.IsValid() {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

// other collects the members normalize does not know into one compact
// JSON object text, so that nothing a record carries is lost.
type other struct {
	buf []byte
}

func (o *other) add(key string, v *fastjson.Value) {
	if o.buf == nil {
		o.buf = append(o.buf, '{')
	} else {
		o.buf = append(o.buf, ',')
	}
	o.buf = ecs.AppendString(o.buf, key)
	o.buf = append(o.buf, ':')
	o.buf = v.MarshalTo(o.buf)
}

func (o *other) write(ev *ecs.Event) {
	if o.buf != nil {
		ev.KeywordBytes("aws.workspaces.other", append(o.buf, '}'))
	}
}

var accessKeys = []string{"workspaceId", "clientIpAddress", "actionType", "loginTime", "workspacesClientProductName", "clientPlatform", "clientVersion", "directoryId"}

func known(keys []string, k []byte) bool {
	for _, s := range keys {
		if s == string(k) {
			return true
		}
	}
	return false
}

// normalizeAccess maps a WorkSpaces Access event detail.
func normalizeAccess(rec siem.Record, v *fastjson.Value, ev *ecs.Event) error {
	var f [8][]byte
	if err := strs(v, accessKeys, f[:]); err != nil {
		return err
	}
	wsID, ip, action, login, product, platform, version, dir := f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]
	switch {
	case login != nil:
		ts, err := parser.ParseRFC3339(login)
		if err != nil {
			return fmt.Errorf("loginTime %q: %v", login, err)
		}
		ev.Date("@timestamp", ts.UTC())
	case rec.Delivery != nil && !rec.Delivery.Time.IsZero():
		ev.Date("@timestamp", rec.Delivery.Time.UTC())
	default:
		return fmt.Errorf("no loginTime, and no EventBridge envelope time to fall back to")
	}
	ev.Keyword("event.kind", "event")
	ev.Keywords("event.category", "authentication", "host")
	ev.KeywordBytes("event.action", action)
	switch string(action) {
	case "successfulLogin":
		ev.Keywords("event.type", "start")
		ev.Keyword("event.outcome", "success")
	case "failedLogin":
		ev.Keywords("event.type", "start")
		ev.Keyword("event.outcome", "failure")
	default:
		ev.Keywords("event.type", "info")
	}
	ev.KeywordBytes("host.id", wsID)
	if ip != nil {
		if a, ok := addr(ip); ok {
			ev.IP("source.ip", a)
			ev.IPs("related.ip", a)
		} else {
			ev.KeywordBytes("source.address", ip)
		}
	}
	if wsID != nil {
		ev.Keywords("related.hosts", string(wsID))
	}
	ev.KeywordBytes("aws.workspaces.client_platform", platform)
	ev.KeywordBytes("aws.workspaces.client_product_name", product)
	ev.KeywordBytes("aws.workspaces.client_version", version)
	ev.KeywordBytes("aws.workspaces.directory_id", dir)
	var o other
	obj, _ := v.Object()
	obj.Visit(func(k []byte, m *fastjson.Value) {
		if !known(accessKeys, k) {
			o.add(string(k), m)
		}
	})
	o.write(ev)
	return ev.Err()
}

var inventoryKeys = []string{
	"WorkspaceId", "ComputerName", "IpAddress", "Ipv6Address", "UserName", "DirectoryId", "State", "BundleId",
	"SubnetId", "ErrorCode", "ErrorMessage", "VolumeEncryptionKey", "WorkspaceName",
}

var inventoryOther = []string{
	"UserVolumeEncryptionEnabled", "RootVolumeEncryptionEnabled", "WorkspaceProperties",
	"ModificationStates", "RelatedWorkspaces", "DataReplicationSettings", "StandbyWorkspacesProperties",
}

var propertyKeys = []string{"RunningMode", "ComputeTypeName", "OperatingSystemName", "RunningModeAutoStopTimeoutInMinutes", "RootVolumeSizeGib", "UserVolumeSizeGib", "Protocols"}

// normalizeInventory maps one WorkSpace of a DescribeWorkspaces page.
func normalizeInventory(rec siem.Record, v *fastjson.Value, ev *ecs.Event) error {
	var f [13][]byte
	if err := strs(v, inventoryKeys, f[:]); err != nil {
		return err
	}
	wsID, computer, ip, ip6, user := f[0], f[1], f[2], f[3], f[4]
	if wsID == nil {
		return fmt.Errorf("WorkspaceId is empty")
	}
	ts := rec.Ingested.UTC()
	if rec.Delivery != nil {
		// One document per WorkSpace and snapshot: the page's envelope id
		// is shared by all its WorkSpaces. event.id says the same.
		snap := rec.Delivery.ID
		if !rec.Delivery.Time.IsZero() {
			ts = rec.Delivery.Time.UTC()
			snap = ts.Format(time.RFC3339Nano)
		}
		id := string(wsID) + "@" + snap
		ev.SetID(id)
		ev.Keyword("event.id", id)
	}
	ev.Date("@timestamp", ts)
	ev.Keyword("event.kind", "state")
	ev.Keywords("event.category", "host")
	ev.Keywords("event.type", "info")
	ev.KeywordBytes("host.id", wsID)
	ev.KeywordBytes("host.name", computer)
	var ips [2]netip.Addr
	n := 0
	for _, b := range [][]byte{ip, ip6} {
		if b == nil {
			continue
		}
		if a, ok := addr(b); ok {
			ips[n] = a
			n++
		}
	}
	if n > 0 {
		ev.IPs("host.ip", ips[:n]...)
		ev.IPs("related.ip", ips[:n]...)
	}
	// An address that does not parse is kept as it came.
	if _, ok := addr(ip); ip != nil && !ok {
		ev.KeywordBytes("aws.workspaces.ip_address", ip)
	}
	if _, ok := addr(ip6); ip6 != nil && !ok {
		ev.KeywordBytes("aws.workspaces.ipv6_address", ip6)
	}
	ev.KeywordBytes("user.name", user)
	if computer != nil {
		ev.Keywords("related.hosts", string(computer), string(wsID))
	} else {
		ev.Keywords("related.hosts", string(wsID))
	}
	if user != nil {
		ev.Keywords("related.user", string(user))
	}
	ev.KeywordBytes("aws.workspaces.directory_id", f[5])
	ev.KeywordBytes("aws.workspaces.state", f[6])
	ev.KeywordBytes("aws.workspaces.bundle_id", f[7])
	ev.KeywordBytes("aws.workspaces.subnet_id", f[8])
	ev.KeywordBytes("aws.workspaces.error_code", f[9])
	ev.KeywordBytes("aws.workspaces.error_message", f[10])
	ev.KeywordBytes("aws.workspaces.volume_encryption_key", f[11])
	ev.KeywordBytes("aws.workspaces.workspace_name", f[12])
	for _, b := range []struct {
		key, path string
	}{
		{"RootVolumeEncryptionEnabled", "aws.workspaces.root_volume_encryption_enabled"},
		{"UserVolumeEncryptionEnabled", "aws.workspaces.user_volume_encryption_enabled"},
	} {
		m := v.Get(b.key)
		if m == nil || m.Type() == fastjson.TypeNull {
			continue
		}
		x, err := m.Bool()
		if err != nil {
			return fmt.Errorf("%s: want true or false, got %s", b.key, kind(m.Type()))
		}
		ev.Bool(b.path, x)
	}
	var o other
	if err := properties(v.Get("WorkspaceProperties"), ev, &o); err != nil {
		return err
	}
	for _, t := range []struct{ key, path string }{
		{"ModificationStates", "aws.workspaces.modification_states"},
		{"RelatedWorkspaces", "aws.workspaces.related_workspaces"},
		{"DataReplicationSettings", "aws.workspaces.data_replication_settings"},
		{"StandbyWorkspacesProperties", "aws.workspaces.standby_workspaces_properties"},
	} {
		if m := v.Get(t.key); m != nil && !empty(m) {
			ev.KeywordBytes(t.path, m.MarshalTo(nil))
		}
	}
	obj, _ := v.Object()
	obj.Visit(func(k []byte, m *fastjson.Value) {
		if !known(inventoryKeys, k) && !known(inventoryOther, k) {
			o.add(string(k), m)
		}
	})
	o.write(ev)
	return ev.Err()
}

// empty tells whether a member holds nothing worth keeping.
func empty(m *fastjson.Value) bool {
	switch m.Type() {
	case fastjson.TypeNull:
		return true
	case fastjson.TypeArray:
		a, _ := m.Array()
		return len(a) == 0
	case fastjson.TypeObject:
		o, _ := m.Object()
		return o.Len() == 0
	case fastjson.TypeString:
		b, _ := m.StringBytes()
		return len(b) == 0
	}
	return false
}

// properties maps WorkspaceProperties; members it does not know go to
// other as "WorkspaceProperties.<name>".
func properties(p *fastjson.Value, ev *ecs.Event, o *other) error {
	if p == nil || p.Type() == fastjson.TypeNull {
		return nil
	}
	if p.Type() != fastjson.TypeObject {
		return fmt.Errorf("WorkspaceProperties: want an object, got %s", kind(p.Type()))
	}
	var f [3][]byte
	if err := strs(p, propertyKeys[:3], f[:]); err != nil {
		return fmt.Errorf("WorkspaceProperties.%v", err)
	}
	ev.KeywordBytes("aws.workspaces.workspace_properties.running_mode", f[0])
	ev.KeywordBytes("aws.workspaces.workspace_properties.compute_type_name", f[1])
	ev.KeywordBytes("aws.workspaces.workspace_properties.operating_system_name", f[2])
	for _, n := range []struct{ key, path string }{
		{"RunningModeAutoStopTimeoutInMinutes", "aws.workspaces.workspace_properties.running_mode_auto_stop_timeout_in_minutes"},
		{"RootVolumeSizeGib", "aws.workspaces.workspace_properties.root_volume_size_gib"},
		{"UserVolumeSizeGib", "aws.workspaces.workspace_properties.user_volume_size_gib"},
	} {
		m := p.Get(n.key)
		if m == nil || m.Type() == fastjson.TypeNull {
			continue
		}
		x, err := m.Int64()
		if err != nil {
			return fmt.Errorf("WorkspaceProperties.%s: want an integer, got %s", n.key, kind(m.Type()))
		}
		ev.Long(n.path, x)
	}
	if m := p.Get("Protocols"); m != nil && m.Type() != fastjson.TypeNull {
		a, err := m.Array()
		if err != nil {
			return fmt.Errorf("WorkspaceProperties.Protocols: want an array, got %s", kind(m.Type()))
		}
		var ps []string
		for _, e := range a {
			s, err := e.StringBytes()
			if err != nil {
				return fmt.Errorf("WorkspaceProperties.Protocols: want strings, got %s", kind(e.Type()))
			}
			ps = append(ps, string(s))
		}
		ev.Keywords("aws.workspaces.workspace_properties.protocols", ps...)
	}
	obj, _ := p.Object()
	obj.Visit(func(k []byte, m *fastjson.Value) {
		if !known(propertyKeys, k) {
			o.add("WorkspaceProperties."+string(k), m)
		}
	})
	return nil
}

// kind names a JSON type for messages, with its article.
func kind(t fastjson.Type) string {
	switch t {
	case fastjson.TypeObject:
		return "an object"
	case fastjson.TypeArray:
		return "an array"
	case fastjson.TypeTrue, fastjson.TypeFalse:
		return "a boolean"
	case fastjson.TypeNull:
		return "null"
	}
	return "a " + t.String()
}
