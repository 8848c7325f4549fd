package syslog

import "strconv"

// Severity is the low three bits of a priority, 0 (most severe) to 7.
type Severity uint8

// The severities of RFC 5424 section 6.2.1, named as syslog.h names them.
const (
	SeverityEmerg Severity = iota
	SeverityAlert
	SeverityCrit
	SeverityErr
	SeverityWarning
	SeverityNotice
	SeverityInfo
	SeverityDebug
)

var severityNames = [...]string{"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"}

// String returns the severity's syslog name: "emerg", "alert", "crit",
// "err", "warning", "notice", "info" or "debug".
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "Severity(" + strconv.Itoa(int(s)) + ")"
}

// Facility is the high bits of a priority, 0 to 23.
type Facility uint8

// The facilities of RFC 5424 section 6.2.1.
const (
	FacilityKern Facility = iota
	FacilityUser
	FacilityMail
	FacilityDaemon
	FacilityAuth
	FacilitySyslog
	FacilityLPR
	FacilityNews
	FacilityUUCP
	FacilityCron
	FacilityAuthPriv
	FacilityFTP
	FacilityNTP
	FacilityLogAudit
	FacilityLogAlert
	FacilityClock
	FacilityLocal0
	FacilityLocal1
	FacilityLocal2
	FacilityLocal3
	FacilityLocal4
	FacilityLocal5
	FacilityLocal6
	FacilityLocal7
)

var facilityNames = [...]string{
	"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", "ntp", "log-audit", "log-alert", "clock",
	"local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
}

// String returns the facility's name: "kern", "user", "mail", "daemon",
// "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
// "ntp", "log-audit", "log-alert", "clock", or "local0" to "local7".
// syslog.h names only 0 to 11 and 16 to 23; 12 to 15 follow RFC 5424's
// descriptions.
func (f Facility) String() string {
	if int(f) < len(facilityNames) {
		return facilityNames[f]
	}
	return "Facility(" + strconv.Itoa(int(f)) + ")"
}
