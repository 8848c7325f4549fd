package geoip

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/oschwald/maxminddb-golang/v2"

	"github.com/siem-go/siem/ecs"
	"github.com/siem-go/siem/enrich"
	"github.com/siem-go/siem/parser"
)

// DefaultCheckInterval is how often the database files are checked for a
// replacement when Config.CheckInterval is 0.
const DefaultCheckInterval = time.Minute

// DefaultCacheSize is the number of addresses whose results are kept when
// Config.CacheSize is 0.
const DefaultCacheSize = 50_000

// Config says which databases to read and which fields to enrich.
type Config struct {
	// CityPath is a GeoIP2/GeoLite2 City or Country database (.mmdb); a
	// Country database yields country and continent fields only. Empty
	// means no *.geo fields.
	CityPath string
	// ASNPath is a GeoLite2 ASN (or GeoIP2 ISP) database. Empty means no
	// *.as fields. At least one of CityPath and ASNPath must be set.
	ASNPath string
	// Fields lists the address fields to enrich, each "<prefix>.ip"; the
	// results go to "<prefix>.geo" and "<prefix>.as". The zero value
	// means DefaultFields().
	Fields enrich.Fields
	// Reporter counts lookup and reload problems; nil means a Reporter
	// of the Enricher's own (see Enricher.Reporter).
	Reporter *enrich.Reporter
	// CheckInterval is how often the database files are checked for a
	// replacement: 0 means DefaultCheckInterval, a negative value never
	// (call Check yourself).
	CheckInterval time.Duration
	// CacheSize bounds the number of addresses whose results are
	// remembered: 0 means DefaultCacheSize, a negative value disables the
	// cache.
	CacheSize int
}

// DefaultFields returns the fields enriched when Config.Fields is unset:
// for each built-in log type the address fields it sets, and for others
// the four ECS endpoint addresses. client.ip is listed for the load
// balancer types because the xff enricher may set it.
func DefaultFields() enrich.Fields {
	lb := []string{"source.ip", "destination.ip", "client.ip"}
	return enrich.Fields{
		Default: []string{"source.ip", "destination.ip", "client.ip", "server.ip"},
		ByType: map[string][]string{
			"cloudtrail": {"source.ip"},
			"vpcflow":    {"source.ip", "destination.ip"},
			"alb":        lb,
			"nlb":        lb,
			"clb":        lb,
		},
	}
}

// Enricher adds GeoIP and ASN data to events. It is safe for concurrent
// use.
type Enricher struct {
	reporter *enrich.Reporter
	targets  map[string][]target // by log type
	defaults []target

	state atomic.Pointer[state]

	// checkMu serializes Check, which owns city and asn.
	checkMu sync.Mutex
	city    dbFile
	asn     dbFile

	cacheSize int
	stop      chan struct{}
	stopped   chan struct{}
	closeOnce sync.Once
}

// target is one address field and where its results go.
type target struct {
	ipPath  string
	geoPath string // "" when ECS defines no geo fields below the prefix
	asPath  string // "" when ECS defines no as fields below the prefix
}

// state is what one Enrich call reads: the databases and the cache of
// their answers, swapped together when a database is replaced so that no
// cached answer outlives the data it came from.
type state struct {
	city, asn               *maxminddb.Reader
	cache                   *cache
	cityRecords, asnRecords *recordCache
}

func (e *Enricher) newState(city, asn *maxminddb.Reader) *state {
	return &state{
		city: city, asn: asn,
		cache:       newCache(e.cacheSize),
		cityRecords: newRecordCache(e.cacheSize),
		asnRecords:  newRecordCache(e.cacheSize),
	}
}

// dbFile is a database path and the file last opened (or tried) there.
type dbFile struct {
	path string
	kind string // "City" or "ASN", for messages
	seen os.FileInfo
}

