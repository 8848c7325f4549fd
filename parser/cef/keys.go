package cef

// Key is one entry of the CEF extension dictionary: the key a producer
// writes and the full name the CEF specification gives it. Most keys have a
// short form ("src" for "sourceAddress"); keys the specification names only
// in full ("filePath", "deviceCustomDate1") have Short equal to Full.
type Key struct {
	Short string
	Full  string
}

// keys is the dictionary in the specification's order (by full name). A
// field's id is its index here plus one, so that the zero Field is "not
// looked up".
var keys = []Key{
	{"agt", "agentAddress"},
	{"agentDnsDomain", "agentDnsDomain"},
	{"ahost", "agentHostName"},
	{"aid", "agentId"},
	{"amac", "agentMacAddress"},
	{"agentNtDomain", "agentNtDomain"},
	{"art", "agentReceiptTime"},
	{"atz", "agentTimeZone"},
	{"agentTranslatedAddress", "agentTranslatedAddress"},
	{"agentTranslatedZoneExternalID", "agentTranslatedZoneExternalID"},
	{"agentTranslatedZoneURI", "agentTranslatedZoneURI"},
	{"at", "agentType"},
	{"av", "agentVersion"},
	{"agentZoneExternalID", "agentZoneExternalID"},
	{"agentZoneURI", "agentZoneURI"},
	{"app", "applicationProtocol"},
	{"cnt", "baseEventCount"},
	{"in", "bytesIn"},
	{"out", "bytesOut"},
	// Not in the specification's table but written by ArcSight connectors
	// and read by every CEF consumer.
	{"catdt", "categoryDeviceType"},
	{"customerExternalID", "customerExternalID"},
	{"customerURI", "customerURI"},
	{"dst", "destinationAddress"},
	{"destinationDnsDomain", "destinationDnsDomain"},
	{"dlat", "destinationGeoLatitude"},
	{"dlong", "destinationGeoLongitude"},
	{"dhost", "destinationHostName"},
	{"dmac", "destinationMacAddress"},
	{"dntdom", "destinationNtDomain"},
	{"dpt", "destinationPort"},
	{"dpid", "destinationProcessId"},
	{"dproc", "destinationProcessName"},
	{"destinationServiceName", "destinationServiceName"},
	{"destinationTranslatedAddress", "destinationTranslatedAddress"},
	{"destinationTranslatedPort", "destinationTranslatedPort"},
	{"destinationTranslatedZoneExternalID", "destinationTranslatedZoneExternalID"},
	{"destinationTranslatedZoneURI", "destinationTranslatedZoneURI"},
	{"duid", "destinationUserId"},
	{"duser", "destinationUserName"},
	{"dpriv", "destinationUserPrivileges"},
	{"destinationZoneExternalID", "destinationZoneExternalID"},
	{"destinationZoneURI", "destinationZoneURI"},
	{"act", "deviceAction"},
	{"dvc", "deviceAddress"},
	{"deviceCustomDate1", "deviceCustomDate1"},
	{"deviceCustomDate1Label", "deviceCustomDate1Label"},
	{"deviceCustomDate2", "deviceCustomDate2"},
	{"deviceCustomDate2Label", "deviceCustomDate2Label"},
	{"cfp1", "deviceCustomFloatingPoint1"},
	{"cfp1Label", "deviceCustomFloatingPoint1Label"},
	{"cfp2", "deviceCustomFloatingPoint2"},
	{"cfp2Label", "deviceCustomFloatingPoint2Label"},
	{"cfp3", "deviceCustomFloatingPoint3"},
	{"cfp3Label", "deviceCustomFloatingPoint3Label"},
	{"cfp4", "deviceCustomFloatingPoint4"},
	{"cfp4Label", "deviceCustomFloatingPoint4Label"},
	{"c6a1", "deviceCustomIPv6Address1"},
	{"c6a1Label", "deviceCustomIPv6Address1Label"},
	{"c6a2", "deviceCustomIPv6Address2"},
	{"c6a2Label", "deviceCustomIPv6Address2Label"},
	{"c6a3", "deviceCustomIPv6Address3"},
	{"c6a3Label", "deviceCustomIPv6Address3Label"},
	{"c6a4", "deviceCustomIPv6Address4"},
	{"c6a4Label", "deviceCustomIPv6Address4Label"},
	{"cn1", "deviceCustomNumber1"},
	{"cn1Label", "deviceCustomNumber1Label"},
	{"cn2", "deviceCustomNumber2"},
	{"cn2Label", "deviceCustomNumber2Label"},
	{"cn3", "deviceCustomNumber3"},
	{"cn3Label", "deviceCustomNumber3Label"},
	{"cs1", "deviceCustomString1"},
	{"cs1Label", "deviceCustomString1Label"},
	{"cs2", "deviceCustomString2"},
	{"cs2Label", "deviceCustomString2Label"},
	{"cs3", "deviceCustomString3"},
	{"cs3Label", "deviceCustomString3Label"},
	{"cs4", "deviceCustomString4"},
	{"cs4Label", "deviceCustomString4Label"},
	{"cs5", "deviceCustomString5"},
	{"cs5Label", "deviceCustomString5Label"},
	{"cs6", "deviceCustomString6"},
	{"cs6Label", "deviceCustomString6Label"},
	{"deviceDirection", "deviceDirection"},
	{"deviceDnsDomain", "deviceDnsDomain"},
	{"cat", "deviceEventCategory"},
	{"deviceExternalId", "deviceExternalId"},
	{"deviceFacility", "deviceFacility"},
	{"dvchost", "deviceHostName"},
	{"deviceInboundInterface", "deviceInboundInterface"},
	{"dvcmac", "deviceMacAddress"},
	{"deviceNtDomain", "deviceNtDomain"},
	{"deviceOutboundInterface", "deviceOutboundInterface"},
	{"devicePayloadId", "devicePayloadId"},
	{"dvcpid", "deviceProcessId"},
	{"deviceProcessName", "deviceProcessName"},
	{"rt", "deviceReceiptTime"},
	{"dtz", "deviceTimeZone"},
	{"deviceTranslatedAddress", "deviceTranslatedAddress"},
	{"deviceTranslatedZoneExternalID", "deviceTranslatedZoneExternalID"},
	{"deviceTranslatedZoneURI", "deviceTranslatedZoneURI"},
	{"deviceZoneExternalID", "deviceZoneExternalID"},
	{"deviceZoneURI", "deviceZoneURI"},
	{"end", "endTime"},
	{"eventId", "eventId"},
	{"outcome", "eventOutcome"},
	{"externalId", "externalId"},
	{"fileCreateTime", "fileCreateTime"},
	{"fileHash", "fileHash"},
	{"fileId", "fileId"},
	{"fileModificationTime", "fileModificationTime"},
	{"fname", "filename"},
	{"filePath", "filePath"},
	{"filePermission", "filePermission"},
	{"fsize", "fileSize"},
	{"fileType", "fileType"},
	{"flexDate1", "flexDate1"},
	{"flexDate1Label", "flexDate1Label"},
	{"flexNumber1", "flexNumber1"},
	{"flexNumber1Label", "flexNumber1Label"},
	{"flexNumber2", "flexNumber2"},
	{"flexNumber2Label", "flexNumber2Label"},
	{"flexString1", "flexString1"},
	{"flexString1Label", "flexString1Label"},
	{"flexString2", "flexString2"},
	{"flexString2Label", "flexString2Label"},
	{"msg", "message"},
	{"oldFileCreateTime", "oldFileCreateTime"},
	{"oldFileHash", "oldFileHash"},
	{"oldFileId", "oldFileId"},
	{"oldFileModificationTime", "oldFileModificationTime"},
	{"oldFileName", "oldFileName"},
	{"oldFilePath", "oldFilePath"},
	{"oldFilePermission", "oldFilePermission"},
	{"oldFileSize", "oldFileSize"},
	{"oldFileType", "oldFileType"},
	{"rawEvent", "rawEvent"},
	{"reason", "reason"},
	{"requestClientApplication", "requestClientApplication"},
	{"requestContext", "requestContext"},
	{"requestCookies", "requestCookies"},
	{"requestMethod", "requestMethod"},
	{"request", "requestUrl"},
	{"src", "sourceAddress"},
	{"sourceDnsDomain", "sourceDnsDomain"},
	{"slat", "sourceGeoLatitude"},
	{"slong", "sourceGeoLongitude"},
	{"shost", "sourceHostName"},
	{"smac", "sourceMacAddress"},
	{"sntdom", "sourceNtDomain"},
	{"spt", "sourcePort"},
	{"spid", "sourceProcessId"},
	{"sproc", "sourceProcessName"},
	{"sourceServiceName", "sourceServiceName"},
	{"sourceTranslatedAddress", "sourceTranslatedAddress"},
	{"sourceTranslatedPort", "sourceTranslatedPort"},
	{"sourceTranslatedZoneExternalID", "sourceTranslatedZoneExternalID"},
	{"sourceTranslatedZoneURI", "sourceTranslatedZoneURI"},
	{"suid", "sourceUserId"},
	{"suser", "sourceUserName"},
	{"spriv", "sourceUserPrivileges"},
	{"sourceZoneExternalID", "sourceZoneExternalID"},
	{"sourceZoneURI", "sourceZoneURI"},
	{"start", "startTime"},
	{"proto", "transportProtocol"},
	{"type", "type"},
}

