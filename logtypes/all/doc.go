// Package all registers every built-in log type with the default
// registry when imported:
//
//	import _ "github.com/siem-go/siem/logtypes/all"
//
// Detection does not depend on the order of registration: the registry
// refuses types whose key patterns overlap on their sample keys, and a
// key two patterns match is reported as ambiguous rather than guessed.
//
// To replace a built-in type with your own, build an explicit registry
// from Types without it (see the example) and pass it in
// siem.Options.Registry.
package all
