package awstest

import (
	"errors"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// DropProxy is a reverse proxy on 127.0.0.1 in front of an S3 server that
// cuts chosen GET response bodies mid-stream by closing the connection,
// which is what a reset connection during a large GetObject looks like to
// a client: the headers and a first part of the body arrive, then an
// unexpected EOF.
//
// Requests pass unchanged, Host header included, so SigV4 signatures
// made for the proxy's address still verify at the server.
type DropProxy struct {
	url   string
	srv   *http.Server
	proxy *httputil.ReverseProxy
	drops atomic.Int64

	mu         sync.Mutex
	pending    int   // responses still to cut
	afterBytes int64 // body bytes to let through before cutting
}

// errCut ends the proxy's copy of a body it has cut.
var errCut = errors.New("drop proxy: response cut on purpose")

// NewDropProxy starts a proxy in front of target (e.g. S3URL(t)). It
// passes everything until DropNext is called. Close it when done.
func NewDropProxy(target string) (*DropProxy, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	if u.Scheme == "" || u.Host == "" {
		return nil, errors.New("drop proxy: target " + strconv.Quote(target) + " is not an absolute URL such as http://127.0.0.1:7070")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &DropProxy{url: "http://" + ln.Addr().String()}
	p.proxy = &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(u)
			// The client signed the Host it connected to: keep it.
			r.Out.Host = r.In.Host
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			http.Error(w, "drop proxy: "+err.Error(), http.StatusBadGateway)
		},
	}
	p.srv = &http.Server{Handler: http.HandlerFunc(p.serve), ReadHeaderTimeout: 10 * time.Second}
	go p.srv.Serve(ln)
	return p, nil
}

// URL is the proxy's address, to use as the S3 endpoint in place of the
// server's.
func (p *DropProxy) URL() string { return p.url }

// DropNext makes the proxy cut the next n GET responses that have a
// successful status and a body longer than afterBytes: each delivers the
// headers and afterBytes bytes of body, then the connection closes. A
// response no longer than afterBytes (a small ranged GET, say) passes
// whole and does not count against n. A later call replaces an earlier
// one.
func (p *DropProxy) DropNext(n int, afterBytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pending, p.afterBytes = max(n, 0), max(afterBytes, 0)
}

// Drops returns how many responses the proxy has cut.
func (p *DropProxy) Drops() int64 { return p.drops.Load() }

// Close stops the proxy and closes every connection.
func (p *DropProxy) Close() error { return p.srv.Close() }

func (p *DropProxy) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		p.proxy.ServeHTTP(w, r)
		return
	}
	p.proxy.ServeHTTP(&cuttingWriter{ResponseWriter: w, proxy: p}, r)
}

// claim decides, once the status and headers are known, whether this
// response is one to cut, and if so after how many bytes.
func (p *DropProxy) claim(status int, header http.Header) (bool, int64) {
	if status != http.StatusOK && status != http.StatusPartialContent {
		return false, 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pending == 0 {
		return false, 0
	}
	// Without a Content-Length the length is unknown: claim it anyway.
	if n, err := strconv.ParseInt(header.Get("Content-Length"), 10, 64); err == nil && n <= p.afterBytes {
		return false, 0
	}
	p.pending--
	return true, p.afterBytes
}

// cuttingWriter passes a response through, or, when its response was
// claimed, the first `room` bytes of body and then closes the connection.
type cuttingWriter struct {
	http.ResponseWriter
	proxy   *DropProxy
	decided bool
	cut     bool
	room    int64
}

func (c *cuttingWriter) WriteHeader(status int) {
	if !c.decided && status >= 200 {
		c.decided = true
		c.cut, c.room = c.proxy.claim(status, c.Header())
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *cuttingWriter) Write(b []byte) (int, error) {
	if !c.decided {
		c.WriteHeader(http.StatusOK)
	}
	if !c.cut || int64(len(b)) <= c.room {
		n, err := c.ResponseWriter.Write(b)
		c.room -= int64(n)
		return n, err
	}
	n, _ := c.ResponseWriter.Write(b[:c.room])
	c.room = 0
	c.hangUp()
	return n, errCut
}

// hangUp sends what was written so far and closes the connection. The
// reverse proxy then sees errCut and aborts the handler, which the server
// recovers from silently.
func (c *cuttingWriter) hangUp() {
	// Counted before the close: a client that sees the cut may ask
	// Drops at once.
	c.cut = false
	c.proxy.drops.Add(1)
	rc := http.NewResponseController(c.ResponseWriter)
	rc.Flush()
	if conn, _, err := rc.Hijack(); err == nil {
		conn.Close()
	}
}

// Flush lets the reverse proxy stream bodies through this writer.
func (c *cuttingWriter) Flush() {
	http.NewResponseController(c.ResponseWriter).Flush()
}

// Unwrap gives http.ResponseController the underlying writer.
func (c *cuttingWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }
