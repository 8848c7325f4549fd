package guardduty

// samples is the repository's sample tree, laid out as S3 keys.
const samples = "../../testdata"

const (
	keyExport   = "AWSLogs/123456789012/GuardDuty/us-east-1/2026/11/27/5c1f3a2e-8d4b-3f6a-9e7c-2b1d0a9f8e7d.jsonl.gz"
	keyFirehose = "GuardDuty/2026/11/27/10/siem-guardduty-findings-1-2026-11-27-10-05-00-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d.gz"
	keyConsole  = "GuardDuty/console-export/2026-11-27-findings.json"
)
