package awstest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/siem-go/siem/internal/awstest"
)

// A DropProxy in front of a server cuts the next long GET response after
// a few bytes; the client sees the start of the body, then an error.
func ExampleDropProxy() {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, strings.Repeat("log line\n", 100))
	}))
	defer server.Close()

	proxy, err := awstest.NewDropProxy(server.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer proxy.Close()
	proxy.DropNext(1, 12)

	for range 2 {
		res, err := http.Get(proxy.URL() + "/bucket/key")
		if err != nil {
			fmt.Println(err)
			return
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		fmt.Printf("%d bytes, error: %v\n", len(body), err)
	}
	fmt.Println("drops:", proxy.Drops())
	// Output:
	// 12 bytes, error: unexpected EOF
	// 900 bytes, error: <nil>
	// drops: 1
}
