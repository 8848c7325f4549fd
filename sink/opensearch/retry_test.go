package opensearch

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestBackoffIsFullJitterWithinBounds(t *testing.T) {
	r := Retry{MaxAttempts: 10, Initial: 100 * time.Millisecond, Max: 3 * time.Second}
	for n := 1; n <= 10; n++ {
		ceiling := min(100*time.Millisecond<<(n-1), 3*time.Second)
		low := 0
		for range 200 {
			d := r.backoff(n, 0)
			if d < 0 || d >= ceiling {
				t.Fatalf("attempt %d: wait %v outside [0, %v)", n, d, ceiling)
			}
			if d < ceiling/2 {
				low++
			}
		}
		// Full jitter spreads waits over the whole range, not just its top.
		assert.Greater(t, low, 50, "attempt %d: %d of 200 waits in the lower half", n, low)
	}
}

func TestBackoffHonoursRetryAfterUpToMax(t *testing.T) {
	r := Retry{Initial: time.Millisecond, Max: 30 * time.Second}
	for range 50 {
		assert.GreaterOrEqual(t, r.backoff(1, 2*time.Second), 2*time.Second)
	}
	r.Max = 500 * time.Millisecond
	assert.Equal(t, 500*time.Millisecond, r.backoff(1, 10*time.Second))
}

func TestRetryDefaults(t *testing.T) {
	assert.Equal(t, Retry{MaxAttempts: 8, Initial: 200 * time.Millisecond, Max: 30 * time.Second}, Retry{}.withDefaults())
	assert.Equal(t, Retry{MaxAttempts: 3, Initial: time.Second, Max: time.Second}, Retry{MaxAttempts: 3, Initial: 5 * time.Second, Max: time.Second}.withDefaults())
}

func TestRetryAfterHeader(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want time.Duration
	}{
		{"", 0}, {"3", 3 * time.Second}, {"-1", 0}, {"Wed, 21 Oct 2026 07:28:00 GMT", 0},
	} {
		h := http.Header{}
		if tc.v != "" {
			h.Set("Retry-After", tc.v)
		}
		assert.Equal(t, tc.want, retryAfter(h), tc.v)
	}
}

func TestClassification(t *testing.T) {
	for status, want := range map[int]bool{429: true, 502: true, 503: true, 504: true, 500: false, 400: false, 401: false, 403: false, 404: false, 413: false} {
		assert.Equal(t, want, retryableStatus(status), "request status %d", status)
	}
	for _, tc := range []struct {
		status int
		typ    string
		want   bool
	}{
		{429, "es_rejected_execution_exception", true},
		{503, "unavailable_shards_exception", true},
		{500, "", true},
		{400, "es_rejected_execution_exception", true},
		{400, "mapper_parsing_exception", false},
		{400, "illegal_argument_exception", false},
		{409, "version_conflict_engine_exception", false},
		{404, "index_not_found_exception", false},
		{403, "cluster_block_exception", false},
	} {
		assert.Equal(t, tc.want, retryableItem(tc.status, tc.typ), "item %d %s", tc.status, tc.typ)
	}

	ctx := context.Background()
	assert.True(t, retryableError(ctx, &net.OpError{Op: "dial", Err: errors.New("connection refused")}))
	assert.True(t, retryableError(ctx, io.ErrUnexpectedEOF))
	assert.True(t, retryableError(ctx, fmt.Errorf("attempt: %w", context.DeadlineExceeded)), "a timed-out attempt is retried while the caller's context lives")
	assert.False(t, retryableError(ctx, fmt.Errorf("wrapped: %w", x509.UnknownAuthorityError{})))
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	assert.False(t, retryableError(cancelled, io.ErrUnexpectedEOF))
}
