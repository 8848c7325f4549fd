package ecs

// MAC writes a MAC address as ECS requires: upper-case hexadecimal octets
// joined by hyphens ("0A-1B-2C-3D-4E-5F"). It reads the forms logs use,
// with colons, hyphens or Cisco's dots between the digits, or none, in
// either case, for 48- and 64-bit addresses. Anything else, a stray
// character or the wrong number of digits, gives false: the caller keeps
// the text where it came from rather than write a field the index rejects.
func MAC[T ~string | ~[]byte](s T) (string, bool) {
	var out [23]byte // 8 octets, 7 hyphens
	n, digits := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'F':
		case c >= 'a' && c <= 'f':
			c -= 'a' - 'A'
		case c == ':' || c == '-' || c == '.':
			continue
		default:
			return "", false
		}
		if digits == 16 {
			return "", false
		}
		if digits > 0 && digits%2 == 0 {
			out[n] = '-'
			n++
		}
		out[n] = c
		n++
		digits++
	}
	if digits != 12 && digits != 16 {
		return "", false
	}
	return string(out[:n]), true
}
