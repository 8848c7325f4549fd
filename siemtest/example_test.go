package siemtest_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/siemtest"
)

// Agreement compares documents with another normalizer's expected output,
// field by field.
func ExampleAgreement() {
	docs := []siem.Document{{Source: siem.Position{Record: 1}, Body: []byte(`{"source":{"ip":"192.0.2.1","port":443},"event":{"outcome":"success"}}`)}}
	expected := []map[string]any{{"source": map[string]any{"ip": "192.0.2.1"}, "event": map[string]any{"outcome": "failure"}}}
	r := siemtest.Agreement(docs, expected, []string{"source.ip", "event.outcome"})
	fmt.Printf("%d of %d agree\n", r.Agreed, r.Compared)
	fmt.Println(r.Mismatches[0])
	// Output:
	// 1 of 2 agree
	// record 1 event.outcome: expected "failure", got "success"
}
