package deepsecurity_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPublicAPIOnly checks that no file of the package, tests included,
// imports an internal package of the module: the type is the worked
// example of one written in another module, where Go refuses such imports.
func TestPublicAPIOnly(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
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
