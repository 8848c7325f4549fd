package opensearch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
)

// Write implements siem.Sink: it sends docs with as many _bulk requests as
// the size limits need, retries what failed for a passing reason, and
// returns once every document is indexed or rejected for good. A document
// the cluster refuses (a mapping conflict, a bad value) is a Rejection
// naming the error type, reason and index. Write returns an error only
// when every document of the batch failed with the same request-level
// problem after all attempts, or when ctx ended first.
func (s *Sink) Write(ctx context.Context, docs []siem.Document) (siem.WriteResult, error) {
	if len(docs) == 0 {
		return siem.WriteResult{}, nil
	}
	w := s.pools.getWrite()
	defer s.pools.putWrite(w)
	w.s, w.ctx, w.docs = s, ctx, docs

	ingest := s.cfg.Now()
	for i := range docs {
		d := &docs[i]
		if reason := checkBody(d.Body); reason != "" {
			w.reject(i, reason)
			w.actionEnd = append(w.actionEnd, len(w.actions))
			continue
		}
		w.actions = s.appendAction(w.actions, d, ingest)
		w.actionEnd = append(w.actionEnd, len(w.actions))
		w.valid = append(w.valid, i)
	}

	chunks := s.split(w)
	if len(chunks) == 1 {
		w.send(chunks[0], false)
	} else {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(s.cfg.Concurrency, len(chunks)) {
			wg.Go(func() {
				for {
					c := int(next.Add(1)) - 1
					if c >= len(chunks) {
						return
					}
					w.send(chunks[c], false)
				}
			})
		}
		wg.Wait()
	}

	res := siem.WriteResult{Retries: w.retries.Load()}
	if w.cancelled {
		return res, ctx.Err()
	}
	if w.failed == len(docs) {
		if stopsEveryBatch(w.failErr) {
			return res, siem.Fatal(w.failErr)
		}
		return res, w.failErr
	}
	if w.blocked == len(docs) {
		// Every document hit a cluster block (a read-only index at the
		// flood-stage disk watermark, a closed index): so would every
		// later batch.
		return res, siem.Fatal(fmt.Errorf("opensearch refuses every write: %s; free disk space or lift the block (index.blocks.read_only_allow_delete) and run the object again", w.rejected[0].Reason))
	}
	res.Rejected = append([]siem.Rejection(nil), w.rejected...)
	return res, nil
}

// stopsEveryBatch reports a request-level failure no later batch can
// avoid: the credentials are refused, or lack the permission to write.
// Dead-lettering every record of a run for it would only hide it.
func stopsEveryBatch(err error) bool {
	var se *StatusError
	return errors.As(err, &se) && (se.Status == http.StatusUnauthorized || se.Status == http.StatusForbidden)
}

// checkBody returns why a body cannot go into a bulk request, or "".
func checkBody(b []byte) string {
	switch {
	case len(b) == 0:
		return "empty document body"
	case bytes.IndexByte(b, '\n') >= 0:
		// A raw newline would cut the document in two in the NDJSON body
		// and shift every later action.
		return "document body holds a raw newline, which the bulk format cannot carry"
	}
	return ""
}

// appendAction appends the bulk action line of d.
func (s *Sink) appendAction(dst []byte, d *siem.Document, ingest time.Time) []byte {
	dst = append(dst, `{"`...)
	dst = append(dst, s.op...)
	dst = append(dst, `":{"_index":"`...)
	family := d.Type
	if d.Route != "" {
		family = d.Route
	}
	dst = s.namer.appendName(dst, family, d.Timestamp, ingest)
	dst = append(dst, '"')
	if s.withIDs && d.ID != "" {
		dst = append(dst, `,"_id":`...)
		dst = ecs.AppendString(dst, d.ID)
	}
	return append(dst, "}}\n"...)
}

