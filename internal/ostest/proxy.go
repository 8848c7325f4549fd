package ostest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Fault is what the proxy does with one request.
type Fault int

const (
	// Pass forwards the request and its answer.
	Pass Fault = iota
	// TooManyRequests answers 429 without forwarding.
	TooManyRequests
	// Unavailable answers 503 without forwarding.
	Unavailable
	// DropBefore reads part of the request, then closes the connection
	// without forwarding: the node never sees the request.
	DropBefore
	// DropAfter forwards the request, waits for the node's answer, then
	// closes the connection instead of answering: the node did the work
	// but the client cannot know.
	DropAfter
)

func (f Fault) String() string {
	return [...]string{"pass", "429", "503", "drop-before", "drop-after"}[f]
}

// Plan says which faults the proxy injects. Requests are numbered from 1
// in arrival order, counting only those Match selects; the rules are
// checked in the order of the fields.
type Plan struct {
	// Match selects the requests that faults apply to; nil selects POST
	// requests to a _bulk endpoint. Others are always forwarded.
	Match func(*http.Request) bool
	// First429 answers the first N requests 429.
	First429 int
	// EveryDropBefore drops every Nth request before forwarding it.
	EveryDropBefore int
	// EveryDropAfter drops the connection of every Nth request after the
	// node answered it.
	EveryDropAfter int
	// Every503 answers every Nth request 503.
	Every503 int
	// ThrottleEveryItem answers every Nth document of forwarded bulk
	// requests (counted across requests) with an item-level 429
	// es_rejected_execution_exception: the document never reaches the
	// node and the rest of its request does.
	ThrottleEveryItem int
	// Delay holds every selected request this long before anything else.
	Delay time.Duration
	// OutageAfter starts an outage of OutageFor once request number
	// OutageAfter has been forwarded (its answer is lost to the outage).
	OutageAfter int64
	OutageFor   time.Duration
	// Decide, when set, replaces the counting rules above (not Delay,
	// ThrottleEveryItem or the outage) with its answer for request n.
	Decide func(n int64, r *http.Request) Fault
	// Lifetime bounds how long the proxy runs before closing itself, so
	// that a test that forgets Close leaks nothing for long; 0 means 10
	// minutes.
	Lifetime time.Duration
}

// FaultProxy is a reverse proxy on 127.0.0.1 that injects faults into the
// traffic to an OpenSearch node.
type FaultProxy struct {
	plan   Plan
	target *url.URL
	proxy  *httputil.ReverseProxy
	srv    *http.Server
	addr   string

	requests  atomic.Int64 // selected requests seen
	forwarded atomic.Int64 // requests forwarded (selected or not)
	faults    [5]atomic.Int64
	items     atomic.Int64 // documents seen in forwarded bulk requests
	throttled atomic.Int64 // documents answered 429 by ThrottleEveryItem

	mu       sync.Mutex
	ln       net.Listener
	conns    map[net.Conn]struct{}
	down     bool
	closed   bool
	outages  int
	stop     *time.Timer
	serveErr chan error
}

// NewFaultProxy starts a proxy in front of target (e.g. URL(t)) that
// follows plan. Close it when done; it closes itself after Plan.Lifetime.
func NewFaultProxy(target string, plan Plan) (*FaultProxy, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	if plan.Match == nil {
		plan.Match = func(r *http.Request) bool {
			return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/_bulk")
		}
	}
	if plan.Lifetime <= 0 {
		plan.Lifetime = 10 * time.Minute
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &FaultProxy{
		plan:     plan,
		target:   u,
		proxy:    httputil.NewSingleHostReverseProxy(u),
		addr:     ln.Addr().String(),
		ln:       ln,
		conns:    map[net.Conn]struct{}{},
		serveErr: make(chan error, 1),
	}
	p.proxy.ErrorLog = nil
	p.proxy.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprintf(w, `{"error":{"type":"fault_proxy_exception","reason":%q},"status":502}`, err.Error())
	}
	p.srv = &http.Server{
		Handler:           http.HandlerFunc(p.serve),
		ReadHeaderTimeout: 10 * time.Second,
		ConnState:         p.track,
		ErrorLog:          nil,
	}
	go p.srv.Serve(ln)
	p.stop = time.AfterFunc(plan.Lifetime, func() { p.Close() })
	return p, nil
}

