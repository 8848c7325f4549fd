package rdspostgresql

import (
	"strings"
	"testing"

	"github.com/siem-go/siem/siemtest"
)

func TestRedacted(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`CREATE ROLE app LOGIN PASSWORD 'secret';`, `CREATE ROLE app LOGIN PASSWORD '[REDACTED]';`},
		{`alter user app with encrypted password 'a''b\'c' valid until 'infinity'`, `alter user app with encrypted password '[REDACTED]' valid until 'infinity'`},
		{`ALTER ROLE x Password E'p\'w' ; ALTER ROLE y PASSWORD $pw$x'y$pw$`, `ALTER ROLE x Password E'[REDACTED]' ; ALTER ROLE y PASSWORD $pw$[REDACTED]$pw$`},
		{"CREATE USER u PASSWORD\n  = 'multi\nline", "CREATE USER u PASSWORD\n  = '[REDACTED]"},
		{`CREATE USER u PASSWORD $$dollar$$`, `CREATE USER u PASSWORD $$[REDACTED]$$`},
	} {
		got, ok := redacted([]byte(tc.in))
		if !ok || string(got) != tc.want {
			t.Errorf("redacted(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	for _, in := range []string{
		`ALTER ROLE app PASSWORD NULL`,
		`SET password_encryption = 'scram-sha-256'`,
		`SELECT oldpassword FROM t WHERE x = 'password'`,
		`password authentication failed for user "app"`,
		`duration: 0.012 ms`,
	} {
		if got, ok := redacted([]byte(in)); ok || string(got) != in {
			t.Errorf("redacted(%q) = %q, %v; want it unchanged", in, got, ok)
		}
	}
}

// Through the pipeline: the password is in no field and not in
// event.original, and the rest of the record is.
func TestPasswordsNotIndexed(t *testing.T) {
	line := "2026-11-27 10:05:01 UTC:10.0.1.5(41234):admin@orders:[4242]:LOG:  statement: ALTER ROLE app WITH PASSWORD 'Hunter2-s3cret';\n"
	res := siemtest.Run(t, New(), "rds/postgresql/orders-db/error/postgresql.log.2026-11-27-10", []byte(line))
	if len(res.Docs) != 1 {
		t.Fatalf("counts %v, dead letters %v", res.Counts, res.DeadLetters)
	}
	body := string(res.Docs[0].Body)
	if strings.Contains(body, "Hunter2") {
		t.Errorf("the password is in the document: %s", body)
	}
	if !strings.Contains(body, `ALTER ROLE app WITH PASSWORD '[REDACTED]'`) {
		t.Errorf("the statement is not kept, redacted: %s", body)
	}
}

func FuzzRedacted(f *testing.F) {
	for _, s := range []string{"PASSWORD 'x'", "password $a$", "Password E'", "ASSWORD", "pASSWORD 'x''"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, ok := redacted(data)
		if !ok && string(out) != string(data) {
			t.Fatalf("nothing redacted but %q became %q", data, out)
		}
		if ok && !strings.Contains(string(out), redactedMark) {
			t.Fatalf("%q redacted without the mark: %q", data, out)
		}
	})
}
