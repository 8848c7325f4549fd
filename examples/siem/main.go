// Command siem normalizes security logs into Elastic Common Schema
// documents.
//
//	siem normalize [--type NAME] [--key S3KEY] [-o FILE] [--dlq FILE] [PATH|-]...
//	siem ingest --opensearch URL [--user U --password-env VAR | --sigv4 --region R [--serverless]] [--rotation monthly] [--dlq FILE] [PATH|-]...
//	siem setup --opensearch URL [auth flags as for ingest] [--rotation monthly | --data-streams] [--dry-run]
//	siem types
//
// It is a thin front end over the siem library: everything it does is
// available to programs that import github.com/siem-go/siem.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	_ "github.com/siem-go/siem/logtypes/all"
)

// Exit codes.
const (
	exitOK          = 0
	exitDeadLetters = 1
	exitUsage       = 2
)

// usageError makes main exit with exitUsage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

const usage = `usage:
  siem normalize [--type NAME] [--key S3KEY] [-o FILE] [--dlq FILE] [PATH|-]...
      Normalize log objects to ECS JSON, one document per line.
  siem ingest --opensearch URL [--user U --password-env VAR | --sigv4 --region R [--serverless]]
              [--rotation monthly] [--dlq FILE] [PATH|-]...
      Normalize log objects and index them into OpenSearch.
  siem setup --opensearch URL [auth flags as for ingest] [--rotation monthly | --data-streams] [--dry-run]
      Install the index templates (and ISM rollover policies) for the log types.
  siem ioc fetch|build|lookup|info ...
      Download threat-intelligence feeds and build the indicator database.
  siem types
      List the log types with their key patterns.
Run 'siem COMMAND -h' for the flags of a command.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "normalize":
		var code int
		code, err = normalize(ctx, args[1:], stdin, stdout, stderr)
		if err == nil {
			return code
		}
	case "ingest":
		var code int
		code, err = ingest(ctx, args[1:], stdin, stderr)
		if err == nil {
			return code
		}
	case "setup":
		err = setup(ctx, args[1:], stdout, stderr)
	case "ioc":
		err = iocCommand(ctx, args[1:], stdout, stderr)
	case "types":
		err = types(stdout)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		err = usagef("unknown command %q", args[0])
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "siem:", err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitDeadLetters
}
