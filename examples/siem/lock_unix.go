//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"
)

// lockFile takes an exclusive advisory lock (flock(2)) on path, creating
// it, and writes who holds it (process id, command, start time) into it
// for the run that finds it taken. It never waits: a lock held by another
// run is a *lockHeldError at once.
//
// The kernel releases a flock lock when its holder exits, however it
// exits, so a lock file left behind by a killed run locks nothing. unlock
// removes the file; taking the lock checks that the file locked is still
// the one at path, so that a run that opened the file just before its
// holder removed it does not lock a file nobody else can see.
func lockFile(path, command string) (*fileLock, error) {
	for range 100 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock: %w", err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			switch {
			case errors.Is(err, syscall.EWOULDBLOCK):
				err = &lockHeldError{path: path, holder: holder(f)}
			case errors.Is(err, syscall.ENOLCK), errors.Is(err, syscall.EOPNOTSUPP), errors.Is(err, syscall.ENOSYS):
				// A file system without flock (some network file
				// systems): go on unguarded rather than refuse to run.
				f.Close()
				os.Remove(path)
				return nil, nil
			default:
				err = fmt.Errorf("lock %s: %w", path, err)
			}
			f.Close()
			return nil, err
		}
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(held, now) {
			f.Close() // removed or replaced by its last holder: take the new one
			continue
		}
		info := fmt.Sprintf("pid %d, %s, started %s\n", os.Getpid(), command, time.Now().Format(time.RFC3339))
		f.Truncate(0)
		f.WriteAt([]byte(info), 0)
		return &fileLock{f: f, path: path}, nil
	}
	return nil, fmt.Errorf("lock %s: the lock file keeps being replaced", path)
}

// holder reads who holds the lock from its file.
func holder(f *os.File) string {
	b := make([]byte, 512)
	n, _ := f.ReadAt(b, 0)
	if s := strings.TrimSpace(string(b[:n])); s != "" {
		return s
	}
	return "it has not said which yet"
}

type fileLock struct {
	f    *os.File
	path string
}

// unlock removes the lock file, then releases the lock; a nil lock is
// fine.
func (l *fileLock) unlock() {
	if l == nil {
		return
	}
	os.Remove(l.path)
	l.f.Close()
}
