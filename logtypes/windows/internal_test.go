package windows

import (
	"slices"
	"testing"
)

func TestMemberDN(t *testing.T) {
	for _, c := range []struct{ dn, name, domain string }{
		{"CN=Eve Mallory,OU=Users,OU=corp,DC=corp,DC=example,DC=com", "Eve Mallory", "corp.example.com"},
		{`CN=Doe\, Jane,OU=Users,DC=corp,DC=example`, `Doe\, Jane`, "corp.example"},
		{"CN=svc", "svc", ""},
		{"", "", ""},
		{"not a dn", "", ""},
	} {
		name, domain := memberDN(c.dn)
		if name != c.name || domain != c.domain {
			t.Errorf("memberDN(%q) = %q, %q; want %q, %q", c.dn, name, domain, c.name, c.domain)
		}
	}
}

func TestSplitArgs(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{`"C:\Windows\system32\wevtutil.exe" cl Security`, []string{`"C:\Windows\system32\wevtutil.exe"`, "cl", "Security"}},
		{`cmd.exe  /c "dir C:\Program Files"`, []string{"cmd.exe", "/c", `"dir C:\Program Files"`}},
		{"  ", nil},
		{`a"b c"d e`, []string{`a"b c"d`, "e"}},
		{`"unterminated arg`, []string{`"unterminated arg`}},
	} {
		if got := splitArgs(c.in); !slices.Equal(got, c.want) {
			t.Errorf("splitArgs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFieldName(t *testing.T) {
	for in, want := range map[string]string{
		"TargetUserName": "TargetUserName",
		"a.b":            "a_b",
		"é x":            "___x",
		"param-1":        "param-1",
	} {
		if got := fieldName(in); got != want {
			t.Errorf("fieldName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestInstanceID(t *testing.T) {
	for stream, want := range map[string]string{
		"i-0a1b2c3d4e5f60718":              "i-0a1b2c3d4e5f60718",
		"Security_i-0a1b2c3d":              "i-0a1b2c3d",
		"i-0a1b2c3d4e5f60718/Security":     "i-0a1b2c3d4e5f60718",
		"WIN-DC1A2B3C4D":                   "",
		"xi-0a1b2c3d4e5f60718":             "",
		"i-0a1b2c3d4e5f607189":             "",
		"EC2AMAZ i-0123abcd (windows)":     "i-0123abcd",
		"d-9067a1b2c3_i-0fedcba9876543210": "i-0fedcba9876543210",
	} {
		got := ""
		if m := instanceID.FindStringSubmatch(stream); m != nil {
			got = m[1]
		}
		if got != want {
			t.Errorf("instance id of %q = %q, want %q", stream, got, want)
		}
	}
}
