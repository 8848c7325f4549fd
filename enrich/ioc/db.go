package ioc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/netip"
	"os"
	"time"

	"github.com/gaissmai/bart"
	"github.com/zeebo/xxh3"

	"github.com/siem-go/siem/parser"
)

// DB is a loaded indicator database. It is immutable and safe for
// concurrent use.
//
// Lookups return every indicator that matches, most specific first: for
// an address, all networks that contain it, from the longest prefix to
// the shortest (an exact /32 before its /24 before its /8); for a domain,
// the name itself and then each parent domain in turn. Every address is
// checked, private and loopback ones included.
type DB struct {
	built    time.Time
	offsets  []byte // (strings+1) little-endian uint32
	strs     []byte
	records  []byte
	nStrings uint32
	nIPv4    int
	nIPv6    int
	nDomains int
	// ipRecords counts the records stored under IP prefixes, which come
	// before those stored under domains.
	ipRecords int
	// ip maps each prefix to its records.
	ip bart.Table[ipRun]
	// domains maps the XXH3 of a name to its run of records.
	domains map[uint64]uint64
	// domainBits has the bit of each name's hash set (a one-hash Bloom
	// filter): most names looked up are in no feed, and the bitset, small
	// enough for the CPU cache, rules most of them out before the map.
	domainBits []uint64
}

// CorruptError says that a file is not a readable indicator database.
type CorruptError struct {
	Path   string
	Reason string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("ioc: %s: %s; rebuild it with 'siem ioc build' (or ioc.Build)", e.Path, e.Reason)
}

// Load reads the database file at path. A damaged, truncated or
// half-written file is refused with a *CorruptError.
func Load(path string) (*DB, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ioc: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("ioc: %w", err)
	}
	db, err := Read(f, st.Size())
	var ce *CorruptError
	if errors.As(err, &ce) {
		ce.Path = path
	}
	return db, err
}

// Read reads a database of size bytes from r. Knowing the size up front
// means a damaged header cannot make Read allocate more than the file
// holds.
func Read(r io.Reader, size int64) (*DB, error) {
	corrupt := func(format string, args ...any) error {
		return &CorruptError{Path: "database", Reason: fmt.Sprintf(format, args...)}
	}
	var h [headerSize]byte
	if size < headerSize {
		return nil, corrupt("%d bytes is too short for an indicator database", size)
	}
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, fmt.Errorf("ioc: reading database header: %w", err)
	}
	if string(h[:len(magic)]) != magic {
		return nil, corrupt("not an indicator database (no %q magic at the start)", magic)
	}
	if v := binary.LittleEndian.Uint32(h[offVersion:]); v != formatVersion {
		return nil, corrupt("format version %d is not the version %d this program reads; build the database with the same siem version that reads it", v, formatVersion)
	}
	if hs := binary.LittleEndian.Uint32(h[offHeaderSize:]); hs != headerSize {
		return nil, corrupt("header size %d is not %d", hs, headerSize)
	}
	u32 := func(off int) int64 { return int64(binary.LittleEndian.Uint32(h[off:])) }
	nStrings, stringBytes, nRecords := u32(offStrings), u32(offStringBytes), u32(offRecords)
	nv4, nv6, ndom := u32(offIPv4), u32(offIPv6), u32(offDomains)
	kept := 4*(nStrings+1) + stringBytes + recordSize*nRecords
	entries := ipv4EntrySize*nv4 + ipv6EntrySize*nv6 + domainEntrySz*ndom
	if want := headerSize + kept + entries; want != size {
		return nil, corrupt("the header describes %d bytes but the file has %d: it is truncated or was being written", want, size)
	}

	// What lookups need stays in one allocation; the entries are only
	// read into the lookup tables.
	buf := make([]byte, kept)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, fmt.Errorf("ioc: reading database: %w", err)
	}
	ents := make([]byte, entries)
	if _, err := io.ReadFull(r, ents); err != nil {
		return nil, fmt.Errorf("ioc: reading database: %w", err)
	}
	sum := xxh3.New()
	sum.Write(buf)
	sum.Write(ents)
	if got, want := sum.Sum64(), binary.LittleEndian.Uint64(h[offChecksum:]); got != want {
		return nil, corrupt("checksum mismatch: the file is damaged or was being written")
	}

	db := &DB{
		built:    time.Unix(0, int64(binary.LittleEndian.Uint64(h[offBuilt:]))).UTC(),
		nStrings: uint32(nStrings),
		nIPv4:    int(nv4),
		nIPv6:    int(nv6),
		nDomains: int(ndom),
	}
	db.offsets, buf = buf[:4*(nStrings+1)], buf[4*(nStrings+1):]
	db.strs, db.records = buf[:stringBytes], buf[stringBytes:]
	if err := db.checkStrings(); err != nil {
		return nil, corrupt("%v", err)
	}
	if err := db.checkRecords(); err != nil {
		return nil, corrupt("%v", err)
	}
	if err := db.loadEntries(ents); err != nil {
		return nil, corrupt("%v", err)
	}
	return db, nil
}

