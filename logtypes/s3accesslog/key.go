package s3accesslog

import "regexp"

// origin is what an object's key says about all its records. Only keys
// in the date-based partitioning format say anything:
//
//	<TargetPrefix><SourceAccountId>/<SourceRegion>/<SourceBucket>/YYYY/MM/DD/YYYY-MM-DD-hh-mm-ss-<UniqueString>
//
// The simple format, <TargetPrefix>YYYY-mm-DD-HH-MM-SS-<UniqueString>,
// names neither the account nor the region: the target prefix is the
// bucket owner's free text.
type origin struct {
	account, region, bucket string
}

// partitioned matches the partitioned format from the account on. The
// account must not follow a digit, so that twelve digits at the end of a
// longer number are not taken for one; the prefix may end in anything
// else, a slash or not. The date folders must repeat the file name's date,
// as S3 writes them.
var partitioned = regexp.MustCompile(`(?:^|[^0-9])(\d{12})/([a-z]{2}(?:-[a-z]+)+-\d{1,2})/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(\d{4})/(\d{2})/(\d{2})/(\d{4})-(\d{2})-(\d{2})-\d{2}-\d{2}-\d{2}-[0-9A-Z]{16}(?:\.gz)?$`)

// originOf reads the origin of a key; other keys give the zero origin.
func originOf(key string) origin {
	m := partitioned.FindStringSubmatch(key)
	if m == nil || m[4] != m[7] || m[5] != m[8] || m[6] != m[9] {
		return origin{}
	}
	return origin{account: m[1], region: m[2], bucket: m[3]}
}
