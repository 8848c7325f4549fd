package kv

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// show renders pairs so that tables can spell them out: key=value with the
// raw value between its quote bytes, or between ‹› when unquoted, then
// "!" when the value has escapes to decode.
func show(pairs []Pair) []string {
	out := make([]string, 0, len(pairs))
	for _, p := range pairs {
		open, closing := "‹", "›"
		if p.Quote != 0 {
			open, closing = string(p.Quote), string(p.Quote)
		}
		s := fmt.Sprintf("%s=%s%s%s", p.Key, open, p.RawValue, closing)
		if p.Escaped {
			s += "!"
		}
		out = append(out, s)
	}
	return out
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		line string
		opt  Options
		want []string
	}{
		{
			name: "the documented example",
			line: `user=alice src=192.0.2.1 msg="login failed: bad \"password\"" action=deny empty= x='single quoted'`,
			want: []string{"user=‹alice›", "src=‹192.0.2.1›", `msg="login failed: bad \"password\""!`, "action=‹deny›", "empty=‹›", "x='single quoted'"},
		},
		{
			name: "empty line",
			line: "",
			want: []string{},
		},
		{
			name: "blanks only",
			line: " \t  ",
			want: []string{},
		},
		{
			name: "runs of spaces and tabs, leading and trailing",
			line: "  a=1 \t b=2\t\tc=3  ",
			want: []string{"a=‹1›", "b=‹2›", "c=‹3›"},
		},
		{
			name: "duplicate keys are kept in order",
			line: "tag=a tag=b tag=",
			want: []string{"tag=‹a›", "tag=‹b›", "tag=‹›"},
		},
		{
			name: "assign and quotes inside an unquoted value",
			line: `url=/login?next=/home&a=b q=it's x=a"b`,
			want: []string{"url=‹/login?next=/home&a=b›", "q=‹it's›", `x=‹a"b›`},
		},
		{
			name: "unquoted Windows path keeps its backslashes",
			line: `path=C:\Windows\Temp\x.exe user=CORP\alice`,
			want: []string{`path=‹C:\Windows\Temp\x.exe›`, `user=‹CORP\alice›`},
		},
		{
			name: "empty quoted values and quotes of the other kind inside",
			line: `a="" b='' c="it's" d='say "hi"'`,
			want: []string{`a=""`, "b=''", `c="it's"`, `d='say "hi"'`},
		},
		{
			name: "escaped backslash before the closing quote",
			line: `a="C:\\" b=1`,
			want: []string{`a="C:\\"!`, "b=‹1›"},
		},
		{
			name: "IPv6 and MAC values",
			line: "src=2001:db8::1 dst=fe80::1%eth0 mac=00:16:3e:00:00:01",
			want: []string{"src=‹2001:db8::1›", "dst=‹fe80::1%eth0›", "mac=‹00:16:3e:00:00:01›"},
		},
		{
			name: "Linux audit record",
			line: `type=USER_LOGIN msg=audit(1700000000.123:456): pid=1234 uid=0 auid=1000 ses=3 msg='op=login id=1000 exe="/usr/sbin/sshd" hostname=? addr=192.0.2.5 terminal=ssh res=failed'`,
			want: []string{"type=‹USER_LOGIN›", "msg=‹audit(1700000000.123:456):›", "pid=‹1234›", "uid=‹0›", "auid=‹1000›", "ses=‹3›",
				`msg='op=login id=1000 exe="/usr/sbin/sshd" hostname=? addr=192.0.2.5 terminal=ssh res=failed'`},
		},
		{
			name: "FortiGate-style traffic log",
			line: `date=2026-11-27 time=10:00:00 devname="FGT-01" logid="0000000013" type="traffic" subtype="forward" srcip=198.51.100.23 srcport=51514 dstip=203.0.113.10 dstport=443 action="deny" policyid=12`,
			want: []string{"date=‹2026-11-27›", "time=‹10:00:00›", `devname="FGT-01"`, `logid="0000000013"`, `type="traffic"`, `subtype="forward"`,
				"srcip=‹198.51.100.23›", "srcport=‹51514›", "dstip=‹203.0.113.10›", "dstport=‹443›", `action="deny"`, "policyid=‹12›"},
		},
		{
			name: "values to the next key",
			line: "act=blocked msg=Login failed for admin from host a src=192.0.2.1 empty= note=trailing blanks  ",
			opt:  Options{ValuesToNextKey: true},
			want: []string{"act=‹blocked›", "msg=‹Login failed for admin from host a›", "src=‹192.0.2.1›", "empty=‹›", "note=‹trailing blanks›"},
		},
		{
			name: "values to the next key: a leading blank stays, quotes still quote",
			line: `a= x y b="q r" c=d`,
			opt:  Options{ValuesToNextKey: true},
			want: []string{"a=‹ x y›", `b="q r"`, "c=‹d›"},
		},
		{
			name: "values to the next key: an ambiguous word= starts a pair",
			line: "msg=user logged in with role=admin",
			opt:  Options{ValuesToNextKey: true},
			want: []string{"msg=‹user logged in with›", "role=‹admin›"},
		},
		{
			name: "CEF extension: escapes everywhere, values to the next key",
			line: `src=10.0.0.1 act=blocked a \= b msg=Path C:\\Temp\\x\nline two cs1Label=Rule Name cs1=Deny all`,
			opt:  Options{ValuesToNextKey: true, Escapes: EscapesEverywhere, NoQuotes: true},
			want: []string{"src=‹10.0.0.1›", `act=‹blocked a \= b›!`, `msg=‹Path C:\\Temp\\x\nline two›!`, "cs1Label=‹Rule Name›", "cs1=‹Deny all›"},
		},
		{
			name: "escaped separator in an unquoted value",
			line: `a=one\ two b=3`,
			opt:  Options{Escapes: EscapesEverywhere},
			want: []string{`a=‹one\ two›!`, "b=‹3›"},
		},
		{
			name: "no escapes: a backslash does not protect the quote",
			line: `a="C:\" b="x"`,
			opt:  Options{Escapes: EscapesNone},
			want: []string{`a="C:\"`, `b="x"`},
		},
		{
			name: "LEEF 1.0: tab separated, values with spaces",
			line: "cat=Login\tusrName=John Smith\tsrc=192.0.2.5\tsev=5\t",
			opt:  Options{Separator: '\t'},
			want: []string{"cat=‹Login›", "usrName=‹John Smith›", "src=‹192.0.2.5›", "sev=‹5›"},
		},
		{
			name: "pipe separated with an empty pair",
			line: "a=1||b=x y|c=",
			opt:  Options{Separator: '|'},
			want: []string{"a=‹1›", "b=‹x y›", "c=‹›"},
		},
		{
			name: "comma and blanks (useradd)",
			line: "name=svc-backup, UID=995, GID=993, home=/var/lib/backup , shell=/sbin/nologin, from=/dev/pts/0",
			opt:  Options{Separator: ','},
			want: []string{"name=‹svc-backup›", "UID=‹995›", "GID=‹993›", "home=‹/var/lib/backup›", "shell=‹/sbin/nologin›", "from=‹/dev/pts/0›"},
		},
		{
			name: "comma separated, escapes everywhere: an escaped trailing blank is kept",
			line: `a=x\ ,b=y\\  ,c=z `,
			opt:  Options{Separator: ',', Escapes: EscapesEverywhere},
			want: []string{`a=‹x\ ›!`, `b=‹y\\›!`, "c=‹z›"},
		},
		{
			name: "comma separated, quoted value followed by blanks",
			line: `a="x, y" , b='z'`,
			opt:  Options{Separator: ','},
			want: []string{`a="x, y"`, "b='z'"},
		},
		{
			name: "semicolon separated with values to the next key",
			line: "list=a;b;c;k=v;",
			opt:  Options{Separator: ';', ValuesToNextKey: true},
			want: []string{"list=‹a;b;c›", "k=‹v›"},
		},
		{
			name: "colon assign and only double quotes (Check Point style)",
			line: `src:"192.0.2.1" service:"443" product:'VPN'`,
			opt:  Options{Assign: ':', Quotes: `"`},
			want: []string{`src:"192.0.2.1"`, `service:"443"`, `product:‹'VPN'›`},
		},
		{
			name: "no quotes",
			line: `a="x b=y"`,
			opt:  Options{NoQuotes: true},
			want: []string{`a=‹"x›`, `b=‹y"›`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pairs, err := tt.opt.Parse([]byte(tt.line), nil)
			require.NoError(t, err)
			got := show(pairs)
			// show prints the assign byte as "="; print the dialect's.
			if tt.opt.Assign != 0 {
				for i, p := range pairs {
					got[i] = string(p.Key) + string(tt.opt.Assign) + got[i][len(p.Key)+1:]
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		line string
		opt  Options
		want string
		kept int // pairs returned with the error
	}{
		{line: "=x", want: `offset 0: expected a key before "="`},
		{line: "a=1 =x", want: `offset 4: expected a key before "="`, kept: 1},
		{line: "user=alice garbage src=1", want: `offset 18: expected "=" after the key`, kept: 1},
		{line: "garbage", want: `offset 7: expected "=" after the key`},
		{line: "a =1", want: `offset 1: expected "=" after the key`},
		{line: `"a"=1`, want: `offset 0: expected a key`},
		{line: `a=1 "quoted key"=2`, want: `offset 4: expected a key`, kept: 1},
		{line: `msg="login failed`, want: `offset 4: expected a closing '"' for the value quoted here`},
		{line: `a=1 x='single`, want: `offset 6: expected a closing '\'' for the value quoted here`, kept: 1},
		{line: `msg="ends with an escaped quote\"`, want: `offset 4: expected a closing '"' for the value quoted here`},
		{line: `a="x"y b=1`, want: `offset 5: expected a separator or the end of the line after the closing quote`},
		{line: `a="x""y"`, want: `offset 5: expected a separator or the end of the line after the closing quote`},
		{line: `a="x" y`, opt: Options{Separator: ','}, want: `offset 6: expected a separator or the end of the line after the closing quote`},
		{line: "a:1", opt: Options{Assign: ':'}, want: ""},
		{line: "a=1", opt: Options{Assign: ':'}, want: `offset 3: expected ":" after the key`},
		{line: "hello a=b", opt: Options{ValuesToNextKey: true}, want: `offset 5: expected "=" after the key`},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			pairs, err := tt.opt.Parse([]byte(tt.line), nil)
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err, "parsed as %q", show(pairs))
			assert.Equal(t, tt.want, err.Error())
			var ke *Error
			require.True(t, errors.As(err, &ke))
			assert.Len(t, pairs, tt.kept)
		})
	}
}

