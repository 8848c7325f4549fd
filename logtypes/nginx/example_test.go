package nginx_test

import (
	"fmt"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/nginx"
)

// A container log type that meets an NGINX access line inside a record
// hands it to NormalizeAccessLine; a line of another format is refused
// without an error.
func ExampleNormalizeAccessLine() {
	line := []byte(`10.0.1.23 - - [27/Nov/2026:10:00:02 +0900] "GET /api/v1/products?page=2 HTTP/1.1" 200 18234 "-" "curl/8.5.0" "198.51.100.77"`)
	var ev ecs.Event
	ok, err := nginx.NormalizeAccessLine(line, &ev)
	fmt.Println(ok, err)
	fmt.Println(string(ev.AppendJSON(nil)))

	ev.Reset()
	ok, err = nginx.NormalizeAccessLine([]byte(`{"msg":"listening"}`), &ev)
	fmt.Println(ok, err)
	// Output:
	// true <nil>
	// {"@timestamp":"2026-11-27T01:00:02Z","event":{"category":["web"],"kind":"event","outcome":"success","type":["access"]},"http":{"request":{"method":"GET"},"response":{"body":{"bytes":18234},"status_code":200},"version":"1.1"},"nginx":{"access":{"remote_ip_list":["10.0.1.23"],"x_forwarded_for":"198.51.100.77"}},"related":{"ip":["10.0.1.23","198.51.100.77"]},"source":{"address":"10.0.1.23","ip":"10.0.1.23"},"url":{"original":"/api/v1/products?page=2","path":"/api/v1/products","query":"page=2"},"user_agent":{"original":"curl/8.5.0"}}
	// false <nil>
}
