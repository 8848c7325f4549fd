package rdsmysql

import (
	"strings"

	"github.com/siem-go/siem/ecs"
)

// statementKind sets event.category and event.type for an SQL statement
// from its first words: reads are access, writes and DDL change (creation
// and deletion for CREATE and DROP), and account and privilege statements
// are iam user changes as well. Anything else (SET, CALL, transaction
// control...) is info.
func statementKind(ev *ecs.Event, stmt string) {
	first, second := firstWords(stmt)
	switch first {
	case "SELECT", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "WITH", "TABLE", "HELP", "CHECKSUM":
		ev.Keywords("event.category", "database")
		ev.Keywords("event.type", "access")
		return
	case "GRANT", "REVOKE":
		ev.Keywords("event.category", "database", "iam")
		ev.Keywords("event.type", "change", "user")
		return
	case "CREATE", "DROP", "ALTER", "RENAME":
		if second == "USER" || second == "ROLE" {
			ev.Keywords("event.category", "database", "iam")
			switch first {
			case "CREATE":
				ev.Keywords("event.type", "creation", "user")
			case "DROP":
				ev.Keywords("event.type", "deletion", "user")
			default:
				ev.Keywords("event.type", "change", "user")
			}
			return
		}
		ev.Keywords("event.category", "database")
		switch first {
		case "CREATE":
			ev.Keywords("event.type", "change", "creation")
		case "DROP":
			ev.Keywords("event.type", "change", "deletion")
		default:
			ev.Keywords("event.type", "change")
		}
		return
	case "SET":
		if second == "PASSWORD" {
			ev.Keywords("event.category", "database", "iam")
			ev.Keywords("event.type", "change", "user")
			return
		}
	case "INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE", "LOAD", "IMPORT":
		ev.Keywords("event.category", "database")
		ev.Keywords("event.type", "change")
		return
	}
	ev.Keywords("event.category", "database")
	ev.Keywords("event.type", "info")
}

// firstWords returns the first two words of stmt in upper case, after
// blanks, "(" and /* comments */ (not the /*! executable ones, whose
// content is the statement's).
func firstWords(stmt string) (string, string) {
	var words [2]string
	s := stmt
	for n := 0; n < 2; {
		s = strings.TrimLeft(s, " \t\r\n(")
		if strings.HasPrefix(s, "/*") && !strings.HasPrefix(s, "/*!") {
			end := strings.Index(s[2:], "*/")
			if end < 0 {
				break
			}
			s = s[end+4:]
			continue
		}
		if strings.HasPrefix(s, "/*!") {
			s = strings.TrimLeft(s[3:], "0123456789")
			continue
		}
		i := 0
		for i < len(s) && i < 16 && (s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z' || s[i] == '_') {
			i++
		}
		if i == 0 {
			break
		}
		words[n] = strings.ToUpper(s[:i])
		s = s[i:]
		n++
	}
	return words[0], words[1]
}
