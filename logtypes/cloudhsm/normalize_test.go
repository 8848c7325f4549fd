package cloudhsm_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/logtypes/cloudhsm"
	"github.com/siem-go/siem/parser"
	"github.com/siem-go/siem/siemtest"
)

func run(t *testing.T, rec string) (map[string]any, string, error) {
	t.Helper()
	var ev ecs.Event
	if err := cloudhsm.Normalize(siem.Record{Record: parser.Record{Data: []byte(rec)}}, &ev); err != nil {
		return nil, "", err
	}
	if err := ev.Err(); err != nil {
		t.Fatalf("invalid event: %v", err)
	}
	doc := ev.AppendJSON(nil)
	if err := cloudhsm.New().Info().CheckDocument(doc); err != nil {
		t.Fatalf("invalid document: %v\n%s", err, doc)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	return m, ev.ID(), nil
}

func get(doc map[string]any, path string) any {
	var v any = doc
	for _, p := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

func check(t *testing.T, doc map[string]any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		g, _ := json.Marshal(get(doc, path))
		ws, _ := json.Marshal(w)
		if string(g) != string(ws) {
			t.Errorf("%s = %s, want %s", path, g, ws)
		}
	}
}

func TestNormalizeVariants(t *testing.T) {
	// A forwarder's prefix before "Time:", CRLF line ends, an unknown
	// line with a dotted name, a line without a name, and the usecs-only
	// fallback is not needed (Time is read).
	doc, id, err := run(t, "2026-11-27T10:00:00Z host Time: 11/27/26 10:00:00.5, usecs:1795773600500000\r\n"+
		"Sequence No : 0x10\r\nReboot counter : 0x2\r\nOpcode : CN_LOGIN (0xd)\r\nCommand Type(hex) : CN_MGMT_CMD (0x0)\r\n"+
		"Session Handle : 0x1\r\nResponse : 0:HSM Return: SUCCESS\r\nLog type : MGMT_USER_DETAILS_LOG (2)\r\n"+
		"New.Field : x\r\nsomething odd\r\n"+strings.Repeat("n", 129)+" : long name\r\nUser Name : co1\r\nUser Type : CN_CRYPTO_OFFICER (2)\r\n")
	if err != nil {
		t.Fatal(err)
	}
	check(t, doc, map[string]any{
		"@timestamp": "2026-11-27T10:00:00.5Z", "aws.cloudhsm.sequence_no": 16.0, "aws.cloudhsm.opcode": "CN_LOGIN",
		"aws.cloudhsm.other": map[string]any{"New_Field": "x"}, "aws.cloudhsm.unparsed": "something odd\n" + strings.Repeat("n", 129) + " : long name",
		"user.name": "co1", "event.category": []any{"authentication"}, "event.outcome": "success",
	})
	if id != "" {
		t.Errorf("id %q without an HSM id, want none", id)
	}
}

func TestNormalizeErrors(t *testing.T) {
	tests := []struct{ rec, want string }{
		{"Sequence No : 0x1", "not a CloudHSM audit record"},
		{"Time: 13/45/26 10:00:00.5, usecs:1", "Time \"13/45/26 10:00:00.5\""},
		{"Time: 11/27/26 10:00:00.5, usecs:abc", "usecs \"abc\" is not a number"},
		{"Time: 11/27/26 10:00:00.5, usecs:1\nReboot counter : 0x", "Reboot counter \"0x\""},
		{"Time: 11/27/26 10:00:00.5, usecs:1\nResponse : whatever", "Response \"whatever\""},
		{"Time: 11/27/26 10:00:00.5, usecs:1\nLog type : X (two)", "Log type \"two\""},
		{"   \n\n", "empty CloudHSM audit record"},
	}
	for _, tt := range tests {
		_, _, err := run(t, tt.rec)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want one containing %q", tt.rec, err, tt.want)
		}
	}
}

