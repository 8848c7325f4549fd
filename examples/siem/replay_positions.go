package main

import (
	"context"
	"sync"

	"github.com/siem-go/siem"
)

// originalPositions is the dead-letter sink of a replay's pipeline. A
// replayed record is the n-th record of its stream, which is all the
// pipeline knows of it; originalPositions puts back the position it had
// in its original object, so that a record dead-lettered again is
// reported where it really is, and a replay of the replay's dead letters
// works the same as the first.
//
// It holds the positions of the records of one stream that have not
// settled yet: replay opens one stream at a time, and each settled batch
// (RunOptions.OnAck) lets go of the positions of its records, so memory
// stays bounded by the records in flight.
type originalPositions struct {
	next siem.DeadLetterSink

	mu    sync.Mutex
	first int64 // the stream number of pos[0]
	pos   []siem.Position
}

// DeadLetter implements siem.DeadLetterSink.
func (o *originalPositions) DeadLetter(ctx context.Context, dl siem.DeadLetter) error {
	o.mu.Lock()
	if i := dl.Record - o.first; i >= 0 && i < int64(len(o.pos)) {
		dl.Position = o.pos[i]
	}
	o.mu.Unlock()
	return o.next.DeadLetter(ctx, dl)
}

// reset starts a new stream, whose first record is number 1.
func (o *originalPositions) reset() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.first, o.pos = 1, o.pos[:0]
}

// add notes the original position of the stream's next record.
func (o *originalPositions) add(p siem.Position) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.pos = append(o.pos, p)
}

// unadd forgets the last position added, for a record the stream did
// not take.
func (o *originalPositions) unadd() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.pos) > 0 {
		o.pos = o.pos[:len(o.pos)-1]
	}
}

// settled lets go of the positions of the records up to last, which
// will not be dead-lettered any more.
func (o *originalPositions) settled(ack siem.Ack) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if n := ack.Last - o.first + 1; n > 0 {
		n = min(n, int64(len(o.pos)))
		o.pos = o.pos[n:]
		o.first += n
	}
}
