package server

import (
	"fmt"
	"log"
	"net"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// dropEvery is how often the log says that connections from one address
// are being dropped: a flood of them writes a line when it starts, then
// one line with the count every dropEvery while it lasts.
const dropEvery = 10 * time.Second

// otherAddresses is where the drops of addresses past maxAddresses are
// counted, so that a flood from many addresses cannot grow the tally.
const otherAddresses = "other addresses"

// dropLog writes the server's lines about connections it drops or closes
// before they have a session, at most one per address every dropEvery,
// with a count of those it did not write.
type dropLog struct {
	mu     sync.Mutex
	log    *log.Logger
	every  time.Duration
	counts map[string]*dropCount // per addressKey, while its window is open
}

// dropCount is what was not written in an address's window.
type dropCount struct {
	n      int
	reason string // the last one's
}

func newDropLog(l *log.Logger) *dropLog {
	return &dropLog{log: l, every: dropEvery, counts: make(map[string]*dropCount)}
}

// note records that a connection from addr was dropped for reason. The
// first of a window is written at once; the rest are counted and written
// as one line when the window closes.
func (d *dropLog) note(addr net.Addr, reason string) {
	if d.count(addressKey(addr), reason) {
		// Written with the lock let go: a slow log holds up no one else.
		d.log.Printf("%s: %s", addr, logText(reason))
	}
}

// count counts a drop in key's window, opening one when there is none;
// true when it opened one, and the drop is to be written.
func (d *dropLog) count(key, reason string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.counts) >= maxAddresses && d.counts[key] == nil {
		key = otherAddresses
	}
	if c := d.counts[key]; c != nil {
		c.n++
		c.reason = reason
		return false
	}
	d.counts[key] = &dropCount{}
	time.AfterFunc(d.every, func() { d.flush(key) })
	return true
}

// flush closes key's window, writing the count of what it held.
func (d *dropLog) flush(key string) {
	d.mu.Lock()
	c := d.counts[key]
	delete(d.counts, key)
	d.mu.Unlock()
	if c != nil && c.n > 0 {
		d.log.Printf("%s: %d more connections dropped, closed or failed in the last %s (the last: %s)", key, c.n, d.every, logText(c.reason))
	}
}

// logText is a reason fit for the log: what a client sent (a failed
// handshake's error lists every algorithm it offered, and can run to
// hundreds of KB) cut to logQuote bytes with its full size, and anything
// that is not printable shown as U+FFFD.
func logText(s string) string {
	n := len(s)
	if n > logQuote {
		s = cutAt(s, logQuote)
	}
	s = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ' {
			return utf8.RuneError
		}
		return r
	}, s)
	if n > logQuote {
		s += fmt.Sprintf("… (%d bytes)", n)
	}
	return s
}
