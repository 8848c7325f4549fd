package opensearch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// Retry bounds how long the sink keeps trying a bulk request.
//
// Waits grow exponentially with full jitter: before attempt n+1 the sink
// sleeps a random duration in [0, min(Max, Initial*2^(n-1))), so that many
// writers backing off from the same overloaded cluster do not come back in
// step. A Retry-After header from the cluster lengthens the wait to at least
// what it asks (still capped by Max).
type Retry struct {
	// MaxAttempts is the number of sends of a document, first one
	// included; 0 means 8. With the default waits, 8 attempts span about
	// 13 s on average and at most 25 s.
	MaxAttempts int
	// Initial is the cap of the first wait; 0 means 200ms.
	Initial time.Duration
	// Max caps every wait; 0 means 30s.
	Max time.Duration
}

func (r Retry) withDefaults() Retry {
	if r.MaxAttempts <= 0 {
		r.MaxAttempts = 8
	}
	if r.Initial <= 0 {
		r.Initial = 200 * time.Millisecond
	}
	if r.Max <= 0 {
		r.Max = 30 * time.Second
	}
	if r.Initial > r.Max {
		r.Initial = r.Max
	}
	return r
}

// backoff returns the wait before the attempt following attempt n
// (1-based), at least retryAfter, at most r.Max.
func (r Retry) backoff(n int, retryAfter time.Duration) time.Duration {
	ceiling := r.Initial
	for i := 1; i < n && ceiling < r.Max; i++ {
		ceiling *= 2
	}
	ceiling = min(ceiling, r.Max)
	d := rand.N(ceiling) // full jitter
	return min(max(d, retryAfter), r.Max)
}

// sleep waits d or until ctx is done, reporting false in the second case.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// retryableStatus reports whether a whole bulk request answered with
// status may succeed if sent again: the cluster was overloaded (429) or a
// gateway or node was briefly unavailable (502, 503, 504).
func retryableStatus(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableItem reports whether one bulk item that failed with status and
// error type may succeed if sent again.
func retryableItem(status int, errType string) bool {
	return status == http.StatusTooManyRequests || status >= 500 || errType == "es_rejected_execution_exception"
}

// retryableError reports whether a transport error may go away: refused,
// reset or dropped connections, timeouts of one attempt. Certificate
// problems and a cancelled context do not.
func retryableError(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var (
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalid          x509.CertificateInvalidError
		verify           *tls.CertificateVerificationError
		header           tls.RecordHeaderError
	)
	switch {
	case errors.As(err, &unknownAuthority), errors.As(err, &hostname), errors.As(err, &invalid),
		errors.As(err, &verify), errors.As(err, &header):
		return false
	}
	return true
}

// retryAfter reads a Retry-After header given in seconds.
func retryAfter(h http.Header) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	s, err := strconv.Atoi(v)
	if err != nil || s < 0 {
		return 0
	}
	return time.Duration(s) * time.Second
}
