package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/valyala/fastjson"
)

// Default locations of the public feeds.
const (
	// TorURL is the Tor Project's exit list with ExitNode blocks, which,
	// unlike the bare address list at /torbulkexitlist, carries times.
	// Tor reads both.
	TorURL = "https://check.torproject.org/exit-addresses"
	// FeodoURL is Feodo Tracker's recommended botnet C&C blocklist.
	FeodoURL = "https://feodotracker.abuse.ch/downloads/ipblocklist.json"
	// OTXURL lists the pulses the API key's account subscribes to.
	OTXURL = "https://otx.alienvault.com/api/v1/pulses/subscribed"
)

// Defaults of a Fetcher.
const (
	DefaultTimeout  = 30 * time.Second
	DefaultMaxBytes = 200 << 20
)

// Fetcher downloads feeds. The zero value is ready to use.
type Fetcher struct {
	// Client sends the requests; nil means http.DefaultClient. Its own
	// Timeout, if any, applies too.
	Client *http.Client
	// Timeout bounds each request, reading the body included; 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// MaxBytes bounds each response body; 0 means DefaultMaxBytes. A
	// larger response is refused and the file already there kept.
	MaxBytes int64
	// UserAgent is sent with each request; "" means "siem-ioc-fetch".
	UserAgent string
}

// Fetched describes one download.
type Fetched struct {
	URL  string
	Path string
	// NotModified is set when the server answered 304 Not Modified and
	// the file was kept.
	NotModified bool
	// Bytes is the size of the new file; 0 when not modified.
	Bytes int64
}

// validators are the response headers kept next to a downloaded file
// (in FILE.http.json) to ask the server next time whether it changed.
type validators struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

func validatorsPath(path string) string { return path + ".http.json" }

// Fetch downloads rawURL to path. When path exists and validators from an
// earlier download of the same URL are stored next to it, the request is
// conditional (If-None-Match, If-Modified-Since) and a 304 answer keeps the
// file. A new body is written to a temporary file in the same directory
// and renamed over path only once complete, so readers never see a
// partial file and a failed download leaves the old one in place.
func (f *Fetcher) Fetch(ctx context.Context, rawURL, path string) (Fetched, error) {
	res := Fetched{URL: rawURL, Path: path}
	var old validators
	if _, err := os.Stat(path); err == nil {
		if b, err := os.ReadFile(validatorsPath(path)); err == nil {
			if json.Unmarshal(b, &old) != nil || old.URL != rawURL {
				old = validators{}
			}
		}
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return res, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	if old.ETag != "" {
		req.Header.Set("If-None-Match", old.ETag)
	}
	if old.LastModified != "" {
		req.Header.Set("If-Modified-Since", old.LastModified)
	}
	resp, err := f.do(req)
	if err != nil {
		return res, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && (old.ETag != "" || old.LastModified != ""):
		res.NotModified = true
		return res, nil
	case resp.StatusCode != http.StatusOK:
		return res, statusError(rawURL, resp)
	}
	n, err := f.writeBody(resp, path)
	if err != nil {
		return res, err
	}
	res.Bytes = n
	v := validators{URL: rawURL, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if err := writeJSONFile(validatorsPath(path), v); err != nil {
		return res, fmt.Errorf("fetch %s: saving the response validators: %w", rawURL, err)
	}
	return res, nil
}

func (f *Fetcher) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultTimeout
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return DefaultMaxBytes
}

func (f *Fetcher) do(req *http.Request) (*http.Response, error) {
	return f.doWith(req, nil)
}

// doWith sends req; checkRedirect, when set, replaces the client's
// redirect policy for this request.
func (f *Fetcher) doWith(req *http.Request, checkRedirect func(*http.Request, []*http.Request) error) (*http.Response, error) {
	ua := f.UserAgent
	if ua == "" {
		ua = "siem-ioc-fetch"
	}
	req.Header.Set("User-Agent", ua)
	c := f.Client
	if c == nil {
		c = http.DefaultClient
	}
	if checkRedirect != nil {
		copied := *c
		copied.CheckRedirect = checkRedirect
		c = &copied
	}
	resp, err := c.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("fetch %s: no complete answer within %v; raise the timeout or try later", req.URL.Redacted(), f.timeout())
		}
		return nil, fmt.Errorf("fetch %s: %w", req.URL.Redacted(), err)
	}
	return resp, nil
}

func statusError(rawURL string, resp *http.Response) error {
	hint := "check the URL"
	switch resp.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden:
		hint = "the server refused the request; check the API key"
	case http.StatusTooManyRequests:
		hint = "rate limited; fetch less often"
	default:
		if resp.StatusCode >= 500 {
			hint = "server error; try later"
		}
	}
	return fmt.Errorf("fetch %s: %s (%s); the file already there is kept", rawURL, resp.Status, hint)
}

// writeBody stores the response body at path through a temporary file.
func (f *Fetcher) writeBody(resp *http.Response, path string) (int64, error) {
	limit := f.maxBytes()
	u := resp.Request.URL.Redacted()
	if resp.ContentLength > limit {
		return 0, fmt.Errorf("fetch %s: the response has %d bytes, more than the limit of %d; raise the limit if that is expected; the file already there is kept", u, resp.ContentLength, limit)
	}
	var n int64
	err := writeFileAtomic(path, func(w io.Writer) error {
		var err error
		n, err = io.Copy(w, io.LimitReader(resp.Body, limit+1))
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				return fmt.Errorf("fetch %s: the body did not arrive within %v; raise the timeout or try later", u, f.timeout())
			}
			return fmt.Errorf("fetch %s: reading the body: %w", u, err)
		}
		if n > limit {
			return fmt.Errorf("fetch %s: the response is larger than the limit of %d bytes; raise the limit if that is expected; the file already there is kept", u, limit)
		}
		return nil
	})
	return n, err
}

