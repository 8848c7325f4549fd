package deepsecurity

import (
	"bytes"
	"fmt"
	"sync"
	"unsafe"

	"github.com/siem-go/siem/parser/cef"
	"github.com/siem-go/siem/parser/leef"
)

// key names one extension field the mapping knows, whatever its spelling
// in CEF (short or full name) or LEEF.
type key uint8

const (
	kNone key = iota
	kAct
	kSrc
	kDst
	kSpt
	kDpt
	kSmac
	kDmac
	kIn
	kOut
	kProto
	kCnt
	kDvc
	kDvchost
	kSuser
	kSuid
	kDuser
	kShost
	kDhost
	kFname
	kFilePath
	kOldFilePath
	kFileHash
	kFsize
	kMsg
	kRequest
	kTarget
	kTargetID
	kTargetType
	kSproc
	kRt
	kXff
	kResult
	kCat
	kName // LEEF name=
	kDesc // LEEF desc=
	kSev  // LEEF sev=
	kTenant
	kTenantID
	kTags
	kFrameType
	kPacketData
	kMalwareTarget
	kMalwareTargetType
	kFileMD5
	kFileSHA1
	kFileSHA256
	kConfidence
	kRelevantNames
	kCVE
	kCommandLine
	kProcessName
	kAggregationType
	kRepeatCount
	kDevice
	kDevVendor
	kSerial
	kModel
	kComputerName
	kDomainName
	kDeviceType
	kPermission
	nKeys
)

// cefKeys maps the dictionary's short names, and the custom keys Deep
// Security writes, to keys. Full names are turned into short ones by the
// CEF dictionary first.
var cefKeys = map[string]key{
	"act": kAct, "src": kSrc, "dst": kDst, "spt": kSpt, "dpt": kDpt, "smac": kSmac, "dmac": kDmac,
	"in": kIn, "out": kOut, "proto": kProto, "cnt": kCnt, "dvc": kDvc, "dvchost": kDvchost,
	"suser": kSuser, "suid": kSuid, "duser": kDuser, "shost": kShost, "dhost": kDhost,
	"fname": kFname, "filePath": kFilePath, "oldFilePath": kOldFilePath, "oldfilePath": kOldFilePath,
	"fileHash": kFileHash, "fsize": kFsize, "msg": kMsg, "request": kRequest, "target": kTarget,
	"targetID": kTargetID, "targetType": kTargetType, "sproc": kSproc, "rt": kRt, "xff": kXff,
	"result": kResult, "cat": kCat,
	"TrendMicroDsTenant": kTenant, "TrendMicroDsTenantId": kTenantID, "TrendMicroDsTags": kTags,
	"TrendMicroDsFrameType": kFrameType, "TrendMicroDsPacketData": kPacketData,
	"TrendMicroDsMalwareTarget": kMalwareTarget, "TrendMicroDsMalwareTargetType": kMalwareTargetType,
	"TrendMicroDsFileMD5": kFileMD5, "TrendMicroDsFileSHA1": kFileSHA1, "TrendMicroDsFileSHA256": kFileSHA256,
	"TrendMicroDsDetectionConfidence": kConfidence, "TrendMicroDsRelevantDetectionNames": kRelevantNames,
	"TrendMicroDsCve": kCVE, "TrendMicroDsCommandLine": kCommandLine, "TrendMicroDsProcess": kProcessName,
	"processName": kProcessName, "aggregationType": kAggregationType, "repeatCount": kRepeatCount,
	"device": kDevice, "vendor": kDevVendor, "serial": kSerial, "model": kModel,
	"computerName": kComputerName, "domainName": kDomainName, "deviceType": kDeviceType,
	"permission": kPermission, "fileName": kFilePath,
}

// leefKeys are the LEEF spellings that differ from CEF's; every other
// LEEF key is looked up in cefKeys.
var leefKeys = map[string]key{
	"usrName": kSuser, "srcPort": kSpt, "dstPort": kDpt, "srcMAC": kSmac, "dstMAC": kDmac,
	"srcBytes": kIn, "dstBytes": kOut, "name": kName, "desc": kDesc, "sev": kSev,
	"devTime": kRt, "url": kRequest,
}

// custom is one of the CEF custom pairs (cs1 with cs1Label...), whose
// meaning is its label.
type custom struct {
	value, label []byte
	set          bool
}

// Custom slots: cs1-cs7, cn1-cn3, c6a1-c6a4, cfp1-cfp4, flexString1-2,
// flexNumber1-2, flexDate1.
const (
	csBase   = 0
	cnBase   = 7
	c6aBase  = 10
	cfpBase  = 14
	flexBase = 18
	nCustom  = 23
)

