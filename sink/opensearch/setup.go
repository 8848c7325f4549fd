package opensearch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	opensearchgo "github.com/opensearch-project/opensearch-go/v4"
	"github.com/opensearch-project/opensearch-go/v4/opensearchapi"

	"github.com/siem-go/siem"
)

// Action says what Setup did with one object.
type Action string

// The actions of a SetupStep.
const (
	// Created: the object did not exist.
	Created Action = "created"
	// Updated: the object existed with other content and was replaced.
	Updated Action = "updated"
	// Unchanged: the object existed with the same content (by the hash in
	// its _meta or description) and was left alone.
	Unchanged Action = "unchanged"
)

// SetupStep is one object Setup installed or found in place.
type SetupStep struct {
	// Kind is a TemplateKind, or "write index" for the first index behind
	// a write alias.
	Kind   string
	Name   string
	Action Action
}

// WriteIndexKind is the SetupStep kind of a write alias's first index.
const WriteIndexKind = "write index"

// SetupReport tells what Setup did.
type SetupReport struct {
	// Steps are in the order Setup took them.
	Steps []SetupStep
	// ISM reports whether the index-management plugin answered.
	ISM bool
	// Notes are things the user should know: a missing plugin, existing
	// indices that keep their old mappings.
	Notes []string
}

// Setup prepares a cluster for the sink: it installs the templates and
// policies of Templates (asking the cluster whether it runs the
// index-management plugin, ISM, to know whether policies apply) and, for
// RotateAlias, creates the first index behind each write alias.
//
// It is idempotent: an object whose installed content carries the same
// hash is left alone, and running Setup twice changes nothing the second
// time. Templates only apply to indices created after them: Setup notes
// the existing indices that keep their old mappings.
//
// On a cluster without ISM, Setup says so in the report and carries on:
// dated rotations need no policy, and alias or data stream rollover can
// then be done with the _rollover API. It stops at the first object the
// cluster refuses, with the cluster's reason; what it installed before
// stays installed and is listed in the report.
func Setup(ctx context.Context, client *opensearchapi.Client, reg *siem.Registry, opts TemplateOptions) (SetupReport, error) {
	var report SetupReport
	if client == nil || client.Client == nil {
		return report, fmt.Errorf("opensearch setup: no client")
	}
	// Options and declarations are checked before the cluster is asked
	// anything.
	if _, err := Templates(reg, opts); err != nil {
		return report, fmt.Errorf("opensearch setup: %w", err)
	}
	c := setupClient{client.Client}
	if opts.Serverless {
		report.Notes = append(report.Notes, "OpenSearch Serverless manages index lifecycle itself: no ISM policies installed")
	} else {
		present, note, err := c.probeISM(ctx)
		if err != nil {
			return report, err
		}
		report.ISM = present
		if note != "" {
			report.Notes = append(report.Notes, note)
		}
	}
	opts.ISM = report.ISM
	templates, err := Templates(reg, opts)
	if err != nil {
		return report, fmt.Errorf("opensearch setup: %w", err)
	}
	for _, t := range templates {
		action, err := c.install(ctx, t)
		if err != nil {
			return report, err
		}
		report.Steps = append(report.Steps, SetupStep{Kind: string(t.Kind), Name: t.Name, Action: action})
	}
	changed := slices.ContainsFunc(report.Steps, func(s SetupStep) bool {
		return s.Action != Unchanged && s.Kind != string(ISMPolicy)
	})
	for _, t := range templates {
		if t.Kind != IndexTemplate {
			continue
		}
		base := t.Patterns[0]
		// Indices made before this run keep their mappings: worth saying
		// only when the mappings just changed.
		if changed {
			note, err := c.existingIndices(ctx, base, opts.Index.Rotation)
			if err != nil {
				return report, err
			}
			if note != "" {
				report.Notes = append(report.Notes, note)
			}
		}
		if opts.Index.Rotation == RotateAlias {
			step, err := c.bootstrapAlias(ctx, base)
			if err != nil {
				return report, err
			}
			report.Steps = append(report.Steps, step)
		}
	}
	return report, nil
}

// Setup installs the templates for the indices this sink writes, through
// its connection (authentication, TLS, SigV4): it is the package-level
// Setup with opts.Index and opts.Serverless taken from the sink's Config,
// so that the templates cannot miss the sink's index names.
func (s *Sink) Setup(ctx context.Context, reg *siem.Registry, opts TemplateOptions) (SetupReport, error) {
	opts.Index = s.cfg.Index
	opts.Serverless = s.cfg.Serverless
	return Setup(ctx, opensearchapi.NewFromClient(s.client), reg, opts)
}

