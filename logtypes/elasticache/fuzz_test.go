package elasticache_test

import (
	"testing"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/elasticache"
)

// FuzzNormalize checks that any record gives an error or a valid document.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"c,0001,1605631822,30,GET k,10.0.0.1:6000,app", "c/0001:M 29 Oct 2020 20:12:20.499 UTC * msg", `{"CacheClusterId":"c","CacheNodeId":"1","Id":2,"Timestamp":1605631822,"Duration (us)":3,"Command":"GET","ClientAddress":"[::1]:5","ClientName":"n","X":{"":1}}`, `{"CacheClusterId":"c","LogLevel":"NOTICE","Role":"M","Time":"12 Nov 2020 01:28:57.994 UTC","Message":"m"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev ecs.Event
		if err := elasticache.Normalize(data, &ev); err != nil {
			return
		}
		if err := ecs.Validate(ev.AppendJSON(nil), "aws.elasticache"); err != nil {
			t.Fatalf("%q: %v", data, err)
		}
	})
}
