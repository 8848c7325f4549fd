package windows

import (
	"strconv"
	"strings"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/parser/winevent"
)

// zeroGUID is the GUID Sysmon writes for "none".
const zeroGUID = "{00000000-0000-0000-0000-000000000000}"

// mapSysmon maps Sysmon events 1 (process creation), 3 (network
// connection) and 11 (file created) as Elastic's Windows integration
// does (sysmon_operational); other Sysmon events keep their EventData
// only.
func mapSysmon(ev *ecs.Event, e *winevent.Event, id uint32, f *fields) {
	sysmon := func(name string) string {
		v := data(e, name)
		if v == zeroGUID {
			return ""
		}
		return v
	}
	switch id {
	case 1:
		ev.Keyword("event.action", "Process Create (rule: ProcessCreate)")
		ev.Keywords("event.category", "process")
		ev.Keywords("event.type", "start")
		pid(ev, "process.parent.pid", sysmon("ParentProcessId"))
		executable(ev, "process.parent.executable", "process.parent.name", sysmon("ParentImage"))
		ev.Keyword("process.parent.entity_id", sysmon("ParentProcessGuid"))
		if cl := sysmon("ParentCommandLine"); cl != "" {
			ev.Keyword("process.parent.command_line", cl)
			ev.Keywords("process.parent.args", splitArgs(cl)...)
		}
		if cl := sysmon("CommandLine"); cl != "" {
			ev.Keyword("process.command_line", cl)
			ev.Keywords("process.args", splitArgs(cl)...)
		}
		ev.Keyword("process.working_directory", sysmon("CurrentDirectory"))
		ev.Keyword("process.pe.original_file_name", sysmon("OriginalFileName"))
		ev.Keyword("process.pe.company", sysmon("Company"))
		ev.Keyword("process.pe.description", sysmon("Description"))
		ev.Keyword("process.pe.file_version", sysmon("FileVersion"))
		ev.Keyword("process.pe.product", sysmon("Product"))
		hashes(ev, sysmon("Hashes"))
	case 3:
		ev.Keyword("event.action", "Network connection detected (rule: NetworkConnect)")
		ev.Keywords("event.category", "network")
		ev.Keywords("event.type", "start", "connection", "protocol")
		f.srcIP, _ = parseIP(sysmon("SourceIp"))
		f.dstIP, _ = parseIP(sysmon("DestinationIp"))
		port(ev, "source.port", sysmon("SourcePort"))
		port(ev, "destination.port", sysmon("DestinationPort"))
		ev.Keyword("source.domain", sysmon("SourceHostname"))
		ev.Keyword("destination.domain", sysmon("DestinationHostname"))
		ev.Keyword("network.transport", strings.ToLower(sysmon("Protocol")))
		switch strings.ToLower(sysmon("Initiated")) {
		case "true":
			ev.Keyword("network.direction", "egress")
		case "false":
			ev.Keyword("network.direction", "ingress")
		}
		switch {
		case f.srcIP.Is4():
			ev.Keyword("network.type", "ipv4")
		case f.srcIP.Is6():
			ev.Keyword("network.type", "ipv6")
		}
	case 11:
		ev.Keyword("event.action", "File created (rule: FileCreate)")
		ev.Keywords("event.category", "file")
		ev.Keywords("event.type", "creation")
		filePath(ev, sysmon("TargetFilename"))
	default:
		return
	}
	// Every Sysmon event names its process and user.
	pid(ev, "process.pid", sysmon("ProcessId"))
	executable(ev, "process.executable", "process.name", sysmon("Image"))
	ev.Keyword("process.entity_id", sysmon("ProcessGuid"))
	if u := sysmon("User"); u != "" {
		if dom, name, ok := strings.Cut(u, `\`); ok {
			f.user = account{name: name, domain: dom}
		} else {
			f.user = account{name: u}
		}
	}
}

func port(ev *ecs.Event, path, v string) {
	if n, err := strconv.ParseUint(v, 10, 16); err == nil {
		ev.Long(path, int64(n))
	}
}

// hashes reads Sysmon's "SHA1=...,MD5=...,SHA256=...,IMPHASH=..." list.
func hashes(ev *ecs.Event, list string) {
	for part := range strings.SplitSeq(list, ",") {
		alg, h, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || h == "" || strings.Trim(h, "0") == "" {
			continue
		}
		h = strings.ToLower(h)
		switch strings.ToUpper(alg) {
		case "MD5":
			ev.Keyword("process.hash.md5", h)
		case "SHA1":
			ev.Keyword("process.hash.sha1", h)
		case "SHA256":
			ev.Keyword("process.hash.sha256", h)
		case "SHA384":
			ev.Keyword("process.hash.sha384", h)
		case "SHA512":
			ev.Keyword("process.hash.sha512", h)
		case "IMPHASH":
			ev.Keyword("process.pe.imphash", h)
		}
	}
}