// URL is the proxy's address, to use in place of the node's.
func (p *FaultProxy) URL() string { return "http://" + p.addr }

// Requests returns how many selected requests arrived (faulted or not).
func (p *FaultProxy) Requests() int64 { return p.requests.Load() }

// Forwarded returns how many requests reached the node.
func (p *FaultProxy) Forwarded() int64 { return p.forwarded.Load() }

// Faults returns how many requests got fault f.
func (p *FaultProxy) Faults(f Fault) int64 { return p.faults[f].Load() }

// Throttled returns how many documents ThrottleEveryItem answered 429.
func (p *FaultProxy) Throttled() int64 { return p.throttled.Load() }

// Outages returns how many outages started.
func (p *FaultProxy) Outages() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.outages
}

func (p *FaultProxy) String() string {
	return fmt.Sprintf("fault proxy: %d requests, %d forwarded, %d×429, %d×503, %d dropped before, %d dropped after, %d documents throttled, %d outages",
		p.Requests(), p.Forwarded(), p.Faults(TooManyRequests), p.Faults(Unavailable), p.Faults(DropBefore), p.Faults(DropAfter), p.Throttled(), p.Outages())
}

// Close stops the proxy and closes every connection.
func (p *FaultProxy) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	p.stop.Stop()
	p.mu.Unlock()
	return p.srv.Close()
}

func (p *FaultProxy) track(c net.Conn, state http.ConnState) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch state {
	case http.StateNew:
		if p.down {
			c.Close()
			return
		}
		p.conns[c] = struct{}{}
	case http.StateClosed, http.StateHijacked:
		delete(p.conns, c)
	}
}

// Outage makes the proxy look like a stopped node for d: open
// connections are closed and new ones refused (the listener is closed),
// then it listens again on the same address. It returns at once.
func (p *FaultProxy) Outage(d time.Duration) {
	p.mu.Lock()
	if p.down || p.closed {
		p.mu.Unlock()
		return
	}
	p.down = true
	p.outages++
	p.ln.Close()
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
	p.mu.Unlock()
	time.AfterFunc(d, p.relisten)
}