// TestMessageWithTwoRecords: a CloudWatch Logs message holding two
// records is cut into two documents, both with the message's delivery.
func TestMessageWithTwoRecords(t *testing.T) {
	msg := "Time: 11/27/26 10:00:00.5, usecs:1795773600500000\nSequence No : 0x1\nReboot counter : 0x2\nCommand Type(hex) : CN_MGMT_CMD (0x0)\nOpcode : CN_LOGOUT (0xe)\nSession Handle : 0x1\nResponse : 0:HSM Return: SUCCESS\nLog type : MINIMAL_LOG_ENTRY (0)\n\n" +
		"Time: 11/27/26 10:00:01.5, usecs:1795773601500000\nSequence No : 0x2\nReboot counter : 0x2\nCommand Type(hex) : CN_MGMT_CMD (0x0)\nOpcode : CN_LOGIN (0xd)\nSession Handle : 0x1\nResponse : 0:HSM Return: SUCCESS\nLog type : MINIMAL_LOG_ENTRY (0)"
	payload, _ := json.Marshal(map[string]any{
		"messageType": "DATA_MESSAGE", "owner": "123456789012", "logGroup": "/aws/cloudhsm/cluster-2sdq3ftzp6a",
		"logStream": "hsm-kdnzrbdd5ks", "subscriptionFilters": []string{"f"},
		"logEvents": []any{map[string]any{"id": "1", "timestamp": 1795773602000, "message": msg}},
	})
	res := siemtest.Options{Validate: true}.Run(t, cloudhsm.New(), keyCWL, payload)
	if res.Counts.Indexed != 2 || res.Counts.DeadLettered != 0 {
		t.Fatalf("counts %v, want 2 indexed; dead letters %v", res.Counts, res.DeadLetters)
	}
	ids := []string{res.Docs[0].ID, res.Docs[1].ID}
	if ids[0] != "hsm-kdnzrbdd5ks-1-1795773600500000" || ids[1] != "hsm-kdnzrbdd5ks-2-1795773601500000" {
		t.Errorf("ids %q", ids)
	}
	for _, d := range res.Docs {
		if !bytes.Contains(d.Body, []byte(`"log_group":"/aws/cloudhsm/cluster-2sdq3ftzp6a"`)) {
			t.Errorf("document without the message's delivery: %s", d.Body)
		}
	}
}

// FuzzNormalize feeds single records to Normalize: an error or a valid
// document, never a panic.
func FuzzNormalize(f *testing.F) {
	f.Add([]byte("Time: 11/27/26 10:03:14.250001, usecs:1795773794250001\nVersion No : 0x2\nSequence No : 0x36\nReboot counter : 0x2a\nOpcode : CN_CHANGE_PSWD (0x9)\nCommand Type(hex) : CN_MGMT_CMD (0x0)\nUser id : 0x3\nSession Handle : 0x1a004004\nResponse : 0:HSM Return: SUCCESS\nLog type : MGMT_USER_DETAILS_LOG (2)\nlocal time : 11/27/26 10:03:14.249870, usec:1795773794249870\nhost time : 11/27/26 10:03:14.250001 usec:1795773794250001\npropagation delay : usec:131\nUser Name : admin\nUser Type : CN_CRYPTO_OFFICER (2)\nTarget User Name : app\nTarget User Type : CN_CRYPTO_USER (1)\nTarget User id : 0x7\nMfa enabled : false\nOperation : SHARE (1)\nNumber of Users : 2\nUserIDs : 7\nX.y : z\nodd"))
	f.Add([]byte("Time: 01/24/18 17:41:39.037255, usecs:1516815699037255\nResponse : 157:HSM Error: user isn't initialized"))
	info := cloudhsm.New().Info()
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev ecs.Event
		if err := cloudhsm.Normalize(siem.Record{Record: parser.Record{Data: data}}, &ev); err != nil {
			if err.Error() == "" {
				t.Fatal("error without a reason")
			}
			return
		}
		if err := ev.Err(); err != nil {
			t.Fatalf("invalid field: %v", err)
		}
		doc := ev.AppendJSON(nil)
		if err := info.CheckDocument(doc); err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
	})
}
