package all_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPublicAPIOnly checks that okta and deepsecurity, the worked
// examples of types written in another module, import no internal package
// of this one in any file, tests included: Go would refuse such an import
// outside this module, so the examples must show they need none.
func TestPublicAPIOnly(t *testing.T) {
	for _, pkg := range []string{"okta", "deepsecurity"} {
		files, err := filepath.Glob(filepath.Join("..", pkg, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files: %v", pkg, err)
		}
		for _, name := range files {
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if strings.HasPrefix(path, "github.com/siem-go/siem/") && strings.Contains(path+"/", "/internal/") {
					t.Errorf("%s imports %s: use only the public packages", name, path)
				}
			}
		}
	}
}
