// Package feed reads threat-intelligence feeds into indicators for
// package github.com/siem-go/siem/enrich/ioc, and downloads the public
// ones.
//
// Each parser takes the feed's bytes and returns a Result: the indicators
// and a Warning for every entry it skipped, with the line, array index or
// STIX id and the reason, so that nothing is dropped unseen. A parser
// returns an error only when the input as a whole is not the format it
// reads (not JSON, not an exit list); one bad entry never loses the rest.
//
//   - Tor: the Tor Project's exit-addresses list.
//   - Feodo: abuse.ch Feodo Tracker's ipblocklist.json.
//   - OTX and OTXDir: AlienVault OTX pulses, one file or a directory.
//   - Text: plain lists of addresses, networks, domains and URLs.
//   - STIX: STIX 2.1 bundles of indicators with simple patterns.
//
// Fetcher downloads feeds with time and size limits and conditional
// requests, replacing a file only once a complete new copy has arrived.
package feed