// Open opens the databases and, unless Config.CheckInterval is negative,
// starts checking them for replacements in the background. Close stops
// that.
func Open(cfg Config) (*Enricher, error) {
	if cfg.CityPath == "" && cfg.ASNPath == "" {
		return nil, errors.New("geoip: no database given: set Config.CityPath (a City or Country .mmdb) and/or Config.ASNPath (an ASN .mmdb)")
	}
	fields := cfg.Fields
	if fields.Default == nil && fields.ByType == nil {
		fields = DefaultFields()
	}
	e := &Enricher{
		reporter:  cfg.Reporter,
		targets:   make(map[string][]target, len(fields.ByType)),
		city:      dbFile{path: cfg.CityPath, kind: "City"},
		asn:       dbFile{path: cfg.ASNPath, kind: "ASN"},
		cacheSize: cfg.CacheSize,
	}
	if e.reporter == nil {
		e.reporter = &enrich.Reporter{}
	}
	if e.cacheSize == 0 {
		e.cacheSize = DefaultCacheSize
	}
	var err error
	if e.defaults, err = targetsFor(fields.Default); err != nil {
		return nil, err
	}
	for logType, paths := range fields.ByType {
		if e.targets[logType], err = targetsFor(paths); err != nil {
			return nil, fmt.Errorf("%w (log type %q)", err, logType)
		}
	}

	city, err := e.city.openFirst()
	if err != nil {
		return nil, err
	}
	asn, err := e.asn.openFirst()
	if err != nil {
		if city != nil {
			city.Close()
		}
		return nil, err
	}
	e.state.Store(e.newState(city, asn))

	interval := cfg.CheckInterval
	if interval == 0 {
		interval = DefaultCheckInterval
	}
	if interval > 0 {
		e.stop = make(chan struct{})
		e.stopped = make(chan struct{})
		go e.checkEvery(interval)
	}
	return e, nil
}

// targetsFor validates address fields and works out their output paths.
func targetsFor(paths []string) ([]target, error) {
	ts := make([]target, 0, len(paths))
	for _, p := range paths {
		prefix, ok := strings.CutSuffix(p, ".ip")
		if !ok || prefix == "" {
			return nil, fmt.Errorf("geoip: field %q does not end in \".ip\"; give address fields such as \"source.ip\"", p)
		}
		t := target{ipPath: p}
		if definesAll(prefix+".geo.", geoLeaves) {
			t.geoPath = prefix + ".geo"
		}
		if definesAll(prefix+".as.", asLeaves) {
			t.asPath = prefix + ".as"
		}
		if t.geoPath == "" && t.asPath == "" {
			return nil, fmt.Errorf("geoip: ECS defines neither %s.geo nor %s.as fields, so %q cannot be enriched; use an ECS endpoint such as source.ip, destination.ip, client.ip or server.ip", prefix, prefix, p)
		}
		ts = append(ts, t)
	}
	return ts, nil
}

// geoLeaves and asLeaves are the fields Enrich may write below
// "<prefix>.geo." and "<prefix>.as.".
var (
	geoLeaves = []string{"city_name", "continent_code", "continent_name", "country_iso_code", "country_name", "location", "postal_code", "region_iso_code", "region_name", "timezone"}
	asLeaves  = []string{"number", "organization.name"}
)

func definesAll(prefix string, leaves []string) bool {
	for _, l := range leaves {
		if _, ok := ecs.Lookup(prefix + l); !ok {
			return false
		}
	}
	return true
}

// openFirst opens the database when the enricher starts; nil when no
// path is set.
func (db *dbFile) openFirst() (*maxminddb.Reader, error) {
	if db.path == "" {
		return nil, nil
	}
	// Stat before opening: a replacement landing in between is then seen
	// as a change at the next check and opened again, rather than missed.
	fi, err := os.Stat(db.path)
	if err != nil {
		return nil, fmt.Errorf("geoip: %s database %q: %w; check Config.%sPath, or leave it empty to run without %s data", db.kind, db.path, err, db.kind, strings.ToLower(db.kind))
	}
	r, err := db.open()
	if err != nil {
		return nil, err
	}
	db.seen = fi
	return r, nil
}

// open opens the database at db.path and checks that it is of the kind
// expected.
func (db *dbFile) open() (*maxminddb.Reader, error) {
	r, err := maxminddb.Open(db.path)
	if err != nil {
		return nil, fmt.Errorf("geoip: opening %s database %q: %w; give a MaxMind DB (.mmdb) file such as GeoLite2-%s.mmdb", db.kind, db.path, err, db.kind)
	}
	dbType := r.Metadata.DatabaseType
	if db.kind == "City" && !cityType(dbType) {
		r.Close()
		return nil, fmt.Errorf("geoip: %s database %q is of type %q; give a City or Country database (GeoIP2/GeoLite2-City, -Country)", db.kind, db.path, dbType)
	}
	if db.kind == "ASN" && !asnType(dbType) {
		r.Close()
		return nil, fmt.Errorf("geoip: %s database %q is of type %q; give an ASN database (GeoLite2-ASN, GeoIP2-ISP)", db.kind, db.path, dbType)
	}
	return r, nil
}

