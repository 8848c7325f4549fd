package main

// lockHeldError reports a lock file another run holds.
type lockHeldError struct {
	path   string
	holder string // what the holder wrote into the lock file
}

func (e *lockHeldError) Error() string {
	return "locked by another run (" + e.holder + "): " + e.path
}
