package ecs_test

import (
	"testing"

	"github.com/siem-go/siem/ecs"
)

func TestMAC(t *testing.T) {
	for in, want := range map[string]string{
		"0a:1b:2c:3d:4e:5f":       "0A-1B-2C-3D-4E-5F",
		"0A-1B-2C-3D-4E-5F":       "0A-1B-2C-3D-4E-5F",
		"0a1b.2c3d.4e5f":          "0A-1B-2C-3D-4E-5F",
		"0a1b2c3d4e5f":            "0A-1B-2C-3D-4E-5F",
		"00:11:22:33:44:55:66:77": "00-11-22-33-44-55-66-77",
		"0a:\xd9b:2c:3d:4e:60":    "",
		"0a:1b:2c:3d:4e":          "",
		"0a:1b:2c:3d:4e:5f:6":     "",
		"0a:1b:2c:3d:4e:5g":       "",
		"":                        "",
	} {
		got, ok := ecs.MAC(in)
		if ok != (want != "") || got != want {
			t.Errorf("MAC(%q) = %q, %v; want %q", in, got, ok, want)
		}
		if ok {
			if err := ecs.Validate([]byte(`{"@timestamp":"2026-12-07T00:00:00Z","source":{"mac":"` + got + `"}}`)); err != nil {
				t.Errorf("MAC(%q) = %q, which ECS refuses: %v", in, got, err)
			}
		}
		if b, bok := ecs.MAC([]byte(in)); b != got || bok != ok {
			t.Errorf("MAC([]byte(%q)) = %q, %v; the string form gave %q, %v", in, b, bok, got, ok)
		}
	}
}

// FuzzMAC: whatever MAC accepts, ECS accepts.
func FuzzMAC(f *testing.F) {
	for _, s := range []string{"0a:1b:2c:3d:4e:5f", "0a1b.2c3d.4e5f", "00:11:22:33:44:55:66:77", "0a:\xd9b:2c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := ecs.MAC(s)
		if !ok {
			return
		}
		if err := ecs.Validate([]byte(`{"@timestamp":"2026-12-07T00:00:00Z","source":{"mac":"` + m + `"}}`)); err != nil {
			t.Fatalf("MAC(%q) = %q, which ECS refuses: %v", s, m, err)
		}
	})
}
