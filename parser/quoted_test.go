package parser

import (
	"slices"
	"testing"
)

func TestSplitQuoted(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []string
		err  string
	}{
		{name: "empty", line: "", want: nil},
		{name: "one field", line: "http", want: []string{"http"}},
		{name: "plain fields", line: "a b c", want: []string{"a", "b", "c"}},
		{name: "quoted field", line: `a "GET http://x/ HTTP/1.1" b`, want: []string{"a", "GET http://x/ HTTP/1.1", "b"}},
		{name: "quoted last", line: `a "curl/7.46.0"`, want: []string{"a", "curl/7.46.0"}},
		{name: "quoted only", line: `"x y"`, want: []string{"x y"}},
		{name: "empty quoted", line: `"" "-" a`, want: []string{"", "-", "a"}},
		{name: "escaped quote kept", line: `"say \"hi\"" z`, want: []string{`say \"hi\"`, "z"}},
		{name: "escaped backslash before closing quote", line: `"dir\\" z`, want: []string{`dir\\`, "z"}},
		{name: "double space is an empty field", line: "a  b", want: []string{"a", "", "b"}},
		{name: "trailing space is an empty last field", line: "a ", want: []string{"a", ""}},
		{name: "quote inside a plain field is data", line: `a"b c`, want: []string{`a"b`, "c"}},
		{
			name: "ALB line",
			line: `https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234abcd5678ef90`,
			want: []string{"https", "2018-07-02T22:23:00.186641Z", "app/my-loadbalancer/50dc6c495c0c9188", "192.168.131.39:2817", "10.0.0.1:80",
				"0.086", "0.048", "0.037", "200", "200", "0", "57", "GET https://www.example.com:443/ HTTP/1.1", "curl/7.46.0",
				"ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.2", "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067",
				"Root=1-58337281-1d84f3d73c47ec4e58577259", "www.example.com", "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012",
				"1", "2018-07-02T22:22:48.364000Z", "authenticate,forward", "-", "-", "10.0.0.1:80", "200", "-", "-", "TID_1234abcd5678ef90"},
		},
		{name: "unterminated quote", line: `a b "GET / HTTP/1.1`, want: []string{"a", "b"}, err: "column 3: quoted field has no closing quote"},
		{name: "unterminated after escaped quote", line: `"abc\"`, err: "column 1: quoted field has no closing quote"},
		{name: "backslash at the end", line: `"abc\`, err: "column 1: quoted field has no closing quote"},
		{name: "text after closing quote", line: `a "b"c d`, want: []string{"a", "b"}, err: `column 2: 'c' right after the closing quote, where a space must be`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields, err := SplitQuoted([]byte(tt.line), nil)
			var got []string
			for _, f := range fields {
				got = append(got, string(f))
				if cap(f) != len(f) {
					t.Errorf("field %q has spare capacity", f)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("fields = %q, want %q", got, tt.want)
			}
			if msg := errString(err); msg != tt.err {
				t.Errorf("error = %q, want %q", msg, tt.err)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestSplitQuotedDoesNotAllocate(t *testing.T) {
	line := []byte(`http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234`)
	dst := make([][]byte, 0, 40)
	var err error
	allocs := testing.AllocsPerRun(1000, func() { dst, err = SplitQuoted(line, dst) })
	if allocs != 0 || err != nil || len(dst) != 30 {
		t.Errorf("%v allocations, %d fields, error %v", allocs, len(dst), err)
	}
}