// cityType reports whether records of a database type have the GeoIP2
// City layout, or the Country layout that is a part of it (MaxMind's
// and DB-IP's City, Country and Enterprise databases).
func cityType(dbType string) bool {
	return strings.Contains(dbType, "City") || strings.Contains(dbType, "Country") ||
		strings.Contains(dbType, "Enterprise") || strings.Contains(dbType, "DBIP-Location")
}

// asnType reports whether records of a database type carry
// autonomous_system_number (GeoLite2-ASN, GeoIP2-ISP, DB-IP's
// compatible ones).
func asnType(dbType string) bool {
	return strings.Contains(dbType, "ASN") || strings.Contains(dbType, "ISP")
}

// Stage places the enricher after the client address is settled.
func (e *Enricher) Stage() enrich.Stage { return enrich.StageGeo }

// Reporter returns the Reporter problems are counted in.
func (e *Enricher) Reporter() *enrich.Reporter { return e.reporter }

// Enrich sets "<prefix>.geo" and "<prefix>.as" (replacing any fields a
// log type set below them) for each configured
// "<prefix>.ip" field holding one public address, alone or as the only
// element of an array (ECS makes host.ip an array). Fields holding
// several addresses are left alone: one geo object cannot describe them
// all.
func (e *Enricher) Enrich(logType string, ev *ecs.Event) {
	st := e.state.Load()
	if st == nil {
		return // closed
	}
	ts, ok := e.targets[logType]
	if !ok {
		ts = e.defaults
	}
	for i := range ts {
		t := &ts[i]
		raw, ok := ev.Lookup(t.ipPath)
		if !ok {
			continue
		}
		text, ok := singleAddress(raw)
		if !ok {
			continue
		}
		res := e.resolve(st, text)
		// The databases' objects replace what a log type set of them
		// (WAF's country, GuardDuty's city), as Elastic's geoip processor
		// does: one location per address, from one source.
		if res.geo != nil && t.geoPath != "" {
			ev.ReplaceJSON(t.geoPath, res.geo)
		}
		if res.as != nil && t.asPath != "" {
			ev.ReplaceJSON(t.asPath, res.as)
		}
	}
}

// singleAddress returns the text of the one address in raw, a JSON string
// or an array of exactly one string. Addresses hold no JSON escapes.
func singleAddress(raw []byte) ([]byte, bool) {
	if len(raw) >= 2 && raw[0] == '[' && raw[len(raw)-1] == ']' {
		raw = raw[1 : len(raw)-1]
	}
	if len(raw) < 3 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return nil, false
	}
	text := raw[1 : len(raw)-1]
	if bytes.IndexByte(text, '"') >= 0 { // several elements
		return nil, false
	}
	return text, true
}

// resolve returns the encoded results for the address written as text.
func (e *Enricher) resolve(st *state, text []byte) result {
	// IPv6 text has a colon within its first five bytes (a group has at
	// most four digits). Anything else is IPv4 or nothing, and is parsed
	// before the cache so that private addresses, which dominate some logs
	// (VPC flows), are answered without crowding it; IPv6 is parsed only
	// on a cache miss.
	var ip netip.Addr
	isV4 := false
	if bytes.IndexByte(text[:min(len(text), 5)], ':') < 0 {
		ip, isV4 = parser.ParseAddr(text)
		isV4 = isV4 && ip.Is4()
		if isV4 && !public(ip) {
			return result{}
		}
	}
	if res, ok := st.cache.get(text); ok {
		return res
	}
	if !isV4 {
		var ok bool
		if ip, ok = parser.ParseAddrDropZone(text); !ok {
			e.reporter.Report("geoip: field value is not an IP address", fmt.Errorf("%q is not an IPv4 or IPv6 address", text))
			return result{}
		}
		ip = ip.Unmap()
		if !public(ip) {
			st.cache.put(string(text), result{})
			return result{}
		}
	}
	res, ok := e.lookup(st, ip)
	if ok {
		st.cache.put(string(text), res)
	}
	return res
}