// aliases are spellings found in published key tables and in producers'
// output for keys of the dictionary: the specification's own "C6a4Label",
// and capitalised forms of full names.
var aliases = map[string]string{
	"C6a4Label":               "c6a4Label",
	"fileName":                "filename",
	"DevicePayloadId":         "devicePayloadId",
	"DeviceOutboundInterface": "deviceOutboundInterface",
	"Reason":                  "reason",
}

// labelSuffix ends the name of a key that labels a custom field: cs1Label
// names what cs1 holds.
const labelSuffix = "Label"

var (
	// keyIDs maps every short name, full name and alias to its id.
	keyIDs = make(map[string]int16, 2*len(keys)+len(aliases))
	// labelOf[id] is the id of the key labelling key id, or 0;
	// labelled[id] is the id of the key labelled by key id, or 0.
	labelOf  = make([]int16, len(keys)+1)
	labelled = make([]int16, len(keys)+1)
)

func init() {
	for i, k := range keys {
		id := int16(i + 1)
		keyIDs[k.Short] = id
		keyIDs[k.Full] = id
	}
	for alias, name := range aliases {
		keyIDs[alias] = keyIDs[name]
	}
	for i, k := range keys {
		if len(k.Short) > len(labelSuffix) && k.Short[len(k.Short)-len(labelSuffix):] == labelSuffix {
			if target := keyIDs[k.Short[:len(k.Short)-len(labelSuffix)]]; target != 0 {
				labelled[i+1] = target
				labelOf[target] = int16(i + 1)
			}
		}
	}
}

// LookupKey returns the dictionary entry of a key given in either form:
// LookupKey("src") and LookupKey("sourceAddress") both return
// {Short: "src", Full: "sourceAddress"}. Keys are case-sensitive.
func LookupKey(name string) (Key, bool) {
	if id := keyIDs[name]; id != 0 {
		return keys[id-1], true
	}
	return Key{}, false
}

// Keys returns a copy of the extension dictionary, ordered by full name as
// the specification lists it.
func Keys() []Key {
	return append([]Key(nil), keys...)
}

// keyID returns the id of key, or -1 when the dictionary does not hold it.
func keyID(key []byte) int16 {
	if id := keyIDs[string(key)]; id != 0 {
		return id
	}
	return -1
}