func (db *DB) checkStrings() error {
	prev := uint32(0)
	for i := uint32(0); i <= db.nStrings; i++ {
		off := binary.LittleEndian.Uint32(db.offsets[4*i:])
		if off < prev || int(off) > len(db.strs) || (i == 0 && off != 0) {
			return fmt.Errorf("string table offset %d is out of order", i)
		}
		prev = off
	}
	if int(prev) != len(db.strs) {
		return errors.New("string table does not end where its data does")
	}
	return nil
}

func (db *DB) checkRecords() error {
	for i := 0; i < db.numRecords(); i++ {
		r := db.rec(uint32(i))
		if t := Type(r[recType]); t < IPv4 || t > URL {
			return fmt.Errorf("record %d has the unknown type %d", i, t)
		}
		if Confidence(r[recConfidence]) > ConfidenceHigh {
			return fmt.Errorf("record %d has the unknown confidence %d", i, r[recConfidence])
		}
		for _, off := range [...]int{recKey, recURL, recProvider, recDescription, recReference} {
			if binary.LittleEndian.Uint32(r[off:]) >= db.nStrings {
				return fmt.Errorf("record %d names a string past the string table", i)
			}
		}
	}
	return nil
}

// loadEntries fills the lookup tables. Entries must tile the records in
// order, IP prefixes first, so every record belongs to exactly one key
// of the right kind, and prefixes must be sorted, which lets one pass
// find the prefixes that lie inside others.
func (db *DB) loadEntries(ents []byte) error {
	next := uint32(0)
	run := func(b []byte) (first, n uint32, err error) {
		first, n = binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])
		if first != next || n == 0 || uint64(first)+uint64(n) > uint64(db.numRecords()) {
			return 0, 0, fmt.Errorf("entry for records %d+%d does not follow record %d", first, n, next)
		}
		next = first + n
		return first, n, nil
	}
	var outer []netip.Prefix // the enclosing prefixes of the current one
	var prev netip.Prefix
	addPrefix := func(pfx netip.Prefix, e []byte) error {
		if pfx != pfx.Masked() {
			return fmt.Errorf("prefix %s has host bits set", pfx)
		}
		if prev.IsValid() && prev.Addr().Is4() == pfx.Addr().Is4() {
			if c := prev.Addr().Compare(pfx.Addr()); c > 0 || c == 0 && prev.Bits() >= pfx.Bits() {
				return fmt.Errorf("prefix %s follows %s: entries out of order", pfx, prev)
			}
		} else {
			outer = outer[:0]
		}
		prev = pfx
		first, n, err := run(e)
		if err != nil {
			return err
		}
		if n > maxRunCount {
			return fmt.Errorf("%d records under %s, more than %d", n, pfx, maxRunCount)
		}
		for r := first; r < first+n; r++ {
			rec := db.rec(r)
			t := Type(rec[recType])
			ok := t == URL || (t == IPv4 && pfx.Addr().Is4()) || (t == IPv6 && pfx.Addr().Is6())
			if !ok || binary.LittleEndian.Uint32(rec[recKey:]) != 0 || (t == URL && !pfx.IsSingleIP()) {
				return fmt.Errorf("record %d of type %s does not belong to the network %s", r, t, pfx)
			}
		}
		for len(outer) > 0 && !outer[len(outer)-1].Contains(pfx.Addr()) {
			outer = outer[:len(outer)-1]
		}
		db.ip.Insert(pfx, packRun(first, n, pfx.Bits(), len(outer) > 0))
		outer = append(outer, pfx)
		return nil
	}
	for range db.nIPv4 {
		e := ents[:ipv4EntrySize]
		ents = ents[ipv4EntrySize:]
		bits := int(e[4])
		if bits > 32 {
			return fmt.Errorf("IPv4 prefix length %d", bits)
		}
		if err := addPrefix(netip.PrefixFrom(netip.AddrFrom4([4]byte(e[:4])), bits), e[8:]); err != nil {
			return err
		}
	}
	prev = netip.Prefix{}
	for range db.nIPv6 {
		e := ents[:ipv6EntrySize]
		ents = ents[ipv6EntrySize:]
		bits := int(e[16])
		if bits > 128 {
			return fmt.Errorf("IPv6 prefix length %d", bits)
		}
		a := netip.AddrFrom16([16]byte(e[:16]))
		if a.Is4In6() && bits >= 96 {
			return fmt.Errorf("IPv4-mapped prefix %s/%d stored as IPv6", a, bits)
		}
		if err := addPrefix(netip.PrefixFrom(a, bits), e[20:]); err != nil {
			return err
		}
	}
	db.ipRecords = int(next)
	db.domains = make(map[uint64]uint64, db.nDomains)
	for range db.nDomains {
		e := ents[:domainEntrySz]
		ents = ents[domainEntrySz:]
		first, n, err := run(e[8:])
		if err != nil {
			return err
		}
		for r := first; r < first+n; r++ {
			rec := db.rec(r)
			if t := Type(rec[recType]); (t != Domain && t != URL) || binary.LittleEndian.Uint32(rec[recKey:]) == 0 {
				return fmt.Errorf("record %d of type %s has no domain key", r, t)
			}
		}
		h := binary.LittleEndian.Uint64(e)
		if _, dup := db.domains[h]; dup {
			return fmt.Errorf("two entries for the domain hash %#x", h)
		}
		db.domains[h] = uint64(first)<<32 | uint64(n)
	}
	db.domainBits = make([]uint64, filterWords(db.nDomains))
	for h := range db.domains {
		db.setDomainBit(h)
	}
	if int(next) != db.numRecords() {
		return fmt.Errorf("records from %d on belong to no entry", next)
	}
	return nil
}