func (p *FaultProxy) relisten() {
	deadline := time.Now().Add(10 * time.Second)
	for {
		ln, err := net.Listen("tcp", p.addr)
		if err == nil {
			p.mu.Lock()
			if p.closed {
				p.mu.Unlock()
				ln.Close()
				return
			}
			p.ln, p.down = ln, false
			p.mu.Unlock()
			go p.srv.Serve(ln)
			return
		}
		if time.Now().After(deadline) {
			p.Close() // the port was taken: better a closed proxy than a hang
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (p *FaultProxy) serve(w http.ResponseWriter, r *http.Request) {
	if !p.plan.Match(r) {
		p.forwarded.Add(1)
		p.proxy.ServeHTTP(w, r)
		return
	}
	n := p.requests.Add(1)
	if p.plan.Delay > 0 {
		select {
		case <-time.After(p.plan.Delay):
		case <-r.Context().Done():
			return
		}
	}
	f := p.decide(n, r)
	p.faults[f].Add(1)
	switch f {
	case TooManyRequests, Unavailable:
		io.Copy(io.Discard, io.LimitReader(r.Body, 256<<20))
		status, typ := http.StatusTooManyRequests, "es_rejected_execution_exception"
		if f == Unavailable {
			status, typ = http.StatusServiceUnavailable, "fault_proxy_unavailable_exception"
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":{"type":%q,"reason":"injected by the fault proxy (request %d)"},"status":%d}`, typ, n, status)
		return
	case DropBefore:
		io.CopyN(io.Discard, r.Body, 512)
		hangUp(w)
		return
	}

	rec := w
	var recorder *httptest.ResponseRecorder
	if f == DropAfter || (p.plan.OutageAfter > 0 && n == p.plan.OutageAfter) {
		recorder = httptest.NewRecorder()
		rec = recorder
	}
	p.forwarded.Add(1)
	if p.plan.ThrottleEveryItem > 0 {
		p.forwardThrottled(rec, r)
	} else {
		p.proxy.ServeHTTP(rec, r)
	}
	if p.plan.OutageAfter > 0 && n == p.plan.OutageAfter {
		p.Outage(p.plan.OutageFor)
		hangUp(w)
		return
	}
	if f == DropAfter {
		hangUp(w)
	}
}

func (p *FaultProxy) decide(n int64, r *http.Request) Fault {
	pl := p.plan
	if pl.Decide != nil {
		return pl.Decide(n, r)
	}
	every := func(k int) bool { return k > 0 && n%int64(k) == 0 }
	switch {
	case n <= int64(pl.First429):
		return TooManyRequests
	case every(pl.EveryDropBefore):
		return DropBefore
	case every(pl.EveryDropAfter):
		return DropAfter
	case every(pl.Every503):
		return Unavailable
	}
	return Pass
}

// hangUp closes the client connection without an answer.
func hangUp(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("fault proxy: response writer cannot be hijacked")
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		conn.Close()
	}
}

// forwardThrottled forwards a bulk request without every Nth document,
// and answers those documents itself with item-level 429s, merged into
// the node's answer at their positions.
func (p *FaultProxy) forwardThrottled(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	lines := bytes.Split(bytes.TrimRight(body, "\n"), []byte("\n"))
	if len(lines)%2 != 0 {
		http.Error(w, "fault proxy: odd number of bulk lines", http.StatusBadRequest)
		return
	}
	var kept bytes.Buffer
	var throttled []bool
	for i := 0; i < len(lines); i += 2 {
		k := p.items.Add(1)
		drop := k%int64(p.plan.ThrottleEveryItem) == 0
		throttled = append(throttled, drop)
		if !drop {
			kept.Write(lines[i])
			kept.WriteByte('\n')
			kept.Write(lines[i+1])
			kept.WriteByte('\n')
		}
	}
	var nodeItems []json.RawMessage
	if kept.Len() > 0 {
		out, err := http.NewRequestWithContext(r.Context(), r.Method, p.target.String()+r.URL.RequestURI(), &kept)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		out.Header = r.Header.Clone()
		out.Header.Del("Content-Encoding")
		out.Header.Del("Content-Length")
		// Left to the transport, which then decompresses the answer.
		out.Header.Del("Accept-Encoding")
		res, err := http.DefaultClient.Do(out)
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		resBody, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			w.WriteHeader(res.StatusCode)
			w.Write(resBody)
			return
		}
		var parsed struct {
			Items []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(resBody, &parsed); err != nil {
			http.Error(w, "fault proxy: unreadable bulk answer", http.StatusBadGateway)
			return
		}
		nodeItems = parsed.Items
	}
	var merged []json.RawMessage
	for i, drop := range throttled {
		if drop {
			p.throttled.Add(1)
			op := bulkOp(lines[2*i])
			merged = append(merged, json.RawMessage(fmt.Sprintf(`{%q:{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"throttled by the fault proxy","index":"fault-proxy"}}}`, op)))
			continue
		}
		if len(nodeItems) == 0 {
			http.Error(w, "fault proxy: node answered fewer items than sent", http.StatusBadGateway)
			return
		}
		merged = append(merged, nodeItems[0])
		nodeItems = nodeItems[1:]
	}
	anyThrottled := false
	for _, d := range throttled {
		anyThrottled = anyThrottled || d
	}
	// errors must be true if any item failed, the node's or ours.
	nodeErrors := false
	for _, it := range merged {
		if bytes.Contains(it, []byte(`"error"`)) {
			nodeErrors = true
		}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"errors": anyThrottled || nodeErrors, "items": merged})
}

func readBody(r *http.Request) ([]byte, error) {
	var rd io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			return nil, err
		}
		rd = zr
	}
	b, err := io.ReadAll(io.LimitReader(rd, 512<<20))
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return b, nil
}

// bulkOp returns the action name of a bulk action line.
func bulkOp(line []byte) string {
	var action map[string]json.RawMessage
	if json.Unmarshal(line, &action) == nil {
		for op := range action {
			return op
		}
	}
	return "index"
}
