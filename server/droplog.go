package server

import (
	"log"
	"net"
	"sync"
	"time"
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
	key := addressKey(addr)
	d.mu.Lock()
	defer d.mu.Unlock()
	if c := d.counts[key]; c != nil {
		c.n++
		c.reason = reason
		return
	}
	if len(d.counts) >= maxAddresses {
		key = otherAddresses
		if c := d.counts[key]; c != nil {
			c.n++
			c.reason = reason
			return
		}
	}
	d.log.Printf("%s: %s", addr, reason)
	d.counts[key] = &dropCount{}
	time.AfterFunc(d.every, func() { d.flush(key) })
}

// flush closes key's window, writing the count of what it held.
func (d *dropLog) flush(key string) {
	d.mu.Lock()
	c := d.counts[key]
	delete(d.counts, key)
	d.mu.Unlock()
	if c != nil && c.n > 0 {
		d.log.Printf("%s: %d more connections dropped, closed or failed in the last %s (the last: %s)", key, c.n, d.every, c.reason)
	}
}
