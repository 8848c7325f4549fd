package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// An output is a file named by -o or --dlq.
//
// A regular file, or a name that does not exist yet, is written through a
// temporary file in the same directory (".NAME.tmp-*"), which finish
// renames over NAME when the run ends, or removes when an output failed:
// NAME then never holds a half-written run, and an existing NAME is
// replaced only by a complete one. For the whole run, an exclusive lock
// on NAME.lock (see lockFile) keeps a second run from writing NAME too.
//
// Anything else that exists (a device such as /dev/null, a named pipe),
// and any path under /dev or /proc (/dev/stdout), is written directly, in
// append mode: it cannot be replaced by a rename, nor half-written in a
// way that a rename would help.
type output struct {
	flag string // "-o" or "--dlq", for messages
	name string // as given on the command line
	// target is the path renamed over: name with symlinks resolved, so
	// that a link to a file stays a link.
	target string
	// info is the existing target's, nil when it does not exist yet.
	info   os.FileInfo
	direct bool

	f    outFile // the open file; nil once closed
	tmp  string  // the temporary file, "" when direct or once renamed or removed
	lock *fileLock

	mu  sync.Mutex
	err error // the first write error

	// committed reports that the run's output is in place at target.
	committed bool
}

// outFile is the part of *os.File an output uses.
type outFile interface {
	io.Writer
	Name() string
	Sync() error
	Close() error
}

// createTemp and openDirect open the file an output writes; tests replace
// them to stand for a failing file system.
var (
	createTemp = func(dir, pattern string) (outFile, error) { return os.CreateTemp(dir, pattern) }
	openDirect = func(name string) (outFile, error) { return os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0) }
)

// systemPath reports a path under /dev or /proc, which names a device or
// a descriptor rather than a file to replace.
func systemPath(name string) bool {
	abs, err := filepath.Abs(name)
	if err != nil {
		return false
	}
	return strings.HasPrefix(abs, "/dev/") || strings.HasPrefix(abs, "/proc/")
}

// Write records the first error, naming the output rather than its
// temporary file.
func (o *output) Write(p []byte) (int, error) {
	n, err := o.f.Write(p)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("%s %s: %s: %w", o.flag, o.name, pe.Op, pe.Err)
		} else {
			err = fmt.Errorf("%s %s: %w", o.flag, o.name, err)
		}
		o.mu.Lock()
		if o.err == nil {
			o.err = err
		}
		o.mu.Unlock()
	}
	return n, err
}

func (o *output) failed() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

// outputError is an output that could not be opened: run exits with
// exitOutput.
type outputError struct{ err error }

func (e outputError) Error() string { return e.err.Error() }
func (e outputError) Unwrap() error { return e.err }

// outputs are the files a run writes, opened, committed and discarded
// together: either every one of them is replaced by this run's, or none.
type outputs struct {
	list []*output
}

// add plans the output named by flag; it returns nil when name is empty
// (the default destination, stdout or stderr, is used).
func (s *outputs) add(flag, name string) (*output, error) {
	if name == "" {
		return nil, nil
	}
	o := &output{flag: flag, name: name}
	st, err := os.Stat(name)
	switch {
	case err == nil && st.IsDir():
		return nil, usagef("%s %s is a directory; name a file", flag, name)
	case err == nil && systemPath(name):
		// /dev/stdout, /proc/self/fd/N: a descriptor, even when it
		// leads to a regular file.
		o.info, o.target, o.direct = st, name, true
	case err == nil && st.Mode().IsRegular():
		o.info = st
		if o.target, err = filepath.EvalSymlinks(name); err != nil {
			return nil, usagef("%s %s: %v", flag, name, err)
		}
	case err == nil:
		o.info, o.target, o.direct = st, name, true
	case errors.Is(err, fs.ErrNotExist):
		if lst, lerr := os.Lstat(name); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
			return nil, usagef("%s %s is a symbolic link to a file that does not exist; name the file itself", flag, name)
		}
		dir, err := filepath.EvalSymlinks(filepath.Dir(name))
		if err != nil {
			return nil, usagef("%s %s: its directory cannot be used: %v", flag, name, err)
		}
		o.target = filepath.Join(dir, filepath.Base(name))
	default:
		return nil, usagef("%s %s: %v", flag, name, err)
	}
	if !o.direct {
		if abs, err := filepath.Abs(o.target); err == nil {
			o.target = abs
		}
	}
	s.list = append(s.list, o)
	return o, nil
}

// destination is a file something is written to, for checkOverlap.
type destination struct {
	what string // "-o FILE", "standard output"
	info os.FileInfo
	path string // for a file that does not exist yet
}

