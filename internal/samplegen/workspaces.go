package samplegen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"
)

// WorkSpaces returns n Amazon WorkSpaces records as EventBridge events
// written back to back by Firehose, uncompressed: WorkSpaces Access
// events (successful and failed logins from every client platform, IPv4
// and IPv6 clients) and, every tenth event, an inventory page of the
// reference system's Lambda (a fake EventBridge envelope around a
// DescribeWorkspaces page) holding five WorkSpaces of varied states,
// bundles and properties. Every WorkSpace counts as one record.
func WorkSpaces(n int) []byte {
	r := rand.New(rand.NewPCG(0x3057, 0xacce55))
	base := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	platforms := []struct{ platform, product, version string }{
		{"Windows", "WorkSpaces Desktop client", "5.22.1.4713"},
		{"MacOS", "WorkSpaces Mac client", "5.21.0.3380"},
		{"Linux", "WorkSpaces Linux client", "2024.8.5130"},
		{"Web", "WorkSpaces Web Access", "Chrome 131.0.0.0"},
		{"iPad", "WorkSpaces iPad client", "3.1.9"},
	}
	states := []string{"AVAILABLE", "STOPPED", "UPDATING", "REBOOTING", "ERROR", "PENDING"}
	computes := []string{"VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO"}
	var out []byte
	for i := 0; i < n; {
		t := base.Add(time.Duration(i) * 1700 * time.Millisecond)
		id := fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", r.Uint32(), r.IntN(1<<16), r.IntN(1<<12), r.IntN(1<<12), r.Uint64()&(1<<48-1))
		env := map[string]any{"version": "0", "id": id, "account": "123456789012", "region": "ap-northeast-1", "resources": []string{}, "time": t.Format(time.RFC3339)}
		if i%10 == 9 && n-i >= 5 {
			env["detail-type"] = "WorkSpaces Fake"
			env["source"] = "aws.fake.workspaces"
			var page []any
			for j := 0; j < 5; j++ {
				ws := map[string]any{
					"WorkspaceId": fmt.Sprintf("ws-%09x", r.Uint64()&(1<<36-1)), "DirectoryId": "d-95671a2b3c",
					"UserName": fmt.Sprintf("user%04d", r.IntN(5000)), "State": states[r.IntN(len(states))],
					"BundleId": fmt.Sprintf("wsb-%09x", r.IntN(8)), "SubnetId": "subnet-0a1b2c3d4e5f60718",
					"ComputerName":                fmt.Sprintf("WSAMZN-%08X", r.Uint32()),
					"UserVolumeEncryptionEnabled": r.IntN(2) == 0, "RootVolumeEncryptionEnabled": r.IntN(2) == 0,
					"WorkspaceProperties": map[string]any{
						"RunningMode": []string{"AUTO_STOP", "ALWAYS_ON"}[r.IntN(2)], "RunningModeAutoStopTimeoutInMinutes": 60 * (1 + r.IntN(3)),
						"RootVolumeSizeGib": 80, "UserVolumeSizeGib": 10 * (1 + r.IntN(10)), "ComputeTypeName": computes[r.IntN(len(computes))],
						"Protocols": []string{"WSP"}, "OperatingSystemName": "WINDOWS_SERVER_2022",
					},
				}
				if ws["State"] != "ERROR" {
					ws["IpAddress"] = fmt.Sprintf("10.20.%d.%d", r.IntN(4), 1+r.IntN(250))
				} else {
					ws["ErrorCode"], ws["ErrorMessage"] = "ResourceLimitExceeded", "The subnet has no free IP address."
				}
				if r.IntN(4) == 0 {
					ws["ModificationStates"] = []any{map[string]any{"Resource": "COMPUTE_TYPE", "State": "UPDATE_IN_PROGRESS"}}
				}
				page = append(page, ws)
			}
			env["detail"] = map[string]any{"Workspaces": page}
			i += 5
		} else {
			p := platforms[r.IntN(len(platforms))]
			ip := fmt.Sprintf("198.51.100.%d", 1+r.IntN(254))
			if r.IntN(5) == 0 {
				ip = fmt.Sprintf("2001:db8:%x::%x", r.IntN(1<<16), 1+r.IntN(1<<16-1))
			}
			action := "successfulLogin"
			if r.IntN(6) == 0 {
				action = "failedLogin"
			}
			env["detail-type"] = "WorkSpaces Access"
			env["source"] = "aws.workspaces"
			env["detail"] = map[string]any{
				"clientIpAddress": ip, "actionType": action, "workspacesClientProductName": p.product,
				"loginTime":      t.Add(-time.Duration(r.IntN(15000)) * time.Millisecond).Format("2006-01-02T15:04:05.000Z07:00"),
				"clientPlatform": p.platform, "directoryId": "d-95671a2b3c",
				"workspaceId": fmt.Sprintf("ws-%09x", r.Uint64()&(1<<36-1)), "clientVersion": p.version,
			}
			i++
		}
		b, err := json.Marshal(env)
		if err != nil {
			panic(err) // the values above always encode
		}
		out = append(out, b...)
	}
	return out
}