// filterWords sizes the domain filter at about 16 bits per name (a false
// positive rate near 6%), within 64 bytes and 2 MiB, a power of two.
func filterWords(names int) int {
	words := 1
	for words < names/4 && words < 1<<18 {
		words <<= 1
	}
	return words
}

func (db *DB) setDomainBit(h uint64) {
	bit := h & (uint64(len(db.domainBits))*64 - 1)
	db.domainBits[bit>>6] |= 1 << (bit & 63)
}

func (db *DB) mayHaveDomain(h uint64) bool {
	bit := h & (uint64(len(db.domainBits))*64 - 1)
	return db.domainBits[bit>>6]&(1<<(bit&63)) != 0
}

// ipRun is what the prefix table holds for a prefix: its run of records,
// its length, and whether other prefixes contain it.
//
//	bits 63-32 first record, 31-9 record count, 8-1 prefix length, 0 covered
type ipRun uint64

// maxRunCount is the most records one prefix can hold.
const maxRunCount = 1<<23 - 1

func packRun(first, n uint32, bits int, covered bool) ipRun {
	r := ipRun(first)<<32 | ipRun(n)<<9 | ipRun(bits)<<1
	if covered {
		r |= 1
	}
	return r
}

func (r ipRun) first() uint32             { return uint32(r >> 32) }
func (r ipRun) count() uint32             { return uint32(r>>9) & maxRunCount }
func (r ipRun) bits() int                 { return int(r>>1) & 0xff }
func (r ipRun) covered() bool             { return r&1 != 0 }
func (r ipRun) records() (uint32, uint32) { return r.first(), r.first() + r.count() }

func (db *DB) numRecords() int { return len(db.records) / recordSize }

func (db *DB) rec(i uint32) []byte { return db.records[i*recordSize : (i+1)*recordSize] }