// customNames are the slots' keys, for an unlabelled custom value.
var customNames = [nCustom]string{
	"cs1", "cs2", "cs3", "cs4", "cs5", "cs6", "cs7", "cn1", "cn2", "cn3",
	"c6a1", "c6a2", "c6a3", "c6a4", "cfp1", "cfp2", "cfp3", "cfp4",
	"flexString1", "flexString2", "flexNumber1", "flexNumber2", "flexDate1",
}

// customSlot reads a custom key in its short form: the slot, and whether
// the key is the label's.
func customSlot(k []byte) (slot int, label, ok bool) {
	k, label = bytes.CutSuffix(k, labelSuffix)
	for i, name := range customNames {
		if string(k) == name {
			return i, label, true
		}
	}
	return 0, false, false
}

var labelSuffix = []byte("Label")

// extra is a pair with no mapping of its own, kept in the extensions object.
type extra struct{ key, value []byte }

// record is one Deep Security event, CEF or LEEF, read into named slots.
type record struct {
	leef                                         bool
	prefix                                       []byte
	vendor, product, version, sigID, name, sever []byte
	v                                            [nKeys][]byte
	custom                                       [nCustom]custom
	extras                                       []extra

	cef     cef.Record
	leefRec leef.Record
	buf     []byte
}

var records = sync.Pool{New: func() any { return new(record) }}

func (r *record) reset() {
	r.leef = false
	r.prefix, r.vendor, r.product, r.version, r.sigID, r.name, r.sever = nil, nil, nil, nil, nil, nil, nil
	r.v = [nKeys][]byte{}
	r.custom = [nCustom]custom{}
	r.extras = r.extras[:0]
	r.buf = r.buf[:0]
}

var (
	cefMagic  = []byte("CEF:")
	leefMagic = []byte("LEEF:")
)

// parse reads a CEF or LEEF record, whichever starts first in data.
func (r *record) parse(data []byte) error {
	r.reset()
	c, l := bytes.Index(data, cefMagic), bytes.Index(data, leefMagic)
	switch {
	case c < 0 && l < 0:
		return fmt.Errorf(`neither "CEF:" nor "LEEF:" in the record: not a Deep Security syslog event`)
	case c >= 0 && (l < 0 || c < l):
		return r.parseCEF(data)
	default:
		return r.parseLEEF(data)
	}
}

func (r *record) parseCEF(data []byte) error {
	if err := cef.Parse(data, &r.cef); err != nil {
		return fmt.Errorf("CEF: %w", err)
	}
	c := &r.cef
	r.prefix, r.vendor, r.product, r.version = c.Prefix, c.DeviceVendor, c.DeviceProduct, c.DeviceVersion
	r.sigID, r.name, r.sever = c.SignatureID, c.Name, c.Severity
	for i := range c.Fields {
		f := &c.Fields[i]
		if std, ok := f.Standard(); ok {
			k, known := cefKeys[std.Short]
			r.set(k, known, unsafeBytes(std.Short), f.Key, f.Value)
			continue
		}
		k, known := cefKeys[string(f.Key)]
		r.set(k, known, f.Key, f.Key, f.Value)
	}
	return nil
}

func (r *record) parseLEEF(data []byte) error {
	if err := leef.Parse(data, &r.leefRec); err != nil {
		return fmt.Errorf("LEEF: %w", err)
	}
	l := &r.leefRec
	r.leef = true
	r.prefix, r.vendor, r.product, r.version, r.sigID = l.Prefix, l.Vendor, l.Product, l.ProductVersion, l.EventID
	for i := range l.Attributes {
		a := &l.Attributes[i]
		if k, ok := leefKeys[string(a.Key)]; ok {
			r.v[k] = a.Value
			continue
		}
		k, known := cefKeys[string(a.Key)]
		r.set(k, known, a.Key, a.Key, a.Value)
	}
	r.name, r.sever = r.v[kName], r.v[kSev]
	if len(r.name) == 0 {
		r.name = r.v[kDesc]
	}
	return nil
}

// set files one pair under its key, its custom slot or the extras. A
// later pair with the same key wins, as in the parsers' Get.
// short is the key's short CEF name, rawKey the key as written.
func (r *record) set(k key, known bool, short, rawKey, value []byte) {
	if known {
		r.v[k] = value
		return
	}
	if slot, label, ok := customSlot(short); ok {
		if label {
			r.custom[slot].label = value
		} else {
			r.custom[slot].value = value
			r.custom[slot].set = true
		}
		return
	}
	for i := range r.extras {
		if bytes.Equal(r.extras[i].key, rawKey) {
			r.extras[i].value = value
			return
		}
	}
	r.extras = append(r.extras, extra{key: rawKey, value: value})
}

// unsafeBytes views a constant string's bytes without copying; the result
// is only read.
func unsafeBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }
