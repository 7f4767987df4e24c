package server

import (
	"context"
	"io"
	"sync"
)

// inbox reads a session's input on one goroutine and hands it to one
// reader at a time (a tap). A program that ends can leave a read waiting
// on its input (Bubble Tea cannot cancel a read from a session): through
// a tap closed when it ends, that read gets io.EOF instead of the next
// keys, which go to accessible mode when the student switches to it.
type inbox struct {
	chunks chan []byte
	err    error // why the input ended; read once chunks is closed
}

// newInbox starts reading r until it ends or ctx does.
func newInbox(ctx context.Context, r io.Reader) *inbox {
	ib := &inbox{chunks: make(chan []byte)}
	go func() {
		buf := make([]byte, 1024)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				select {
				case ib.chunks <- append([]byte(nil), buf[:n]...):
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				ib.err = err
				close(ib.chunks)
				return
			}
		}
	}()
	return ib
}

// tap is a reader of the inbox until it is closed.
type tap struct {
	ib   *inbox
	rest []byte // what the last chunk held past the reader's buffer
	stop chan struct{}
	once sync.Once
}

func (ib *inbox) tap() *tap { return &tap{ib: ib, stop: make(chan struct{})} }

func (t *tap) Read(p []byte) (int, error) {
	if len(t.rest) == 0 {
		select {
		case c, ok := <-t.ib.chunks:
			if !ok {
				return 0, t.ib.err
			}
			t.rest = c
		case <-t.stop:
			return 0, io.EOF
		}
	}
	n := copy(p, t.rest)
	t.rest = t.rest[n:]
	return n, nil
}

// close ends the tap: a read waiting on it, or any later, gets io.EOF.
func (t *tap) close() { t.once.Do(func() { close(t.stop) }) }
