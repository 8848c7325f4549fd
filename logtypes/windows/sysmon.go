package windows

import (
	"strings"

	"github.com/siem-go/siem/communityid"
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
		srcPort, dstPort := parsePort(sysmon("SourcePort")), parsePort(sysmon("DestinationPort"))
		writePort(ev, "source.port", srcPort)
		writePort(ev, "destination.port", dstPort)
		f.srcDomain = sysmon("SourceHostname")
		f.dstDomain = sysmon("DestinationHostname")
		transport := strings.ToLower(sysmon("Protocol"))
		ev.Keyword("network.transport", transport)
		switch transport {
		case "tcp":
			communityID(ev, f.srcIP, f.dstIP, communityid.ProtoTCP, srcPort, dstPort)
		case "udp":
			communityID(ev, f.srcIP, f.dstIP, communityid.ProtoUDP, srcPort, dstPort)
		}
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

// hashes reads Sysmon's "SHA1=...,MD5=...,SHA256=...,IMPHASH=..." list
// into process.hash.* and process.pe.imphash, and every hash into
// related.hash. A hash of zeros (Sysmon's "none") is left out.
func hashes(ev *ecs.Event, list string) {
	var related [6]string
	n := 0
	for part := range strings.SplitSeq(list, ",") {
		alg, h, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || h == "" || strings.Trim(h, "0") == "" {
			continue
		}
		var path string
		switch strings.ToUpper(alg) {
		case "MD5":
			path = "process.hash.md5"
		case "SHA1":
			path = "process.hash.sha1"
		case "SHA256":
			path = "process.hash.sha256"
		case "SHA384":
			path = "process.hash.sha384"
		case "SHA512":
			path = "process.hash.sha512"
		case "IMPHASH":
			path = "process.pe.imphash"
		default:
			continue
		}
		h = strings.ToLower(h)
		ev.Keyword(path, h)
		if n < len(related) {
			related[n] = h
			n++
		}
	}
	ev.Keywords("related.hash", related[:n]...)
}
