package server

import (
	"net"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// The rate limits are per network address. A whole class usually sits
// behind one address (the school's NAT), and all of it connects within a
// minute of being told to: the session burst, twice MaxSessions, lets
// every student in with a retry each. After that, sessions come back at
// refillPerSecond, 120 a minute: plenty for students who closed a window
// by mistake, while a script hammering the port gets two sessions a
// second once the burst is spent, each refused with a message. The
// connection limit (admitConn) is twice as loose, and drops silently
// before the handshake what gets past it.
const refillPerSecond = 2

// maxAddresses bounds the addresses remembered. Past it, addresses whose
// bucket has refilled are forgotten; if all are still in use (a flood
// from many addresses), new ones are let through untracked rather than
// refused: the session limit still holds, and a class must not be locked
// out by someone else's flood.
const maxAddresses = 4096

// rateLimiter is a token bucket for each network address, each bucket a
// golang.org/x/time/rate.Limiter (what wish's own rate limiter builds on);
// this type only keeps them per address, with the bound above.
type rateLimiter struct {
	mu       sync.Mutex
	burst    int
	rate     rate.Limit // tokens a second
	now      func() time.Time
	limiters map[string]*rate.Limiter
}

func newRateLimiter(burst int, perSecond float64, now func() time.Time) *rateLimiter {
	return &rateLimiter{burst: burst, rate: rate.Limit(perSecond), now: now, limiters: make(map[string]*rate.Limiter)}
}

// allow takes a token from key's bucket, if there is one.
func (r *rateLimiter) allow(key string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	l := r.limiters[key]
	if l == nil {
		if len(r.limiters) >= maxAddresses {
			r.forgetFull(now)
			if len(r.limiters) >= maxAddresses {
				return true
			}
		}
		l = rate.NewLimiter(r.rate, r.burst)
		r.limiters[key] = l
	}
	return l.AllowN(now, 1)
}

// forgetFull drops the buckets that have refilled: a new bucket would be
// the same.
func (r *rateLimiter) forgetFull(now time.Time) {
	for key, l := range r.limiters {
		if l.TokensAt(now) >= float64(r.burst) {
			delete(r.limiters, key)
		}
	}
}

// addressKey is the part of a client's address that identifies it: the
// IP for IPv4, and the /64 network for IPv6, which one client can pick
// any address in.
func addressKey(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return addr.String()
	}
	if ip4 := tcp.IP.To4(); ip4 != nil {
		return ip4.String()
	}
	return tcp.IP.Mask(net.CIDRMask(64, 128)).String() + "/64"
}
