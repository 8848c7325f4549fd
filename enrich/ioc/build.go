package ioc

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"iter"
	"math"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/zeebo/xxh3"
)

// Builder collects indicators and writes a database file. Indicators that
// agree on type, key, URL and provider are one indicator: the merge keeps
// the earliest first-seen time, the latest last-seen time, the highest
// confidence and the first non-empty description and reference.
//
// The output depends only on the indicators and Built, not on the order
// they were added in, except for which description and reference a merge
// keeps. A Builder is not safe for concurrent use.
type Builder struct {
	// Built is the build time recorded in the file; zero means the time
	// WriteTo runs.
	Built time.Time

	index      map[dedupKey]int
	inds       []Indicator
	duplicates int
}

type dedupKey struct {
	typ      Type
	prefix   netip.Prefix
	domain   string
	url      string
	provider string
}

// Add validates an indicator and adds it, merging it into an earlier one
// with the same type, key, URL and provider. Times are kept to the second.
func (b *Builder) Add(ind Indicator) error {
	ind, err := ind.validate()
	if err != nil {
		return err
	}
	ind.FirstSeen = truncateTime(ind.FirstSeen)
	ind.LastSeen = truncateTime(ind.LastSeen)
	if b.index == nil {
		b.index = make(map[dedupKey]int)
	}
	k := dedupKey{typ: ind.Type, prefix: ind.Prefix, domain: ind.Domain, url: ind.URL, provider: ind.Provider}
	i, ok := b.index[k]
	if !ok {
		b.index[k] = len(b.inds)
		b.inds = append(b.inds, ind)
		return nil
	}
	b.duplicates++
	old := &b.inds[i]
	if !ind.FirstSeen.IsZero() && (old.FirstSeen.IsZero() || ind.FirstSeen.Before(old.FirstSeen)) {
		old.FirstSeen = ind.FirstSeen
	}
	if ind.LastSeen.After(old.LastSeen) {
		old.LastSeen = ind.LastSeen
	}
	old.Confidence = max(old.Confidence, ind.Confidence)
	if old.Description == "" {
		old.Description = ind.Description
	}
	if old.Reference == "" {
		old.Reference = ind.Reference
	}
	return nil
}

