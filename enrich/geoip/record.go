package geoip

import (
	"math"
	"net/netip"
	"strconv"

	"github.com/siem-go/siem/ecs"
)

// result holds the encoded "<prefix>.geo" and "<prefix>.as" objects for
// one address; nil when the databases know nothing. Results are shared
// between goroutines through the cache and never modified.
type result struct {
	geo, as []byte
}

// cityRecord is the part of a GeoIP2 City (or Country) record that ECS
// has fields for. Decoding only these, rather than geoip2-golang's whole
// City with names in eight languages, halves the cost of a lookup.
type cityRecord struct {
	City struct {
		Names names `maxminddb:"names"`
	} `maxminddb:"city"`
	Continent struct {
		Code  string `maxminddb:"code"`
		Names names  `maxminddb:"names"`
	} `maxminddb:"continent"`
	Country struct {
		ISOCode string `maxminddb:"iso_code"`
		Names   names  `maxminddb:"names"`
	} `maxminddb:"country"`
	Location struct {
		// Pointers tell a missing coordinate from 0.
		Latitude  *float64 `maxminddb:"latitude"`
		Longitude *float64 `maxminddb:"longitude"`
		TimeZone  string   `maxminddb:"time_zone"`
	} `maxminddb:"location"`
	Postal struct {
		Code string `maxminddb:"code"`
	} `maxminddb:"postal"`
	// Subdivisions run from largest to smallest.
	Subdivisions []struct {
		ISOCode string `maxminddb:"iso_code"`
		Names   names  `maxminddb:"names"`
	} `maxminddb:"subdivisions"`
}

type names struct {
	English string `maxminddb:"en"`
}

type asnRecord struct {
	Number       uint   `maxminddb:"autonomous_system_number"`
	Organization string `maxminddb:"autonomous_system_organization"`
}

// encode writes the ECS geo object, with English names. The region is
// the first (largest) subdivision, the state or province level ECS
// describes; its code is the ISO 3166-2 form "<country>-<subdivision>"
// (GB-ENG).
func (c *cityRecord) encode() []byte {
	b := make([]byte, 0, 256)
	b = append(b, '{')
	n := 0
	str := func(key, v string) {
		if v == "" {
			return
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, key...)
		b = append(b, '"', ':')
		b = ecs.AppendString(b, v)
		n++
	}
	str("city_name", c.City.Names.English)
	str("continent_code", c.Continent.Code)
	str("continent_name", c.Continent.Names.English)
	str("country_iso_code", c.Country.ISOCode)
	str("country_name", c.Country.Names.English)
	if loc := c.Location; loc.Latitude != nil && loc.Longitude != nil && validLatLon(*loc.Latitude, *loc.Longitude) {
		if n > 0 {
			b = append(b, ',')
		}
		b = append(b, `"location":{"lat":`...)
		b = strconv.AppendFloat(b, *loc.Latitude, 'g', -1, 64)
		b = append(b, `,"lon":`...)
		b = strconv.AppendFloat(b, *loc.Longitude, 'g', -1, 64)
		b = append(b, '}')
		n++
	}
	str("postal_code", c.Postal.Code)
	if len(c.Subdivisions) > 0 {
		sub := c.Subdivisions[0]
		if sub.ISOCode != "" && c.Country.ISOCode != "" {
			str("region_iso_code", c.Country.ISOCode+"-"+sub.ISOCode)
		}
		str("region_name", sub.Names.English)
	}
	str("timezone", c.Location.TimeZone)
	if n == 0 {
		return nil
	}
	return append(b, '}')
}

func validLatLon(lat, lon float64) bool {
	return !math.IsNaN(lat) && !math.IsNaN(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}

// encode writes the ECS as object.
func (a *asnRecord) encode() []byte {
	if a.Number == 0 && a.Organization == "" {
		return nil
	}
	b := make([]byte, 0, 64)
	b = append(b, '{')
	if a.Number != 0 {
		b = append(b, `"number":`...)
		b = strconv.AppendUint(b, uint64(a.Number), 10)
	}
	if a.Organization != "" {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, `"organization":{"name":`...)
		b = ecs.AppendString(b, a.Organization)
		b = append(b, '}')
	}
	return append(b, '}')
}

// notGeolocated lists special-purpose ranges beyond those netip
// classifies (private, loopback, link-local, multicast, unspecified) that
// no geolocation database places and that are not looked up. public4
// encodes the IPv4 ones again, for speed.
var notGeolocated = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation (TEST-NET-1)
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation (TEST-NET-2)
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation (TEST-NET-3)
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and broadcast
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
}

// public reports whether ip is worth looking up. ip must be unmapped.
func public(ip netip.Addr) bool {
	if ip.Is4() {
		return public4(ip.As4())
	}
	return publicAny(ip)
}

// publicAny is public for any address, by netip's classification and
// notGeolocated.
func publicAny(ip netip.Addr) bool {
	if !ip.IsValid() || ip.IsPrivate() || ip.IsLoopback() || ip.IsLinkLocalUnicast() ||
		ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	for _, p := range notGeolocated {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// public4 is publicAny for IPv4, by octets: every event with an address
// passes here, and a switch is several times faster than the prefix
// list. A test checks that the two agree.
func public4(a [4]byte) bool {
	switch a[0] {
	case 0, 10, 127: // this network, private, loopback
		return false
	case 100:
		return a[1]&0xc0 != 64 // 100.64.0.0/10
	case 169:
		return a[1] != 254 // link-local
	case 172:
		return a[1]&0xf0 != 16 // 172.16.0.0/12
	case 192:
		return a[1] != 168 && !(a[1] == 0 && (a[2] == 0 || a[2] == 2))
	case 198:
		return a[1]&0xfe != 18 && !(a[1] == 51 && a[2] == 100)
	case 203:
		return !(a[1] == 0 && a[2] == 113)
	}
	return a[0] < 224 // multicast, reserved, broadcast
}
