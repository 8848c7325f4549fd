package workspaces

import (
	"io"
	"regexp"

	"github.com/valyala/fastjson"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/envelope"
	"github.com/siem-go/siem/parser"
)

const (
	// Name is the registry name of the type.
	Name = "workspaces"
	// Dataset is the ECS event.dataset of its events; the vendor fields
	// live under it (aws.workspaces.*).
	Dataset = "aws.workspaces"
	// RuleCloudTrailRecord is the exclusion rule counted for CloudTrail
	// records: WorkSpaces API calls, which an EventBridge rule matching
	// source aws.workspaces delivers as "AWS API Call via CloudTrail"
	// events beside the access events, and WorkSpaces sign-in records
	// (signin.amazonaws.com). They are neither access events nor
	// inventory; the cloudtrail type indexes them from the trail.
	RuleCloudTrailRecord = "workspaces-cloudtrail-record"
)

// keyPattern is the union of the reference system's two patterns
// (workspaces-event: (WorkSpaces|workspaces).*(Event|event);
// workspaces-inventory: (WorkSpaces|workspaces).*(Inventory|inventory)):
// one type reads both, telling them apart by content.
var keyPattern = regexp.MustCompile(`(?:WorkSpaces|workspaces).*(?:Event|event|Inventory|inventory)`)

type logType struct{}

// New returns the Amazon WorkSpaces log type: WorkSpaces Access events
// (EventBridge) and WorkSpaces inventory snapshots (DescribeWorkspaces
// pages).
func New() siem.LogType { return logType{} }

func (logType) Info() siem.Info {
	return siem.Info{
		Name:        Name,
		Description: "Amazon WorkSpaces access events (EventBridge, written by Firehose) and WorkSpaces inventory (DescribeWorkspaces pages)",
		Dataset:     Dataset,
		KeyPattern:  keyPattern,
		SampleKeys: []string{
			// EventBridge rule -> Firehose -> S3 under the log exporter's
			// prefix; Firehose objects have no extension.
			"AWSLogs/123456789012/WorkSpaces/Event/ap-northeast-1/2026/11/27/10/siem-workspaces-event-to-s3-1-2026-11-27-10-05-00-5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e",
			// The inventory Lambda's objects, written to the bucket
			// directly, gzipped.
			"AWSLogs/123456789012/WorkSpaces/Inventory/ap-northeast-1/2026/11/27/inventory_20261127_100000.json.gz",
			// A lower-case prefix of one's own.
			"workspaces/events/2026/11/27/10/ws-events-1-2026-11-27-10-00-00-0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9.gz",
		},
		// Access events arrive as EventBridge events; the inventory Lambda
		// wraps each page in an envelope of the same shape.
		Envelopes: []siem.Envelope{envelope.EventBridge()},
		Vendor:    vendorSchema,
	}
}

// Open reads an object that is not in an EventBridge envelope: bare
// access event details or DescribeWorkspaces pages, back to back or one
// per line.
func (logType) Open(_ siem.Object, r io.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(newSplitter(parser.NewJSONValueReader(r, parser.JSONOptions{})), normalize), nil
}

// OpenMessages reads the details an EventBridge envelope unwrapped: an
// access event, or an inventory page whose WorkSpaces are one record each.
func (logType) OpenMessages(_ siem.Object, messages parser.Reader) (siem.ObjectReader, error) {
	return siem.NewObjectReader(newSplitter(messages), normalize), nil
}

// splitter turns a message holding a DescribeWorkspaces page
// ({"Workspaces":[...], "NextToken":...}) into one record per WorkSpace,
// each with the message's Delivery, and passes any other message on as
// it is (an access event, or something normalize will refuse). Records
// are renumbered so that every record and record error has its own
// position.
type splitter struct {
	src     parser.Reader
	p       fastjson.Parser
	pending []parser.Record
	number  int64
}

func newSplitter(src parser.Reader) *splitter { return &splitter{src: src} }

func (s *splitter) Next() (parser.Record, error) {
	for {
		if len(s.pending) > 0 {
			rec := s.pending[0]
			s.pending[0] = parser.Record{}
			s.pending = s.pending[1:]
			s.number++
			rec.Number = s.number
			return rec, nil
		}
		rec, err := s.src.Next()
		if err != nil {
			if re, ok := parser.AsRecordError(err); ok {
				s.number++
				cp := *re
				cp.Number = s.number
				return parser.Record{}, &cp
			}
			return parser.Record{}, err
		}
		v, perr := s.p.ParseBytes(rec.Data)
		if perr != nil || v.Type() != fastjson.TypeObject {
			s.number++
			rec.Number = s.number
			return rec, nil
		}
		page := v.Get("Workspaces")
		if page == nil || page.Type() != fastjson.TypeArray || v.Exists("WorkspaceId") || v.Exists("workspaceId") {
			s.number++
			rec.Number = s.number
			return rec, nil
		}
		items, _ := page.Array()
		if len(items) == 0 {
			// An empty page (an account or region without WorkSpaces)
			// holds no record; the reference system yields none either.
			continue
		}
		for _, it := range items {
			r := rec
			r.Data = it.MarshalTo(nil)
			s.pending = append(s.pending, r)
		}
	}
}