// split cuts the valid documents into requests of at most MaxBulkDocs
// documents and MaxBulkBytes bytes. Counts are evened out: 1024 documents
// make two requests of 512, not one of 1000 and a tail of 24.
func (s *Sink) split(w *write) [][]int {
	valid := w.valid
	if len(valid) == 0 {
		return nil
	}
	parts := (len(valid) + s.cfg.MaxBulkDocs - 1) / s.cfg.MaxBulkDocs
	per := (len(valid) + parts - 1) / parts
	w.chunks = w.chunks[:0]
	start, size := 0, 0
	for k, i := range valid {
		n := w.docSize(i)
		if k > start && (k-start >= per || size+n > s.cfg.MaxBulkBytes) {
			w.chunks = append(w.chunks, valid[start:k])
			start, size = k, 0
		}
		size += n
	}
	return append(w.chunks, valid[start:])
}

// write is the state of one Write call, pooled.
type write struct {
	s    *Sink
	ctx  context.Context
	docs []siem.Document
	// actions holds the action line of every document back to back; doc
	// i's line ends at actionEnd[i].
	actions   []byte
	actionEnd []int
	valid     []int
	chunks    [][]int

	retries atomic.Int64

	mu        sync.Mutex
	rejected  []siem.Rejection
	failed    int   // documents that failed with a request-level error
	failErr   error // the first such error
	blocked   int   // documents refused by a cluster block
	cancelled bool
}

func (w *write) reset() {
	w.s, w.ctx, w.docs = nil, nil, nil
	w.actions = w.actions[:0]
	w.actionEnd = w.actionEnd[:0]
	w.valid = w.valid[:0]
	w.chunks = w.chunks[:0]
	w.retries.Store(0)
	w.rejected = w.rejected[:0]
	w.failed, w.failErr, w.cancelled, w.blocked = 0, nil, false, 0
}

func (w *write) action(i int) []byte {
	start := 0
	if i > 0 {
		start = w.actionEnd[i-1]
	}
	return w.actions[start:w.actionEnd[i]]
}

// indexOf returns the index named in doc i's action line: the item
// errors of a bulk response do not always carry it.
func (w *write) indexOf(i int) []byte {
	a := w.action(i)
	const key = `"_index":"`
	start := bytes.Index(a, []byte(key))
	if start < 0 {
		return nil
	}
	a = a[start+len(key):]
	if end := bytes.IndexByte(a, '"'); end >= 0 {
		return a[:end]
	}
	return nil
}

func (w *write) docSize(i int) int { return len(w.action(i)) + len(w.docs[i].Body) + 1 }

func (w *write) reject(i int, reason string) {
	w.mu.Lock()
	w.rejected = append(w.rejected, siem.Rejection{Doc: i, Reason: reason})
	w.mu.Unlock()
}

// fail records documents that could not be sent at all. When every
// document of the batch ends here, Write returns err; otherwise each
// becomes a rejection with err as its reason.
func (w *write) fail(pending []int, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.failErr == nil {
		w.failErr = err
	}
	w.failed += len(pending)
	for _, i := range pending {
		w.rejected = append(w.rejected, siem.Rejection{Doc: i, Reason: err.Error()})
	}
}

func (w *write) cancel() {
	w.mu.Lock()
	w.cancelled = true
	w.mu.Unlock()
}

// send delivers the documents of pending, retrying what may succeed later,
// until each is indexed or rejected. resend says the first attempt already
// repeats earlier ones (after a split), so it counts as a retry.
func (w *write) send(pending []int, resend bool) {
	s := w.s
	for attempt := 1; ; attempt++ {
		if attempt > 1 || resend {
			w.retries.Add(1)
		}
		a := w.attempt(pending)
		if a.done {
			return
		}
		pending = a.retry
		if attempt >= s.cfg.Retry.MaxAttempts {
			if a.err != nil {
				w.fail(pending, fmt.Errorf("gave up after %d attempts: %w", attempt, a.err))
				return
			}
			for k, i := range pending {
				w.reject(i, fmt.Sprintf("gave up after %d attempts: %s", attempt, a.reasons[k]))
			}
			return
		}
		if !sleep(w.ctx, s.cfg.Retry.backoff(attempt, a.wait)) {
			w.cancel()
			return
		}
	}
}

// attemptResult says what is left after one attempt.
type attemptResult struct {
	done bool // every document settled (or handed to a split)
	// retry lists the documents to send again. err is set when the whole
	// request failed, reasons (parallel to retry) when single items did.
	retry   []int
	err     error
	reasons []string
	wait    time.Duration // at least this long, as the cluster asked
}