// writeFileAtomic writes a file through a temporary one in the same
// directory, renamed over path only when write succeeded.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	done = true
	return nil
}

func writeJSONFile(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// OTXFetched describes a download of OTX pulses.
type OTXFetched struct {
	Pages  int
	Pulses int // pulse files written
	// Since is the modified_since time asked for; zero on a first run,
	// which fetches every subscribed pulse.
	Since    time.Time
	Warnings []Warning
}

// otxState remembers when the last complete OTX download started.
type otxState struct {
	URL           string    `json:"url"`
	ModifiedSince time.Time `json:"modified_since"`
}

const otxStateFile = ".otx-state.json"

// maxOTXPages stops a server whose "next" links never end.
const maxOTXPages = 10000

// FetchOTX downloads the pulses listed at apiURL (OTXURL or a compatible
// server), following the API's "next" links, and writes each pulse to
// DIR/<pulse id>.json for OTXDir to read. Only pulses modified since the
// last complete run are asked for (the API's modified_since parameter),
// and the pulse files of earlier runs stay, so a run costs what changed.
// The key is sent in the X-OTX-API-KEY header, and only to apiURL's host.
func (f *Fetcher) FetchOTX(ctx context.Context, apiURL, apiKey, dir string) (OTXFetched, error) {
	var res OTXFetched
	base, err := url.Parse(apiURL)
	if err != nil || base.Host == "" {
		return res, fmt.Errorf("otx: %q is not an absolute URL", apiURL)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, fmt.Errorf("otx: %w", err)
	}
	statePath := filepath.Join(dir, otxStateFile)
	var st otxState
	if b, err := os.ReadFile(statePath); err == nil && json.Unmarshal(b, &st) == nil && st.URL == apiURL {
		res.Since = st.ModifiedSince
	}
	started := time.Now().UTC()
	q := base.Query()
	if q.Get("limit") == "" {
		q.Set("limit", "50")
	}
	if !res.Since.IsZero() {
		q.Set("modified_since", res.Since.Format(time.RFC3339))
	}
	base.RawQuery = q.Encode()
	next := base.String()
	for next != "" {
		if res.Pages == maxOTXPages {
			return res, fmt.Errorf("otx: more than %d pages; the server's next links do not end", maxOTXPages)
		}
		body, err := f.get(ctx, next, map[string]string{"X-OTX-API-KEY": apiKey, "Accept": "application/json"})
		if err != nil {
			return res, fmt.Errorf("otx: %w", err)
		}
		res.Pages++
		var p fastjson.Parser
		v, err := p.ParseBytes(body)
		if err != nil {
			return res, fmt.Errorf("otx: page %d: %w", res.Pages, jsonSyntaxError(body, err))
		}
		results := v.Get("results")
		if results == nil || results.Type() != fastjson.TypeArray {
			return res, fmt.Errorf("otx: page %d has no results array; is %s the pulses API?", res.Pages, apiURL)
		}
		for i, pulse := range results.GetArray() {
			id := str(pulse, "id")
			if !isSafeName(id) {
				res.Warnings = append(res.Warnings, Warning{Object: fmt.Sprintf("page %d results[%d]", res.Pages, i), Reason: fmt.Sprintf("pulse id %q cannot name a file; skipped", truncate(id, 60))})
				continue
			}
			raw := pulse.MarshalTo(nil)
			if err := writeFileAtomic(filepath.Join(dir, id+".json"), func(w io.Writer) error {
				_, err := w.Write(raw)
				return err
			}); err != nil {
				return res, fmt.Errorf("otx: %w", err)
			}
			res.Pulses++
		}
		next = ""
		if n := v.Get("next"); n != nil && n.Type() == fastjson.TypeString {
			next = string(n.GetStringBytes())
		}
		if next != "" {
			u, err := base.Parse(next)
			if err != nil || u.Scheme != base.Scheme || u.Host != base.Host {
				return res, fmt.Errorf("otx: page %d links to %q, not on %s; stopped so the API key goes nowhere else", res.Pages, truncate(next, 100), base.Host)
			}
			next = u.String()
		}
	}
	if err := writeJSONFile(statePath, otxState{URL: apiURL, ModifiedSince: started}); err != nil {
		return res, fmt.Errorf("otx: saving the download state: %w", err)
	}
	return res, nil
}

// get reads one response body within the time and size limits.
func (f *Fetcher) get(ctx context.Context, rawURL string, header map[string]string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, f.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	// net/http forwards custom headers such as the API key on redirects,
	// even to other hosts: refuse those.
	resp, err := f.doWith(req, func(next *http.Request, via []*http.Request) error {
		if next.URL.Scheme != via[0].URL.Scheme || next.URL.Host != via[0].URL.Host {
			return fmt.Errorf("redirect to %s refused, so that the API key goes nowhere else", next.URL.Redacted())
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, statusError(req.URL.Redacted(), resp)
	}
	limit := f.maxBytes()
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("fetch %s: the body did not arrive within %v; raise the timeout or try later", req.URL.Redacted(), f.timeout())
		}
		return nil, fmt.Errorf("fetch %s: %w", req.URL.Redacted(), err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("fetch %s: the response is larger than the limit of %s bytes; raise the limit if that is expected", req.URL.Redacted(), strconv.FormatInt(limit, 10))
	}
	return body, nil
}
