package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/siem-go/siem"
	"github.com/siem-go/siem/sink"
)

const normalizeUsage = `usage: siem normalize [--type NAME] [--key S3KEY] [-o FILE] [--dlq FILE] [--validate]
                      [--geoip-city F] [--geoip-asn F] [--ioc-db F] [--trusted-proxies CIDR,...] [--user-agent] [PATH|-]...

-o and --dlq must not be an input or each other; they are written to a
temporary file renamed over FILE when the run ends (a run stopped by an
output failure leaves both as they were), and locked against a second run.
Exit status: 0 all indexed or excluded, 1 dead letters or a broken object,
2 usage error, 3 an output failed, 130 SIGINT, 143 SIGTERM.
`

func normalize(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("normalize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	typeName := fs.String("type", "", "log type `NAME` (see 'siem types'); default: detected from --key or each PATH")
	key := fs.String("key", "", "S3 `KEY` to detect the type from, when PATH is not named like one")
	outPath := fs.String("o", "", "write documents to `FILE` instead of stdout (through a temporary file, renamed over FILE at the end)")
	dlqPath := fs.String("dlq", "", "write dead letters to `FILE` instead of stderr (as for -o)")
	validate := fs.Bool("validate", false, "check every document against ECS and the type's vendor schema, dead-lettering those that fail (slower; for auditing a type)")
	var enrichOpts enrichFlags
	enrichOpts.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, normalizeUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, nil
		}
		return 0, usageError{err.Error()}
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}

	// Resolve every object's type, and check the outputs, before reading
	// or writing anything, so that a usage mistake costs nothing.
	objects := make([]input, 0, len(paths))
	for _, path := range paths {
		in, err := resolve(registry(), path, *typeName, *key)
		if err != nil {
			return 0, err
		}
		objects = append(objects, in)
	}
	outs := &outputs{}
	docsOut, err := outs.add("-o", *outPath)
	if err != nil {
		return 0, err
	}
	dlqOut, err := outs.add("--dlq", *dlqPath)
	if err != nil {
		return 0, err
	}
	if err := checkOverlap(objects, stdin, stdout, stderr, outs, docsOut, dlqOut); err != nil {
		return 0, err
	}
	if err := outs.open("siem normalize"); err != nil {
		return 0, err
	}
	defer outs.abort()

	enrichment, err := enrichOpts.build(stderr)
	if err != nil {
		return 0, err
	}
	defer enrichment.Close()
	out, dlqW, dlqName := stdout, stderr, "stderr"
	if docsOut != nil {
		out = docsOut
	}
	if dlqOut != nil {
		dlqW, dlqName = dlqOut, *dlqPath
	}
	docs := sink.NewNDJSON(out)
	dlq := sink.NewDeadLetters(dlqW)
	p, err := siem.NewPipeline(siem.Options{Sink: docs, DeadLetters: dlq, Enrichers: enrichment.chain, Validate: *validate})
	if err != nil {
		return 0, err
	}

	progress := newProgress(stderr, objects)
	res := processAll(ctx, p, objects, stdin, progress)
	var outputErrs []error
	for _, flush := range []func() error{docs.Flush, dlq.Flush} {
		// A sink error that stopped the run was reported with it.
		if err := flush(); err != nil && !errors.Is(res.stopped, err) {
			outputErrs = append(outputErrs, err)
		}
	}
	commit := res.stopped == nil && len(outputErrs) == 0 && res.total.Reconciled()
	outputErrs = append(outputErrs, outs.finish(commit)...)
	return summarize(ctx, stderr, outcome{
		what:       fmt.Sprintf("%d objects", len(objects)),
		res:        res,
		outputErrs: outputErrs,
		outs:       outs,
		reporter:   enrichment.reporter,
		dlqName:    dlqName,
	}), nil
}

// input is one object to normalize with its resolved type.
type input struct {
	path string
	obj  siem.Object
	lt   siem.LogType
	size int64
	info os.FileInfo // nil for standard input
}

// resolve finds the log type of the object at path: the one named by
// typeName, else the one reg detects from key, else from path. The
// library's detection errors advise programs; resolve turns them into
// advice for the command line.
func resolve(reg *siem.Registry, path, typeName, key string) (input, error) {
	in := input{path: path, obj: siem.Object{Key: path}}
	if key != "" {
		in.obj.Key = key
	}
	switch {
	case typeName != "":
		lt, ok := reg.Lookup(typeName)
		if !ok {
			return in, usagef("unknown log type %q; run 'siem types' to list them", typeName)
		}
		in.lt = lt
	default:
		lt, err := reg.Detect(in.obj)
		if err != nil {
			return in, detectHint(path, key, err)
		}
		in.lt = lt
	}
	if path != "-" {
		st, err := os.Stat(path)
		if err != nil {
			return in, usageError{err.Error()}
		}
		if st.IsDir() {
			return in, usagef("%s is a directory; name the files in it", path)
		}
		in.size = st.Size()
		in.info = st
	}
	return in, nil
}

// detectHint rewrites a detection error of the library for the command
// line: what was matched, and which flag settles it.
func detectHint(path, key string, err error) error {
	what := path
	if key != "" {
		what = path + " (--key " + key + ")"
	}
	var unknown *siem.UnknownTypeError
	var ambiguous *siem.AmbiguousTypeError
	switch {
	case path == "-" && key == "":
		return usagef("cannot detect the log type of standard input, which has no name: give --type NAME, or --key S3KEY with the object's S3 key (run 'siem types' to list the types and their key patterns)")
	case errors.As(err, &ambiguous):
		return usagef("%s: the key patterns of several log types match %q (%s); give --type with the right one (run 'siem types' to compare them)",
			what, ambiguous.Object.Key, strings.Join(ambiguous.Types, ", "))
	case errors.As(err, &unknown):
		advice := "give --type NAME, or --key S3KEY with the object's S3 key when the file is not named like it"
		if key != "" {
			advice = "give --type NAME, or check the --key"
		}
		return usagef("%s: no log type's key pattern matches %q; %s (run 'siem types' to list the types, their key patterns and sample keys)",
			what, unknown.Object.Key, advice)
	default:
		return usagef("%s: %v; give --type NAME (run 'siem types' to list the types)", what, err)
	}
}

func (in input) process(ctx context.Context, p *siem.Pipeline, stdin io.Reader, prog *progress) (siem.Counts, error) {
	var r io.Reader = stdin
	if in.path != "-" {
		f, err := os.Open(in.path)
		if err != nil {
			return siem.Counts{}, err
		}
		defer f.Close()
		r = f
	}
	return p.ProcessAs(ctx, in.lt, in.obj, prog.wrap(r))
}

// progress shows a bar of input bytes on a terminal and stays silent
// otherwise, so that scripts see only the summary.
type progress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newProgress(w io.Writer, objects []input) *progress {
	p := &progress{w: w}
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return p
	}
	var total int64
	for _, in := range objects {
		if in.size == 0 {
			total = -1 // standard input: size unknown, show a spinner
			break
		}
		total += in.size
	}
	p.bar = progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetDescription("normalizing"),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
	)
	return p
}

func (p *progress) wrap(r io.Reader) io.Reader {
	if p.bar == nil {
		return r
	}
	pr := progressbar.NewReader(r, p.bar)
	return &pr
}

func (p *progress) note(msg string) {
	if p.bar != nil {
		p.bar.Clear()
	}
	fmt.Fprintln(p.w, "siem:", strings.TrimSpace(msg))
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