// lookup asks the databases about ip. ok is false when a lookup failed,
// so that the failure is not remembered as "no data".
func (e *Enricher) lookup(st *state, ip netip.Addr) (res result, ok bool) {
	ok = true
	if st.city != nil {
		var err error
		if res.geo, err = lookupRecord[cityRecord](st.city, st.cityRecords, ip); err != nil {
			e.reporter.Report("geoip: City lookup failed", fmt.Errorf("%s in %q: %w", ip, e.city.path, err))
			ok = false
		}
	}
	if st.asn != nil {
		var err error
		if res.as, err = lookupRecord[asnRecord](st.asn, st.asnRecords, ip); err != nil {
			e.reporter.Report("geoip: ASN lookup failed", fmt.Errorf("%s in %q: %w", ip, e.asn.path, err))
			ok = false
		}
	}
	return res, ok
}

// lookupRecord returns the encoded record for ip, decoding it only when
// no other address of its network was looked up recently.
func lookupRecord[T any, P interface {
	*T
	encode() []byte
}](db *maxminddb.Reader, records *recordCache, ip netip.Addr) ([]byte, error) {
	r := db.Lookup(ip)
	if err := r.Err(); err != nil {
		return nil, err
	}
	if !r.Found() {
		return nil, nil
	}
	off := r.Offset()
	if b, ok := records.get(off); ok {
		return b, nil
	}
	var rec T
	if err := r.Decode(&rec); err != nil {
		return nil, err
	}
	b := P(&rec).encode()
	records.put(off, b)
	return b, nil
}

// Check stats the database files and opens again each one that was
// replaced (a different file, size or modification time), so a database
// updated on disk is used without a restart. Replace a database by
// writing a new file and renaming it over the old one: a file rewritten
// in place can be read half-written.
//
// A replacement is read through (maxminddb's Verify) before it takes
// over. One that cannot be opened or fails the check is reported once and
// the database in use stays; it is tried again when the file changes
// again.
//
// Check runs every Config.CheckInterval in the background; call it
// yourself to pick up a replacement at once (on SIGHUP, for example). It
// returns the problems it reported.
func (e *Enricher) Check() error {
	e.checkMu.Lock()
	defer e.checkMu.Unlock()
	cur := e.state.Load()
	if cur == nil {
		return errors.New("geoip: Check after Close")
	}
	next := *cur
	changed := false
	var errs []error
	for _, db := range []*dbFile{&e.city, &e.asn} {
		if db.path == "" {
			continue
		}
		fi, err := os.Stat(db.path)
		if err != nil {
			err = fmt.Errorf("geoip: %s database %q: %w; still using the database opened before", db.kind, db.path, err)
			e.reporter.Report("geoip: database file unreadable", err)
			errs = append(errs, err)
			continue
		}
		if db.seen != nil && sameFile(fi, db.seen) {
			continue
		}
		db.seen = fi
		r, err := db.open()
		if err == nil {
			// A replacement is checked through before it takes over:
			// one that opens but holds broken records would otherwise
			// replace a good database. This reads the whole file, in
			// the background, so lookups do not wait for it.
			if verr := r.Verify(); verr != nil {
				r.Close()
				err = fmt.Errorf("geoip: %s database %q is corrupt: %w", db.kind, db.path, verr)
			}
		}
		if err != nil {
			err = fmt.Errorf("%w; still using the database opened before", err)
			e.reporter.Report("geoip: database replacement unusable", err)
			errs = append(errs, err)
			continue
		}
		if db == &e.city {
			next.city = r
		} else {
			next.asn = r
		}
		changed = true
	}
	if changed {
		next = *e.newState(next.city, next.asn)
		// The replaced readers are not closed: lookups still running may
		// hold them. They are memory-mapped, and maxminddb unmaps a reader
		// once it is unreachable; decoded strings are copies, so nothing
		// cached points into the mapping.
		if !e.state.CompareAndSwap(cur, &next) {
			return errors.New("geoip: Check after Close")
		}
	}
	return errors.Join(errs...)
}

func sameFile(a, b os.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

func (e *Enricher) checkEvery(interval time.Duration) {
	defer close(e.stopped)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-e.stop:
			return
		case <-tick.C:
			_ = e.Check() // reported through the Reporter
		}
	}
}

// Close stops the background check and lets go of the databases. Enrich
// calls still running finish normally; later ones leave events as they
// are. The memory maps are released once no lookup holds them.
func (e *Enricher) Close() error {
	e.closeOnce.Do(func() {
		if e.stop != nil {
			close(e.stop)
			<-e.stopped
		}
		e.checkMu.Lock()
		e.state.Store(nil)
		e.checkMu.Unlock()
	})
	return nil
}
