package vpcflow

import (
	"path"
	"regexp"
	"time"
)

// keyInfo is what an object's S3 key says about its records. VPC and
// Transit Gateway flow logs share one layout:
//
//	[prefix/]AWSLogs/<account>/vpcflowlogs/<region>/<yyyy>/<mm>/<dd>/[<hh>/]<file>
//	[prefix/]AWSLogs/aws-account-id=<account>/[aws-]service=vpcflowlogs/aws-region=<region>/year=<yyyy>/.../<file>
//	<file> = <account>_vpcflowlogs_<region>_<flow-log-id>_<yyyymmdd>T<hhmm>Z_<hash>.log.gz
type keyInfo struct {
	account string
	region  string
	// delivered is the time in the file name: the end of the five-minute
	// window whose records the file holds.
	delivered time.Time
}

var (
	keyFileName = regexp.MustCompile(`^(\d{12})_vpcflowlogs_([a-z0-9-]+)_[^_]+_(\d{8}T\d{4}Z)_`)
	keyFolders  = regexp.MustCompile(`(?:^|/)AWSLogs/(\d{12})/vpcflowlogs/([a-z0-9-]+)/`)
	keyHive     = regexp.MustCompile(`(?:^|/)AWSLogs/aws-account-id=(\d{12})/(?:aws-)?service=vpcflowlogs/aws-region=([a-z0-9-]+)/`)
)

// parseKey reads what it can from key. Keys of other shapes (local files,
// objects copied under other names) give an empty keyInfo: records then
// rely on their own account-id and region columns.
func parseKey(key string) keyInfo {
	var k keyInfo
	if m := keyFileName.FindStringSubmatch(path.Base(key)); m != nil {
		k.account, k.region = m[1], m[2]
		if t, err := time.Parse("20060102T1504Z", m[3]); err == nil {
			k.delivered = t
		}
		return k
	}
	if m := keyFolders.FindStringSubmatch(key); m != nil {
		k.account, k.region = m[1], m[2]
	} else if m := keyHive.FindStringSubmatch(key); m != nil {
		k.account, k.region = m[1], m[2]
	}
	return k
}