// attempt sends pending once and settles what it can.
func (w *write) attempt(pending []int) attemptResult {
	b := w.s.pools.getBufs()
	defer w.s.pools.putBufs(b)
	status, header, body, err := w.do(b, pending)
	switch {
	case err != nil:
		if w.ctx.Err() != nil {
			w.cancel()
			return attemptResult{done: true}
		}
		err = fmt.Errorf("bulk request failed: %w", err)
		if !retryableError(w.ctx, err) {
			w.fail(pending, err)
			return attemptResult{done: true}
		}
		return attemptResult{retry: pending, err: err}
	case status == http.StatusRequestEntityTooLarge:
		if len(pending) == 1 {
			w.reject(pending[0], fmt.Sprintf("document of %d bytes is larger than the cluster accepts in one request (http.max_content_length, status 413)", len(w.docs[pending[0]].Body)))
			return attemptResult{done: true}
		}
		half := len(pending) / 2
		w.send(pending[:half], true)
		w.send(pending[half:], true)
		return attemptResult{done: true}
	case retryableStatus(status):
		return attemptResult{retry: pending, err: statusError(status, body), wait: retryAfter(header)}
	case status/100 != 2:
		w.fail(pending, statusError(status, body))
		return attemptResult{done: true}
	}
	retry, reasons, err := w.items(pending, body)
	if err != nil {
		return attemptResult{retry: pending, err: err}
	}
	return attemptResult{done: len(retry) == 0, retry: retry, reasons: reasons}
}

// do sends one _bulk request of the pending documents, built in b. The
// returned body lives in b.
func (w *write) do(b *bufs, pending []int) (status int, header http.Header, body []byte, err error) {
	s := w.s
	raw := b.raw[:0]
	for _, i := range pending {
		raw = append(raw, w.action(i)...)
		raw = append(raw, w.docs[i].Body...)
		raw = append(raw, '\n')
	}
	b.raw = raw
	payload := raw
	if !s.cfg.DisableCompression {
		b.zipped.Reset()
		b.gz.Reset(&b.zipped)
		b.gz.Write(raw)
		if err := b.gz.Close(); err != nil {
			return 0, nil, nil, err
		}
		payload = b.zipped.Bytes()
	}

	ctx, cancel := context.WithTimeout(w.ctx, s.cfg.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.bulkPath, bytes.NewReader(payload))
	if err != nil {
		return 0, nil, nil, err
	}
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(payload)), nil }
	req.Header = http.Header{"Content-Type": {"application/json"}}
	if !s.cfg.DisableCompression {
		req.Header.Set("Content-Encoding", "gzip")
	}
	res, err := s.client.Stream(req)
	if res != nil && res.Body != nil {
		defer res.Body.Close()
	}
	if err != nil {
		return 0, nil, nil, err
	}
	b.resp.Reset()
	if _, err := b.resp.ReadFrom(res.Body); err != nil {
		return 0, nil, nil, fmt.Errorf("reading the bulk response: %w", err)
	}
	return res.StatusCode, res.Header, b.resp.Bytes(), nil
}

// items reads a 2xx bulk response. Accepted documents are done, refused
// ones rejected; it returns the documents to send again with why each
// failed this time.
func (w *write) items(pending []int, body []byte) (retry []int, reasons []string, err error) {
	p := w.s.pools.parsers.Get()
	defer w.s.pools.parsers.Put(p)
	v, err := p.ParseBytes(body)
	if err != nil {
		return pending, nil, fmt.Errorf("unreadable bulk response (%v): %.200q", err, body)
	}
	if !v.GetBool("errors") {
		return nil, nil, nil
	}
	items := v.GetArray("items")
	if len(items) != len(pending) {
		return pending, nil, fmt.Errorf("bulk response lists %d items for %d documents", len(items), len(pending))
	}
	for k, item := range items {
		var result *fastjson.Value
		if o, err := item.Object(); err == nil {
			o.Visit(func(_ []byte, v *fastjson.Value) {
				if result == nil {
					result = v
				}
			})
		}
		if result == nil {
			retry = append(retry, pending[k])
			reasons = append(reasons, "bulk response item without a result")
			continue
		}
		status := result.GetInt("status")
		if status/100 == 2 {
			continue
		}
		errType, reason := itemError(result.Get("error"))
		if status == http.StatusConflict && errType == "version_conflict_engine_exception" && w.s.op == "create" && w.s.withIDs {
			// create with a stable id: the same record is already
			// indexed, by an earlier attempt whose answer was lost or by
			// an earlier run over the same object.
			continue
		}
		msg := fmt.Sprintf("opensearch refused the document (status %d, index %s): %s: %s", status, w.indexOf(pending[k]), errType, reason)
		if retryableItem(status, errType) {
			retry = append(retry, pending[k])
			reasons = append(reasons, msg)
			continue
		}
		if errType == "cluster_block_exception" {
			w.mu.Lock()
			w.blocked++
			w.mu.Unlock()
		}
		w.reject(pending[k], msg)
	}
	return retry, reasons, nil
}

