package samplegen

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// CloudHSM returns n AWS CloudHSM audit records as an HSM's audit log
// holds them, uncompressed, records of 8 to 18 "Name : value" lines
// separated by blank lines, about 300 to 700 bytes each. The mix follows
// a cluster in use: crypto user logins and logouts (a few failing), key
// generation, wrapping, unwrapping, sharing and destruction, user
// management by crypto officers, and, on every third record, the newer
// layout with a version, user ids, local and host times and a target
// user.
func CloudHSM(n int) []byte {
	r := rand.New(rand.NewPCG(0xc105, 0x45e))
	at := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	b := make([]byte, 0, n*500)
	users := []string{"app_signer", "app_tls", "batch_crypto", "admin", "backup_co", "ghost"}
	types := []string{"CN_CRYPTO_USER (1)", "CN_CRYPTO_USER (1)", "CN_CRYPTO_USER (1)", "CN_CRYPTO_OFFICER (2)", "CN_CRYPTO_OFFICER (2)", "CN_CRYPTO_USER (1)"}
	keyOps := []string{"CN_GENERATE_KEY (0x17)", "CN_GENERATE_KEY_PAIR (0x19)", "CN_WRAP_KEY (0x1a)", "CN_UNWRAP_KEY (0x1b)", "CN_NIST_AES_WRAP (0x1e)", "CN_DESTROY_OBJECT (0x11)", "CN_SHARE_OBJECT (0x12)"}
	userOps := []string{"CN_CREATE_USER (0x3)", "CN_DELETE_USER (0xa1)", "CN_CHANGE_PSWD (0x9)", "CN_CREATE_CO (0x4)"}
	line := func(name, value string) {
		b = append(b, '\n')
		b = append(b, name...)
		b = append(b, " : "...)
		b = append(b, value...)
	}
	seq := 0
	for i := range n {
		at = at.Add(time.Duration(1000+r.IntN(900000)) * time.Microsecond)
		if i > 0 {
			b = append(b, "\n\n"...)
		}
		b = append(b, "Time: "...)
		b = at.AppendFormat(b, "01/02/06 15:04:05.000000")
		b = append(b, ", usecs:"...)
		b = strconv.AppendInt(b, at.UnixMicro(), 10)
		v2 := i%3 == 0
		if v2 {
			line("Version No", "0x2")
		}
		line("Sequence No", "0x"+strconv.FormatInt(int64(seq), 16))
		seq++
		line("Reboot counter", "0x2a")
		line("Command Type(hex)", "CN_MGMT_CMD (0x0)")
		u := r.IntN(len(users))
		kind := r.IntN(10) // 0-3 login/logout, 4-7 key, 8-9 user management
		var op string
		switch {
		case kind < 3:
			op = "CN_LOGIN (0xd)"
		case kind == 3:
			op = "CN_LOGOUT (0xe)"
		case kind < 8:
			op = keyOps[r.IntN(len(keyOps))]
		default:
			op = userOps[r.IntN(len(userOps))]
		}
		line("Opcode", op)
		if v2 {
			line("User id", "0x"+strconv.Itoa(u+1))
		}
		line("Session Handle", "0x"+strconv.FormatInt(int64(0x1a004000+r.IntN(16)), 16))
		fail := kind < 3 && users[u] == "ghost" || r.IntN(40) == 0
		if fail {
			line("Response", "163:HSM Error: RET_USER_LOGIN_FAILURE")
		} else {
			line("Response", "0:HSM Return: SUCCESS")
		}
		if kind >= 4 && kind < 8 {
			line("Log type", "MGMT_KEY_DETAILS_LOG (1)")
			line("Priv/Secret Key Handle", strconv.Itoa(524288+r.IntN(4096)))
			line("Public Key Handle", strconv.Itoa(r.IntN(2)*(524288+r.IntN(4096))))
		} else {
			line("Log type", "MGMT_USER_DETAILS_LOG (2)")
		}
		if v2 {
			b = append(b, "\nlocal time : "...)
			b = at.AppendFormat(b, "01/02/06 15:04:05.000000")
			b = append(b, ", usec:"...)
			b = strconv.AppendInt(b, at.UnixMicro()-int64(r.IntN(500)), 10)
			b = append(b, "\nhost time : "...)
			b = at.AppendFormat(b, "01/02/06 15:04:05.000000")
			b = append(b, " usec:"...)
			b = strconv.AppendInt(b, at.UnixMicro(), 10)
			line("propagation delay", "usec:"+strconv.Itoa(r.IntN(500)))
		}
		if kind < 4 || kind >= 8 {
			line("User Name", users[u])
			line("User Type", types[u])
			if v2 && kind >= 8 {
				t := r.IntN(3)
				line("Target User Name", users[t])
				line("Target User Type", types[t])
				line("Target User id", "0x"+strconv.Itoa(t+1))
				line("Mfa enabled", "false")
			}
		}
	}
	return append(b, '\n')
}
