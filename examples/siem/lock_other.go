//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package main

// lockFile does nothing on systems without flock(2): runs writing the
// same file are not detected there.
func lockFile(path, command string) (*fileLock, error) { return nil, nil }

type fileLock struct{}

func (l *fileLock) unlock() {}