// checkOverlap refuses a run that would write to a file it reads, or
// write two outputs into one file. Files are compared by device and inode
// (os.SameFile), so links and different spellings of one path are caught;
// an output that does not exist yet is compared by its resolved path.
// Devices (/dev/null, a terminal) and pipes may be shared: writing to
// them destroys nothing.
//
// When stdout or stderr is a regular file (siem ... >> FILE), it counts
// as a destination too, unless an output replaces it.
func checkOverlap(inputs []input, stdin io.Reader, stdout, stderr io.Writer, outs *outputs, docsOut, dlqOut *output) error {
	var dests []destination
	for _, o := range outs.list {
		if o.direct && !o.info.Mode().IsRegular() {
			continue
		}
		dests = append(dests, destination{what: o.flag + " " + o.name, info: o.info, path: o.target})
	}
	std := func(w io.Writer, what string) {
		if f, ok := w.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
				dests = append(dests, destination{what: what, info: st})
			}
		}
	}
	if docsOut == nil {
		std(stdout, "standard output")
	}
	if dlqOut == nil {
		std(stderr, "standard error (where dead letters go without --dlq)")
	}

	for i, a := range dests {
		for _, b := range dests[i+1:] {
			same := a.info != nil && b.info != nil && os.SameFile(a.info, b.info)
			if a.info == nil && b.info == nil && a.path != "" && a.path == b.path {
				same = true
			}
			if same {
				return usagef("%s and %s are the same file; give each its own file", a.what, b.what)
			}
		}
	}
	for _, in := range inputs {
		info := in.info
		what := "input " + in.path
		if in.path == "-" {
			f, ok := stdin.(*os.File)
			if !ok {
				continue
			}
			st, err := f.Stat()
			if err != nil || !st.Mode().IsRegular() {
				continue
			}
			info, what = st, "standard input"
		}
		for _, d := range dests {
			if d.info != nil && os.SameFile(d.info, info) {
				return usagef("%s is the same file as %s: writing it would destroy what is being read; write somewhere else", d.what, what)
			}
		}
	}
	return nil
}

// open locks and creates every output, in order. On failure nothing is
// left behind: the outputs already opened are discarded.
func (s *outputs) open(command string) error {
	for _, o := range s.list {
		if err := o.open(command); err != nil {
			s.abort()
			return err
		}
	}
	return nil
}

func (o *output) open(command string) error {
	if o.direct {
		f, err := openDirect(o.name)
		if err != nil {
			return outputError{fmt.Errorf("%s %s: %w", o.flag, o.name, err)}
		}
		o.f = f
		return nil
	}
	lock, err := lockFile(o.target+".lock", command)
	if err != nil {
		var held *lockHeldError
		if errors.As(err, &held) {
			return usagef("%s %s: another siem run is writing this file (%s); wait for it to finish, or write somewhere else (lock file %s)", o.flag, o.name, held.holder, held.path)
		}
		return outputError{fmt.Errorf("%s %s: %w", o.flag, o.name, err)}
	}
	o.lock = lock
	dir, base := filepath.Split(o.target)
	f, err := createTemp(dir, "."+base+".tmp-*")
	if err != nil {
		o.discard()
		return outputError{fmt.Errorf("%s %s: %w", o.flag, o.name, err)}
	}
	o.f, o.tmp = f, f.Name()
	// A replaced file keeps its permissions; a new one gets those of
	// `> FILE` under the usual umask.
	perm := fs.FileMode(0o644)
	if o.info != nil {
		perm = o.info.Mode().Perm()
	}
	if err := os.Chmod(o.tmp, perm); err != nil {
		o.discard()
		return outputError{fmt.Errorf("%s %s: %w", o.flag, o.name, err)}
	}
	return nil
}

// finish ends the run's outputs. When commit is true and nothing failed
// (no write error, every temporary file synced and closed), each is
// renamed over its target; otherwise every temporary file is removed and
// the targets are left as they were. It returns the errors met on the
// way, each naming its output.
func (s *outputs) finish(commit bool) []error {
	var errs []error
	for _, o := range s.list {
		if o.f == nil {
			continue
		}
		if o.failed() != nil {
			commit = false // the sink reported it already
		}
		var err error
		if !o.direct {
			err = o.f.Sync()
		}
		if cerr := o.f.Close(); err == nil {
			err = cerr
		}
		o.f = nil
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %s: %w", o.flag, o.name, err))
			commit = false
		}
	}
	for _, o := range s.list {
		if commit && o.tmp != "" {
			if err := os.Rename(o.tmp, o.target); err != nil {
				errs = append(errs, fmt.Errorf("%s %s: %w", o.flag, o.name, err))
			} else {
				o.tmp = ""
				syncDir(filepath.Dir(o.target))
			}
		}
		o.committed = commit && o.tmp == ""
		o.discard()
	}
	return errs
}

// abort discards whatever finish did not end; the commands defer it for
// the paths that return early.
func (s *outputs) abort() {
	for _, o := range s.list {
		o.discard()
	}
}

// discard closes the file if it is still open, removes the temporary
// file if it is still there, and releases the lock.
func (o *output) discard() {
	if o.f != nil {
		o.f.Close()
		o.f = nil
	}
	if o.tmp != "" {
		os.Remove(o.tmp)
		o.tmp = ""
	}
	if o.lock != nil {
		o.lock.unlock()
		o.lock = nil
	}
}

// fate says what became of the output's file when the run's output was
// not put in place, for the summary; "" when it was.
func (o *output) fate() string {
	switch {
	case o.committed:
		return ""
	case o.direct:
		return fmt.Sprintf("%s %s may hold part of this run's output", o.flag, o.name)
	case o.info != nil:
		return fmt.Sprintf("%s %s was left as it was before this run (the run's temporary file was removed)", o.flag, o.name)
	default:
		return fmt.Sprintf("%s %s was not created (the run's temporary file was removed)", o.flag, o.name)
	}
}

// syncDir makes a rename in dir durable, where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