// itemError returns the type and reason of a bulk item's error, with the
// cause appended when there is one (it holds the offending value for
// mapping errors).
func itemError(e *fastjson.Value) (errType, reason string) {
	if e == nil {
		return "unknown_error", "no error given"
	}
	if e.Type() == fastjson.TypeString {
		return "error", string(e.GetStringBytes())
	}
	errType = string(e.GetStringBytes("type"))
	reason = string(e.GetStringBytes("reason"))
	if c := e.Get("caused_by"); c != nil {
		reason += "; caused by " + string(c.GetStringBytes("type")) + ": " + string(c.GetStringBytes("reason"))
	}
	return errType, reason
}

// StatusError is a whole _bulk request answered with a failure status.
type StatusError struct {
	Status int
	// Type and Reason come from the cluster's error body when it has one.
	Type, Reason string
}

func (e *StatusError) Error() string {
	msg := "bulk request answered " + strconv.Itoa(e.Status) + " " + http.StatusText(e.Status)
	if e.Type != "" || e.Reason != "" {
		msg += ": " + e.Type
		if e.Reason != "" {
			msg += ": " + e.Reason
		}
	}
	switch e.Status {
	case http.StatusUnauthorized:
		msg += " (check the username and password, or the AWS credentials for SigV4)"
	case http.StatusForbidden:
		msg += " (the user or role may write these indices only with the matching permissions: indices:data/write/bulk and create_index on the index names, or a Serverless data access policy)"
	}
	return msg
}

func statusError(status int, body []byte) error {
	e := &StatusError{Status: status}
	var p fastjson.Parser
	v, err := p.ParseBytes(body)
	switch {
	case err != nil:
		e.Reason = fmt.Sprintf("%.300s", bytes.TrimSpace(body))
	case v.Get("error") != nil && v.Get("error").Type() == fastjson.TypeObject:
		e.Type, e.Reason = itemError(v.Get("error"))
	case v.Get("error") != nil:
		e.Reason = string(v.GetStringBytes("error"))
	case v.Get("message") != nil: // AWS front ends
		e.Reason = string(v.GetStringBytes("message"))
	default:
		e.Reason = fmt.Sprintf("%.300s", body)
	}
	return e
}

// pools holds what requests reuse.
type pools struct {
	writes  sync.Pool
	bufs    sync.Pool
	parsers fastjson.ParserPool
}

// bufs are the buffers of one request in flight.
type bufs struct {
	raw    []byte
	zipped bytes.Buffer
	gz     *gzip.Writer
	resp   bytes.Buffer
}

func newPools() *pools {
	return &pools{}
}

func (p *pools) getWrite() *write {
	if w, ok := p.writes.Get().(*write); ok {
		return w
	}
	return &write{}
}

func (p *pools) putWrite(w *write) {
	w.reset()
	p.writes.Put(w)
}

func (p *pools) getBufs() *bufs {
	if b, ok := p.bufs.Get().(*bufs); ok {
		return b
	}
	gz, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return &bufs{gz: gz}
}

func (p *pools) putBufs(b *bufs) {
	// A buffer grown by one huge document is dropped rather than kept.
	if cap(b.raw) > 64<<20 {
		return
	}
	p.bufs.Put(b)
}