func TestInvalidOptions(t *testing.T) {
	for _, opt := range []Options{
		{Separator: '='},
		{Assign: ' '},
		{Assign: '\t'},
		{Assign: '\\'},
		{Assign: '"'},
		{Separator: '"'},
		{Separator: '\\'},
		{Quotes: "\" "},
		{Quotes: `\`},
		{Escapes: EscapesEverywhere + 1},
		{Separator: ':', Assign: ':'},
	} {
		_, err := opt.Parse([]byte("a=b"), nil)
		assert.ErrorContains(t, err, "kv: invalid Options", "%+v", opt)
	}
	// A separator that the quotes no longer include is fine.
	_, err := Options{Separator: '"', NoQuotes: true}.Parse([]byte(`a=1"b=2`), nil)
	assert.NoError(t, err)
}

func TestValue(t *testing.T) {
	line := []byte(`a="bad \"password\"" b="tab\tnew\nline\rcr" c="C:\Windows\\" d='it\'s' e="\=\|\,\ \]" f=plain g="trail\\\\"`)
	pairs, err := Parse(line, nil)
	require.NoError(t, err)
	want := map[string]string{
		"a": `bad "password"`,
		"b": "tab\tnew\nline\rcr",
		"c": `C:\Windows\`,
		"d": "it's",
		"e": `=|, ]`,
		"f": "plain",
		"g": `trail\\`,
	}
	scratch := make([]byte, 0, 64)
	for _, p := range pairs {
		assert.Equal(t, want[string(p.Key)], string(p.Value(scratch)), "%s", p.Key)
		assert.Equal(t, "x"+want[string(p.Key)], string(p.AppendValue([]byte("x"))), "%s", p.Key)
	}
	f, ok := First(pairs, "f")
	require.True(t, ok)
	assert.False(t, f.Escaped)
	v := f.Value(scratch)
	assert.Same(t, &f.RawValue[0], &v[0], "a value without escapes is the raw value itself")

	// A trailing backslash of an unquoted value is kept.
	pairs, err = Options{Escapes: EscapesEverywhere}.Parse([]byte(`a=x\ b=y\`), nil)
	require.NoError(t, err)
	assert.Equal(t, []string{`a=‹x\ b=y\›!`}, show(pairs))
	assert.Equal(t, `x b=y\`, string(pairs[0].Value(nil)))
}

func TestFirst(t *testing.T) {
	pairs, err := Parse([]byte("user=alice user=bob src=192.0.2.1"), nil)
	require.NoError(t, err)
	p, ok := First(pairs, "user")
	require.True(t, ok)
	assert.Equal(t, "alice", string(p.RawValue))
	_, ok = First(pairs, "dst")
	assert.False(t, ok)
	_, ok = First(nil, "user")
	assert.False(t, ok)
}

func TestAliasingAndCapacity(t *testing.T) {
	line := []byte(`user=alice msg="x y"`)
	pairs, err := Parse(line, nil)
	require.NoError(t, err)
	assert.Same(t, &line[0], &pairs[0].Key[0])
	assert.Same(t, &line[5], &pairs[0].RawValue[0])
	assert.Same(t, &line[16], &pairs[1].RawValue[0])
	_ = append(pairs[0].Key, 'X')
	_ = append(pairs[0].RawValue, 'X')
	assert.Equal(t, `user=alice msg="x y"`, string(line))
}

func TestParseAllocations(t *testing.T) {
	line := []byte(`user=alice src=192.0.2.1 msg="login failed: bad \"password\"" action=deny empty= x='single quoted'`)
	dst := make([]Pair, 0, 16)
	var buf []byte
	for _, opt := range []Options{{}, {ValuesToNextKey: true}, {Separator: ' ', Escapes: EscapesEverywhere}} {
		allocs := testing.AllocsPerRun(100, func() {
			var err error
			dst, err = opt.Parse(line, dst)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range dst {
				buf = p.AppendValue(buf[:0])
			}
		})
		assert.Zero(t, allocs, "%+v", opt)
	}
}
