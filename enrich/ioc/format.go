package ioc

// The database file format, version 1. All integers are little-endian.
//
//	header (64 bytes)
//	  0  magic       "\x89IOCDB\r\n" (the high byte and the CR LF expose
//	                  files mangled by text-mode transfers)
//	  8  version     uint32 (1)
//	 12  header size uint32 (64)
//	 16  built       int64, Unix nanoseconds
//	 24  strings     uint32, entries in the string table (entry 0 is "")
//	 28  string data uint32, bytes of string data
//	 32  records     uint32
//	 36  ipv4        uint32, IPv4 prefix entries
//	 40  ipv6        uint32, IPv6 prefix entries
//	 44  domains     uint32, domain entries
//	 48  checksum    uint64, XXH3-64 of everything after the header
//	 56  reserved    8 zero bytes
//	string offsets   (strings+1) × uint32; string i is data[off[i]:off[i+1]]
//	string data
//	records          records × 40 bytes, grouped by key (see below)
//	ipv4 entries     ipv4 × 16 bytes: addr [4], bits u8, 3 zero bytes, first record u32, record count u32
//	ipv6 entries     ipv6 × 28 bytes: addr [16], bits u8, 3 zero bytes, first record u32, record count u32
//	domain entries   domains × 16 bytes: XXH3-64 of the name u64, first record u32, record count u32
//
// A record is one deduplicated indicator:
//
//	 0  type        u8 (Type)
//	 1  confidence  u8 (Confidence)
//	 2  reserved    2 zero bytes
//	 4  key         u32 string: the domain of a domain indicator or the host
//	                name of a URL indicator; 0 for IP keys
//	 8  url         u32 string: the URL of a URL indicator, else 0
//	12  provider    u32 string
//	16  description u32 string
//	20  reference   u32 string
//	24  first seen  int64 Unix seconds, 0 when unknown
//	32  last seen   int64 Unix seconds, 0 when unknown
//
// Entries are sorted (prefixes by address then length, domains by hash)
// and each points at the run of records sharing its key. Two names whose
// hashes collide share one entry; lookups compare the record keys, so a
// collision costs a comparison, never a false match.
const (
	magic         = "\x89IOCDB\r\n"
	formatVersion = 1
	headerSize    = 64
	recordSize    = 40
	ipv4EntrySize = 16
	ipv6EntrySize = 28
	domainEntrySz = 16
)

// Header field offsets.
const (
	offVersion     = 8
	offHeaderSize  = 12
	offBuilt       = 16
	offStrings     = 24
	offStringBytes = 28
	offRecords     = 32
	offIPv4        = 36
	offIPv6        = 40
	offDomains     = 44
	offChecksum    = 48
)

// Record field offsets.
const (
	recType        = 0
	recConfidence  = 1
	recKey         = 4
	recURL         = 8
	recProvider    = 12
	recDescription = 16
	recReference   = 20
	recFirstSeen   = 24
	recLastSeen    = 32
)