// setupClient sends the few requests Setup needs and returns raw bodies,
// because the typed API leaves out _meta and has no ISM calls.
type setupClient struct{ c *opensearchgo.Client }

type rawRequest struct {
	path  string
	query url.Values
	body  []byte
}

func (r rawRequest) GetRequest(method string) (*http.Request, error) {
	u := r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		return nil, err
	}
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// do sends one request and returns the status and body; err is only for
// requests that got no answer.
func (c setupClient) do(ctx context.Context, method string, r rawRequest) (int, []byte, error) {
	resp, err := opensearchgo.Do[opensearchgo.NoBody](ctx, c.c, method, r, nil)
	if resp == nil {
		if err == nil {
			err = fmt.Errorf("no response")
		}
		return 0, nil, fmt.Errorf("opensearch setup: %s %s: %w", method, r.path, err)
	}
	var body []byte
	if resp.Body != nil {
		body, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	return resp.StatusCode, body, nil
}

// apiError describes a refused request with the cluster's reason.
func apiError(method, path string, status int, body []byte) error {
	reason := strings.TrimSpace(string(body))
	var e struct {
		Error struct {
			Type     string `json:"type"`
			Reason   string `json:"reason"`
			CausedBy struct {
				Type   string `json:"type"`
				Reason string `json:"reason"`
			} `json:"caused_by"`
		} `json:"error"`
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &e) == nil {
		switch {
		case e.Error.Type != "":
			reason = e.Error.Type + ": " + e.Error.Reason
			if e.Error.CausedBy.Reason != "" {
				reason += " (caused by " + e.Error.CausedBy.Type + ": " + e.Error.CausedBy.Reason + ")"
			}
		case e.Message != "":
			reason = e.Message
		}
	}
	if len(reason) > 600 {
		reason = reason[:600] + "..."
	}
	msg := fmt.Sprintf("opensearch setup: %s %s answered %d %s: %s", method, path, status, http.StatusText(status), reason)
	switch status {
	case http.StatusUnauthorized:
		msg += " (check the username and password, or the AWS credentials for SigV4)"
	case http.StatusForbidden:
		msg += " (installing templates needs the cluster permissions indices:admin/index_template/put and cluster:admin/component_template/put, and cluster:admin/opendistro/ism/policy/write for ISM policies)"
	}
	return fmt.Errorf("%s", msg)
}

// probeISM asks for the ISM policies: the plugin answers, a cluster
// without it has no handler for the path.
func (c setupClient) probeISM(ctx context.Context) (present bool, note string, err error) {
	const path = "/_plugins/_ism/policies"
	status, body, err := c.do(ctx, http.MethodGet, rawRequest{path: path})
	if err != nil {
		return false, "", err
	}
	switch {
	case status == http.StatusOK:
		return true, "", nil
	case status == http.StatusBadRequest || status == http.StatusNotFound || status == http.StatusMethodNotAllowed:
		return false, "the index-management (ISM) plugin is not installed: no rollover policies installed; dated rotations need none, and aliases or data streams can be rolled over with the _rollover API", nil
	case status == http.StatusUnauthorized:
		return false, "", apiError(http.MethodGet, path, status, body)
	case status == http.StatusForbidden:
		return false, "this user may not read ISM policies (cluster:admin/opendistro/ism/policy/search), so none were installed; templates do not need them", nil
	}
	return false, fmt.Sprintf("could not tell whether the index-management (ISM) plugin is installed (GET %s answered %d): no rollover policies installed", path, status), nil
}

// install puts one template or policy unless it is in place already.
func (c setupClient) install(ctx context.Context, t Template) (Action, error) {
	path := t.Path()
	status, body, err := c.do(ctx, http.MethodGet, rawRequest{path: path})
	if err != nil {
		return "", err
	}
	action := Created
	query := url.Values{}
	switch status {
	case http.StatusOK:
		if templateHash(t.Kind, body) == t.hash {
			return Unchanged, nil
		}
		action = Updated
		if t.Kind == ISMPolicy {
			// ISM replaces a policy only at the version read.
			var p struct {
				SeqNo       *int64 `json:"_seq_no"`
				PrimaryTerm *int64 `json:"_primary_term"`
			}
			if json.Unmarshal(body, &p) != nil || p.SeqNo == nil || p.PrimaryTerm == nil {
				return "", fmt.Errorf("opensearch setup: GET %s: no _seq_no and _primary_term to update the policy at", path)
			}
			query.Set("if_seq_no", strconv.FormatInt(*p.SeqNo, 10))
			query.Set("if_primary_term", strconv.FormatInt(*p.PrimaryTerm, 10))
		}
	case http.StatusNotFound:
	default:
		return "", apiError(http.MethodGet, path, status, body)
	}
	status, body, err = c.do(ctx, http.MethodPut, rawRequest{path: path, query: query, body: t.Body})
	if err != nil {
		return "", err
	}
	if status != http.StatusOK && status != http.StatusCreated {
		return "", apiError(http.MethodPut, path, status, body)
	}
	return action, nil
}

// bootstrapAlias creates base-000001 as the write index of the alias
// base, unless the alias exists.
func (c setupClient) bootstrapAlias(ctx context.Context, base string) (SetupStep, error) {
	first := base + "-000001"
	step := SetupStep{Kind: WriteIndexKind, Name: first + " (alias " + base + ")", Action: Unchanged}
	aliasPath := "/_alias/" + url.PathEscape(base)
	status, body, err := c.do(ctx, http.MethodGet, rawRequest{path: aliasPath})
	if err != nil {
		return step, err
	}
	switch status {
	case http.StatusOK:
		return step, nil
	case http.StatusNotFound:
	default:
		return step, apiError(http.MethodGet, aliasPath, status, body)
	}
	status, _, err = c.do(ctx, http.MethodHead, rawRequest{path: "/" + url.PathEscape(base)})
	if err != nil {
		return step, err
	}
	if status == http.StatusOK {
		return step, fmt.Errorf("opensearch setup: %s is an index, so it cannot become the write alias that alias rotation writes to; reindex it into %s and delete it, or choose another rotation", base, first)
	}
	path := "/" + url.PathEscape(first)
	req := []byte(`{"aliases":{` + strconv.Quote(base) + `:{"is_write_index":true}}}`)
	status, body, err = c.do(ctx, http.MethodPut, rawRequest{path: path, body: req})
	if err != nil {
		return step, err
	}
	switch {
	case status == http.StatusOK:
		step.Action = Created
		return step, nil
	case status == http.StatusBadRequest && bytes.Contains(body, []byte("resource_already_exists_exception")):
		// Another setup won the race, or base-000001 survived its alias.
		return step, fmt.Errorf("opensearch setup: %s exists but is not behind the alias %s; add the alias with is_write_index true, or delete the index", first, base)
	}
	return step, apiError(http.MethodPut, path, status, body)
}

// existingIndices returns a note when indices the template matches exist
// already: they keep the mappings they were created with.
func (c setupClient) existingIndices(ctx context.Context, base string, rotation Rotation) (string, error) {
	path := "/_cat/indices/" + url.PathEscape(base) + "*"
	status, body, err := c.do(ctx, http.MethodGet, rawRequest{path: path, query: url.Values{"format": {"json"}, "h": {"index"}}})
	if err != nil {
		return "", err
	}
	if status != http.StatusOK {
		return "", apiError(http.MethodGet, path, status, body)
	}
	var rows []struct {
		Index string `json:"index"`
	}
	if err := json.Unmarshal(body, &rows); err != nil {
		return "", fmt.Errorf("opensearch setup: GET %s: %w", path, err)
	}
	var names []string
	for _, r := range rows {
		if r.Index == base || strings.HasPrefix(r.Index, base+"-") {
			names = append(names, r.Index)
		}
	}
	if rotation == RotateDataStream {
		dsPath := "/_data_stream/" + url.PathEscape(base)
		status, _, err := c.do(ctx, http.MethodGet, rawRequest{path: dsPath})
		if err != nil {
			return "", err
		}
		if status == http.StatusOK {
			names = append(names, "data stream "+base)
		}
	}
	if len(names) == 0 {
		return "", nil
	}
	slices.Sort(names)
	when := "from the next index of the rotation"
	switch rotation {
	case RotateAlias, RotateDataStream:
		when = "after the next rollover (POST " + base + "/_rollover)"
	case RotateNone:
		when = "only to a new index: reindex " + base + " to apply it"
	}
	shown := names
	if len(shown) > 5 {
		shown = append(slices.Clone(shown[:5]), fmt.Sprintf("and %d more", len(names)-5))
	}
	return fmt.Sprintf("%d existing indices under %s keep the mappings they were created with (%s); the new template applies %s",
		len(names), base, strings.Join(shown, ", "), when), nil
}
