package siemtest_test

import (
	"fmt"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/siemtest"
)

// Compare checks documents against another normalizer's output field by
// field; a declared Difference is reported with its reason, anything else
// that disagrees is a mismatch.
func ExampleCompare() {
	docs := []siem.Document{{Source: siem.Position{Record: 1}, Body: []byte(`{"source":{"ip":"192.0.2.1","port":443},"event":{"outcome":"success"},"http":{"version":"1.1"}}`)}}
	expected, _ := siemtest.ParseExpected([]byte(`{"expected":[{"source.ip":"192.0.2.1","event":{"outcome":"failure"},"http":{"version":"2"}}]}`))
	r := siemtest.Compare(docs, expected, []string{"source.ip", "event.outcome", "http.version"},
		[]siemtest.Difference{{Field: "event.outcome", Reason: "we take the outcome from the status code"}})
	fmt.Println(r.Allowed[0].Field, "differs on purpose:", r.Allowed[0].Reason)
	fmt.Println(r.Err())
	// Output:
	// event.outcome differs on purpose: we take the outcome from the status code
	// 1 field values disagree (declare a siemtest.Difference with its reason only for a deliberate one):
	//   record 1 http.version: expected "2", got "1.1"
}