// truncateTime keeps whole seconds, the precision of the file, and drops
// times the file cannot hold as Unix seconds before 1970 or past year 9999
// (no feed means them; they come from typos).
func truncateTime(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	s := t.Unix()
	if s <= 0 || t.Year() > 9999 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

// Len returns the number of distinct indicators added.
func (b *Builder) Len() int { return len(b.inds) }

// Duplicates returns how many added indicators were merged into earlier
// ones.
func (b *Builder) Duplicates() int { return b.duplicates }

// Build writes a database of the indicators to w. Invalid indicators (see
// Builder.Add) stop it with an error naming the indicator.
func Build(w io.Writer, indicators iter.Seq[Indicator]) error {
	var b Builder
	n := 0
	for ind := range indicators {
		n++
		if err := b.Add(ind); err != nil {
			return fmt.Errorf("ioc: indicator %d: %w", n, err)
		}
	}
	_, err := b.WriteTo(w)
	return err
}

// WriteTo writes the database file. The whole file is assembled in memory
// first, because the header carries a checksum of the rest.
func (b *Builder) WriteTo(w io.Writer) (int64, error) {
	built := b.Built
	if built.IsZero() {
		built = time.Now()
	}
	var v4, v6, dom []int
	for i, ind := range b.inds {
		switch {
		case ind.Domain != "":
			dom = append(dom, i)
		case ind.Prefix.Addr().Is4():
			v4 = append(v4, i)
		default:
			v6 = append(v6, i)
		}
	}
	hashes := make([]uint64, len(b.inds))
	for _, i := range dom {
		hashes[i] = xxh3.HashString(b.inds[i].Domain)
	}
	// The comparisons return early: cmp.Or would compute every key.
	byRecord := func(x, y *Indicator) int {
		if c := strings.Compare(x.Provider, y.Provider); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Type, y.Type); c != 0 {
			return c
		}
		return strings.Compare(x.URL, y.URL)
	}
	byPrefix := func(i, j int) int {
		x, y := &b.inds[i], &b.inds[j]
		if c := x.Prefix.Addr().Compare(y.Prefix.Addr()); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Prefix.Bits(), y.Prefix.Bits()); c != 0 {
			return c
		}
		return byRecord(x, y)
	}
	slices.SortFunc(v4, byPrefix)
	slices.SortFunc(v6, byPrefix)
	slices.SortFunc(dom, func(i, j int) int {
		if c := cmp.Compare(hashes[i], hashes[j]); c != 0 {
			return c
		}
		x, y := &b.inds[i], &b.inds[j]
		if c := strings.Compare(x.Domain, y.Domain); c != 0 {
			return c
		}
		return byRecord(x, y)
	})
	order := slices.Concat(v4, v6, dom)
	if len(order) > math.MaxUint32 {
		return 0, fmt.Errorf("ioc: %d indicators are more than a database holds", len(order))
	}

	st := newStringTable()
	records := make([]byte, 0, len(order)*recordSize)
	for _, i := range order {
		ind := &b.inds[i]
		var r [recordSize]byte
		r[recType] = byte(ind.Type)
		r[recConfidence] = byte(ind.Confidence)
		binary.LittleEndian.PutUint32(r[recKey:], st.add(ind.Domain))
		binary.LittleEndian.PutUint32(r[recURL:], st.add(ind.URL))
		binary.LittleEndian.PutUint32(r[recProvider:], st.add(ind.Provider))
		binary.LittleEndian.PutUint32(r[recDescription:], st.add(ind.Description))
		binary.LittleEndian.PutUint32(r[recReference:], st.add(ind.Reference))
		binary.LittleEndian.PutUint64(r[recFirstSeen:], uint64(unixOrZero(ind.FirstSeen)))
		binary.LittleEndian.PutUint64(r[recLastSeen:], uint64(unixOrZero(ind.LastSeen)))
		records = append(records, r[:]...)
	}
	if len(st.data) > math.MaxUint32 {
		return 0, fmt.Errorf("ioc: %d bytes of strings are more than a database holds", len(st.data))
	}

	// Entries: one per distinct key, pointing at its run of records.
	var v4e, v6e, dome []byte
	nv4, nv6, ndom := 0, 0, 0
	pos := 0
	v4runs := runs(v4, func(i, j int) bool { return b.inds[i].Prefix == b.inds[j].Prefix })
	v6runs := runs(v6, func(i, j int) bool { return b.inds[i].Prefix == b.inds[j].Prefix })
	for _, run := range slices.Concat(v4runs, v6runs) {
		if len(run) > maxRunCount {
			return 0, fmt.Errorf("ioc: %d indicators share the network %s, more than a database holds (%d)", len(run), b.inds[run[0]].Prefix, maxRunCount)
		}
	}
	for _, run := range v4runs {
		p := b.inds[run[0]].Prefix
		a := p.Addr().As4()
		v4e = append(v4e, a[:]...)
		v4e = append(v4e, byte(p.Bits()), 0, 0, 0)
		v4e = binary.LittleEndian.AppendUint32(v4e, uint32(pos))
		v4e = binary.LittleEndian.AppendUint32(v4e, uint32(len(run)))
		pos += len(run)
		nv4++
	}
	for _, run := range v6runs {
		p := b.inds[run[0]].Prefix
		a := p.Addr().As16()
		v6e = append(v6e, a[:]...)
		v6e = append(v6e, byte(p.Bits()), 0, 0, 0)
		v6e = binary.LittleEndian.AppendUint32(v6e, uint32(pos))
		v6e = binary.LittleEndian.AppendUint32(v6e, uint32(len(run)))
		pos += len(run)
		nv6++
	}
	for _, run := range runs(dom, func(i, j int) bool { return hashes[i] == hashes[j] }) {
		dome = binary.LittleEndian.AppendUint64(dome, hashes[run[0]])
		dome = binary.LittleEndian.AppendUint32(dome, uint32(pos))
		dome = binary.LittleEndian.AppendUint32(dome, uint32(len(run)))
		pos += len(run)
		ndom++
	}

	body := make([]byte, 0, 4*(len(st.offsets))+len(st.data)+len(records)+len(v4e)+len(v6e)+len(dome))
	for _, off := range st.offsets {
		body = binary.LittleEndian.AppendUint32(body, off)
	}
	body = append(body, st.data...)
	body = append(body, records...)
	body = append(body, v4e...)
	body = append(body, v6e...)
	body = append(body, dome...)

	var h [headerSize]byte
	copy(h[:], magic)
	binary.LittleEndian.PutUint32(h[offVersion:], formatVersion)
	binary.LittleEndian.PutUint32(h[offHeaderSize:], headerSize)
	binary.LittleEndian.PutUint64(h[offBuilt:], uint64(built.UnixNano()))
	binary.LittleEndian.PutUint32(h[offStrings:], uint32(len(st.offsets)-1))
	binary.LittleEndian.PutUint32(h[offStringBytes:], uint32(len(st.data)))
	binary.LittleEndian.PutUint32(h[offRecords:], uint32(len(order)))
	binary.LittleEndian.PutUint32(h[offIPv4:], uint32(nv4))
	binary.LittleEndian.PutUint32(h[offIPv6:], uint32(nv6))
	binary.LittleEndian.PutUint32(h[offDomains:], uint32(ndom))
	binary.LittleEndian.PutUint64(h[offChecksum:], checksum(body))

	n, err := w.Write(h[:])
	if err != nil {
		return int64(n), fmt.Errorf("ioc: writing database: %w", err)
	}
	m, err := w.Write(body)
	if err != nil {
		return int64(n + m), fmt.Errorf("ioc: writing database: %w", err)
	}
	return int64(n + m), nil
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// runs splits sorted indexes into runs of equal keys.
func runs(idx []int, same func(i, j int) bool) [][]int {
	var out [][]int
	for start := 0; start < len(idx); {
		end := start + 1
		for end < len(idx) && same(idx[start], idx[end]) {
			end++
		}
		out = append(out, idx[start:end])
		start = end
	}
	return out
}

// stringTable interns strings; entry 0 is the empty string.
type stringTable struct {
	ids     map[string]uint32
	offsets []uint32
	data    []byte
}

func newStringTable() *stringTable {
	return &stringTable{ids: map[string]uint32{"": 0}, offsets: []uint32{0, 0}}
}

func (t *stringTable) add(s string) uint32 {
	if id, ok := t.ids[s]; ok {
		return id
	}
	id := uint32(len(t.offsets) - 1)
	t.ids[s] = id
	t.data = append(t.data, s...)
	t.offsets = append(t.offsets, uint32(len(t.data)))
	return id
}

func checksum(body []byte) uint64 { return xxh3.Hash(body) }

// WriteFile writes the database to path through a temporary file in the
// same directory renamed over path, so that readers (an Enricher watching
// the file) only ever see a complete database.
func (b *Builder) WriteFile(path string) (int64, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return 0, fmt.Errorf("ioc: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	n, err := b.WriteTo(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return 0, fmt.Errorf("ioc: writing %s: %w", path, err)
	}
	return n, nil
}
