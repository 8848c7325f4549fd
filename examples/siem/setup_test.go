package main

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/internal/ostest"
	"github.com/siem-go/siem/sink/opensearch"
)

func TestSetupUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "--opensearch URL is required"},
		{[]string{"--opensearch", "http://x", "--user", "u"}, "--user needs --password-env"},
		{[]string{"--opensearch", "http://x", "--serverless"}, "--serverless needs --sigv4"},
		{[]string{"--opensearch", "http://x", "--rotation", "hourly"}, `unknown index rotation "hourly"`},
		{[]string{"--opensearch", "http://x", "--rotation", "alias", "--data-streams"}, "--data-streams contradicts --rotation alias"},
		{[]string{"--opensearch", "http://x", "--shards", "0"}, "--shards must be at least 1"},
		{[]string{"--opensearch", "http://x", "--replicas", "-2"}, "--replicas must be 0 or more"},
		{[]string{"--opensearch", "https://x", "--sigv4", "--region", "eu-west-1", "--serverless", "--shards", "2"}, "drop --shards"},
		{[]string{"--opensearch", "http://x", "--index-prefix", "Upper-"}, "must be lower case"},
		{[]string{"--opensearch", "http://x", "extra"}, "setup takes no arguments"},
		{[]string{"--opensearch", "http://x", "--password", "p"}, "flag provided but not defined: -password"},
	} {
		code, _, stderr := runCLI(t, "", append([]string{"setup"}, tc.args...)...)
		assert.Equal(t, exitUsage, code, "%v: %s", tc.args, stderr)
		assert.Contains(t, stderr, tc.want, "%v", tc.args)
	}
}

// TestSetupDryRun prints every request, each body valid JSON, without a
// cluster.
func TestSetupDryRun(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", "setup", "--dry-run", "--data-streams", "--index-prefix", "t-", "--replicas", "0")
	require.Equal(t, exitOK, code, stderr)
	requests := regexp.MustCompile(`(?m)^PUT (\S+)\n`).FindAllStringSubmatchIndex(stdout, -1)
	var paths []string
	for i, m := range requests {
		path := stdout[m[2]:m[3]]
		paths = append(paths, path)
		end := len(stdout)
		if i+1 < len(requests) {
			end = requests[i+1][0]
		}
		var body map[string]any
		assert.NoError(t, json.Unmarshal([]byte(stdout[m[1]:end]), &body), path)
		if strings.HasPrefix(path, "/_index_template/") {
			assert.Equal(t, map[string]any{}, body["data_stream"], "%s makes data streams", path)
		}
	}
	assert.Contains(t, paths, "/_component_template/t-siem-ecs")
	assert.Contains(t, paths, "/_index_template/t-siem-log-aws-cloudtrail")
	assert.Contains(t, paths, "/_plugins/_ism/policies/t-siem-rollover-log-aws-vpcflowlogs")
	// One component template for ECS and one per vendor namespace, of the
	// types and of the envelopes they arrive in.
	// One index template and one rollover policy per index family, of
	// the types and of the routes they send documents to.
	namespaces, indices := map[string]bool{}, map[string]bool{}
	for _, lt := range siem.Default().Types() {
		info := lt.Info()
		namespaces[info.VendorNamespace()] = true
		for _, env := range info.Envelopes {
			namespaces[env.Vendor().Namespace] = true
		}
		indices[opensearch.DefaultIndexName(info.Name)] = true
		for _, route := range info.Routes {
			indices[opensearch.DefaultIndexName(route)] = true
		}
	}
	assert.Contains(t, paths, "/_index_template/t-siem-log-ocsf-findings", "a route's index family has its template")
	assert.Len(t, paths, 1+len(namespaces)+2*len(indices), "ECS, %d vendor namespaces, %d index templates and as many policies", len(namespaces), len(indices))
}

// TestSetupOnNode installs the templates on the test node twice, then
// checks that 'siem ingest' with the same prefix writes into indices that
// have the ECS mapping.
func TestSetupOnNode(t *testing.T) {
	url := ostest.URL(t)
	prefix := ostest.UniqueIndex(t, "clisetup") + "-"
	ts, err := opensearch.Templates(siem.Default(), opensearch.TemplateOptions{Index: opensearch.IndexConfig{Prefix: prefix}})
	require.NoError(t, err)
	t.Cleanup(func() {
		for _, kind := range []opensearch.TemplateKind{opensearch.IndexTemplate, opensearch.ComponentTemplate} {
			for _, tmpl := range ts {
				if tmpl.Kind == kind {
					status, body := ostest.Do(t, http.MethodDelete, tmpl.Path(), nil)
					assert.Contains(t, []int{http.StatusOK, http.StatusNotFound}, status, "%s: %s", tmpl.Path(), body)
				}
			}
		}
	})

	args := []string{"setup", "--opensearch", url, "--index-prefix", prefix, "--replicas", "0"}
	code, stdout, stderr := runCLI(t, "", args...)
	require.Equal(t, exitOK, code, stderr)
	assert.Regexp(t, `(?m)^created\s+component template\s+`+regexp.QuoteMeta(prefix)+`siem-ecs$`, stdout)
	assert.Regexp(t, `(?m)^created\s+index template\s+`+regexp.QuoteMeta(prefix)+`siem-log-aws-elb$`, stdout)
	assert.Equal(t, len(ts), strings.Count(stdout, "created "), stdout)
	if !strings.Contains(stdout, "ISM: the index-management plugin is installed") {
		assert.Contains(t, stdout, "note: the index-management (ISM) plugin is not installed")
	}
	assert.Contains(t, stderr, "is ready for 'siem ingest --rotation monthly --index-prefix "+prefix+"'")

	code, stdout, stderr = runCLI(t, "", args...)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, len(ts), strings.Count(stdout, "unchanged "), stdout)

	code, _, stderr = runCLI(t, "", "ingest", "--opensearch", url, "--index-prefix", prefix, cloudTrailSample)
	require.Equal(t, exitOK, code, stderr)
	status, body := ostest.Do(t, http.MethodGet, "/"+prefix+"log-aws-cloudtrail-*/_mapping/field/source.ip,aws.cloudtrail.request_parameters", nil)
	require.Equal(t, http.StatusOK, status, string(body))
	for _, want := range []string{`"type":"ip"`, `"type":"wildcard"`} {
		assert.Contains(t, string(body), want)
	}
}