func (db *DB) str(id uint32) []byte {
	a := binary.LittleEndian.Uint32(db.offsets[4*id:])
	b := binary.LittleEndian.Uint32(db.offsets[4*id+4:])
	return db.strs[a:b]
}

func (db *DB) recStr(r []byte, off int) []byte {
	return db.str(binary.LittleEndian.Uint32(r[off:]))
}

func recTime(r []byte, off int) time.Time {
	s := int64(binary.LittleEndian.Uint64(r[off:]))
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

// Built returns the time the database was built.
func (db *DB) Built() time.Time { return db.built }

// Len returns the number of indicators.
func (db *DB) Len() int { return db.numRecords() }

// hit is one matching record; prefix is the network it is stored under,
// zero for records stored under a domain.
type hit struct {
	rec    uint32
	prefix netip.Prefix
}

// matchIP appends the records whose networks contain ip, longest prefix
// first.
func (db *DB) matchIP(ip netip.Addr, dst []hit) []hit {
	ip = ip.Unmap().WithZone("")
	if !ip.IsValid() {
		return dst
	}
	// The longest match is all there is unless its prefix lies inside
	// another, which the loader noted: only then walk the shorter ones.
	r, ok := db.ip.Lookup(ip)
	if !ok {
		return dst
	}
	if !r.covered() {
		pfx := netip.PrefixFrom(ip, r.bits()).Masked()
		for i, end := r.records(); i < end; i++ {
			dst = append(dst, hit{rec: i, prefix: pfx})
		}
		return dst
	}
	for pfx, r := range db.ip.Supernets(netip.PrefixFrom(ip, ip.BitLen())) {
		for i, end := r.records(); i < end; i++ {
			dst = append(dst, hit{rec: i, prefix: pfx})
		}
	}
	return dst
}

// matchDomain appends the records of name and of each of its parent
// domains, most specific first; URL records match their host only. name
// must be normalized.
func (db *DB) matchDomain(name []byte, dst []hit) []hit {
	for parent := false; len(name) > 0; parent = true {
		dst = db.matchName(name, parent, dst)
		i := bytes.IndexByte(name, '.')
		if i < 0 {
			break
		}
		name = name[i+1:]
	}
	return dst
}

// matchName appends the records stored under exactly name.
func (db *DB) matchName(name []byte, parent bool, dst []hit) []hit {
	h := xxh3.Hash(name)
	if !db.mayHaveDomain(h) {
		return dst
	}
	v, ok := db.domains[h]
	if !ok {
		return dst
	}
	for r := uint32(v >> 32); r < uint32(v>>32)+uint32(v); r++ {
		rec := db.rec(r)
		// A URL names one host, not the domain below it.
		if parent && Type(rec[recType]) == URL {
			continue
		}
		if bytes.Equal(db.recStr(rec, recKey), name) {
			dst = append(dst, hit{rec: r})
		}
	}
	return dst
}

// indicator decodes a hit.
func (db *DB) indicator(h hit) Indicator {
	r := db.rec(h.rec)
	ind := Indicator{
		Type:        Type(r[recType]),
		Domain:      string(db.recStr(r, recKey)),
		URL:         string(db.recStr(r, recURL)),
		Provider:    string(db.recStr(r, recProvider)),
		Description: string(db.recStr(r, recDescription)),
		Reference:   string(db.recStr(r, recReference)),
		Confidence:  Confidence(r[recConfidence]),
		FirstSeen:   recTime(r, recFirstSeen),
		LastSeen:    recTime(r, recLastSeen),
	}
	if ind.Domain == "" {
		ind.Prefix = h.prefix
	}
	return ind
}

func (db *DB) indicators(hits []hit) []Indicator {
	if len(hits) == 0 {
		return nil
	}
	out := make([]Indicator, len(hits))
	for i, h := range hits {
		out[i] = db.indicator(h)
	}
	return out
}

// LookupIP returns the indicators whose networks contain ip, longest
// prefix first. IPv4-mapped IPv6 addresses are looked up as IPv4.
func (db *DB) LookupIP(ip netip.Addr) []Indicator {
	return db.indicators(db.matchIP(ip, nil))
}

// LookupDomain returns the indicators for name and its parent domains,
// most specific first. Case and a trailing dot do not matter.
func (db *DB) LookupDomain(name string) []Indicator {
	var buf [MaxDomainLength + 1]byte
	d, ok := normalizeName(buf[:0], []byte(name))
	if !ok {
		return nil
	}
	return db.indicators(db.matchDomain(d, nil))
}

// LookupURL returns the indicators for the host of a URL: its address or
// its domain and parent domains.
func (db *DB) LookupURL(u string) []Indicator {
	host, ok := URLHost(u)
	if !ok {
		return nil
	}
	return db.Lookup(host)
}

// Lookup returns the indicators for a value of any kind: a URL (when it
// holds "://"), an address, or a domain name.
func (db *DB) Lookup(value string) []Indicator {
	var buf [MaxDomainLength + 1]byte
	return db.indicators(db.match([]byte(value), buf[:0], nil))
}

// match looks up one value seen in an event. scratch must have room for a
// domain name.
func (db *DB) match(v, scratch []byte, dst []hit) []hit {
	if bytes.Contains(v, []byte("://")) {
		host, ok := urlHost(v)
		if !ok {
			return dst
		}
		v = host
	}
	if len(v) == 0 {
		return dst
	}
	if maybeIP(v) {
		if ip, ok := parseAddr(v); ok {
			return db.matchIP(ip, dst)
		}
	}
	d, ok := normalizeName(scratch, v)
	if !ok {
		return dst
	}
	return db.matchDomain(d, dst)
}

// parseAddr parses an address seen in an event. Unlike parser.ParseAddr
// it accepts a zone and ignores it, since it means nothing to indicators:
// anything from the first "%" on is cut off first, even on IPv4 or when
// empty, where netip would refuse the whole.
func parseAddr(v []byte) (netip.Addr, bool) {
	if i := bytes.IndexByte(v, '%'); i >= 0 {
		v = v[:i]
	}
	return parser.ParseAddr(v)
}

// maybeIP reports whether v could be an address, to skip parsing names.
func maybeIP(v []byte) bool {
	if bytes.IndexByte(v, ':') >= 0 {
		return true
	}
	c, l := v[0], v[len(v)-1]
	return c >= '0' && c <= '9' && l >= '0' && l <= '9'
}

// normalizeName appends to dst the stored form of a domain name seen in
// an event (ASCII lower case, no trailing dot); it is false for values
// too long to be a name.
func normalizeName(dst, v []byte) ([]byte, bool) {
	if n := len(v); n > 0 && v[n-1] == '.' {
		v = v[:n-1]
	}
	if len(v) == 0 || len(v) > MaxDomainLength {
		return dst, false
	}
	for _, c := range v {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, true
}

// All returns every indicator, IP networks first in address order, then
// domains and URLs by host.
func (db *DB) All() iter.Seq[Indicator] {
	return func(yield func(Indicator) bool) {
		for pfx, r := range db.ip.AllSorted() {
			for i, end := r.records(); i < end; i++ {
				if !yield(db.indicator(hit{rec: i, prefix: pfx})) {
					return
				}
			}
		}
		for r := db.ipRecords; r < db.numRecords(); r++ {
			if !yield(db.indicator(hit{rec: uint32(r)})) {
				return
			}
		}
	}
}

// Stats summarizes a database.
type Stats struct {
	Built        time.Time
	Indicators   int
	IPv4Networks int // distinct IPv4 prefixes
	IPv6Networks int // distinct IPv6 prefixes
	Domains      int // distinct domain and URL host keys, counting hash collisions once
	ByType       map[string]int
	ByProvider   map[string]int
}

// Stats counts the indicators by type and provider.
func (db *DB) Stats() Stats {
	s := Stats{
		Built:        db.built,
		Indicators:   db.numRecords(),
		IPv4Networks: db.nIPv4,
		IPv6Networks: db.nIPv6,
		Domains:      db.nDomains,
		ByType:       map[string]int{},
		ByProvider:   map[string]int{},
	}
	providers := map[uint32]int{}
	for i := 0; i < db.numRecords(); i++ {
		r := db.rec(uint32(i))
		s.ByType[Type(r[recType]).String()]++
		providers[binary.LittleEndian.Uint32(r[recProvider:])]++
	}
	for id, n := range providers {
		s.ByProvider[string(db.str(id))] += n
	}
	return s
}
