package communityid_test

import (
	"fmt"
	"net/netip"

	"github.com/siem-go/siem/communityid"
)

// Example computes the ID of a DNS query and of its answer: both
// directions of a flow share one ID. An ICMP echo request and its reply
// do too, while a flow between an IPv4 and an IPv6 address has none.
func Example() {
	client, server := netip.MustParseAddr("192.168.1.52"), netip.MustParseAddr("8.8.8.8")
	query, _ := communityid.ID(communityid.Flow{Src: client, Dst: server, SrcPort: 54585, DstPort: 53, Proto: communityid.ProtoUDP})
	answer, _ := communityid.ID(communityid.Flow{Src: server, Dst: client, SrcPort: 53, DstPort: 54585, Proto: communityid.ProtoUDP})
	fmt.Println(query, answer)

	// For ICMP, SrcPort and DstPort hold the type and the code.
	echo, _ := communityid.ID(communityid.Flow{Src: client, Dst: server, SrcPort: 8, DstPort: 0, Proto: communityid.ProtoICMP})
	reply, _ := communityid.ID(communityid.Flow{Src: server, Dst: client, SrcPort: 0, DstPort: 0, Proto: communityid.ProtoICMP})
	fmt.Println(echo == reply)

	_, ok := communityid.ID(communityid.Flow{Src: client, Dst: netip.MustParseAddr("2001:db8::1"), Proto: communityid.ProtoTCP})
	fmt.Println(ok)

	// Append writes into a buffer, with any seed, and allocates nothing.
	buf := make([]byte, 0, communityid.Len)
	buf, _ = communityid.Append(buf, 1, communityid.Flow{Src: client, Dst: server, SrcPort: 54585, DstPort: 53, Proto: communityid.ProtoUDP})
	fmt.Printf("%s\n", buf)
	// Output:
	// 1:d/FP5EW3wiY1vCndhwleRRKHowQ= 1:d/FP5EW3wiY1vCndhwleRRKHowQ=
	// true
	// false
	// 1:Q9We8WO3piVF8yEQBNJF4uiSVrI=
}
