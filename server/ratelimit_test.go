package server

import (
	"net"
	"strconv"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock a test moves by hand.
type fakeClock struct {
	mu      sync.Mutex
	elapsed time.Duration // since fixedNow
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fixedNow.Add(c.elapsed)
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.elapsed += d
}

func TestRateLimiter(t *testing.T) {
	var clock fakeClock
	r := newRateLimiter(3, 2, clock.now)
	for i := range 3 {
		if !r.allow("a") {
			t.Fatalf("take %d of a burst of 3 refused", i+1)
		}
	}
	if r.allow("a") {
		t.Fatal("a fourth take at once allowed")
	}
	if !r.allow("b") {
		t.Fatal("another address refused because of the first")
	}
	clock.advance(500 * time.Millisecond) // one token at 2 a second
	if !r.allow("a") || r.allow("a") {
		t.Fatal("half a second should give back exactly one token")
	}
	clock.advance(time.Hour)
	for i := range 3 {
		if !r.allow("a") {
			t.Fatalf("after an hour, take %d refused: the bucket should be full again", i+1)
		}
	}
	if r.allow("a") {
		t.Fatal("a bucket refilled past its burst")
	}
}

// TestRateLimiterForgets: the addresses remembered stay bounded, and a
// flood of new addresses is let through rather than locking everyone out.
func TestRateLimiterForgets(t *testing.T) {
	var clock fakeClock
	r := newRateLimiter(1, 1, clock.now)
	for i := range maxAddresses + 10 {
		if !r.allow("10.0." + strconv.Itoa(i/256) + "." + strconv.Itoa(i%256)) {
			t.Fatalf("new address %d refused", i)
		}
	}
	if n := len(r.limiters); n > maxAddresses {
		t.Fatalf("%d addresses remembered, want at most %d", n, maxAddresses)
	}
	clock.advance(time.Minute)
	r.allow("192.0.2.1")
	if n := len(r.limiters); n > 1 {
		t.Errorf("%d addresses remembered after all refilled, want the refilled ones forgotten", n)
	}
}

func TestAddressKey(t *testing.T) {
	tests := []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.ParseIP("192.0.2.7"), Port: 50000}, "192.0.2.7"},
		{&net.TCPAddr{IP: net.ParseIP("::ffff:192.0.2.7"), Port: 1}, "192.0.2.7"},
		{&net.TCPAddr{IP: net.ParseIP("2001:db8:1:2:aaaa::1"), Port: 1}, "2001:db8:1:2::/64"},
		{&net.TCPAddr{IP: net.ParseIP("2001:db8:1:2:bbbb::9"), Port: 2}, "2001:db8:1:2::/64"},
	}
	for _, tt := range tests {
		if got := addressKey(tt.addr); got != tt.want {
			t.Errorf("addressKey(%v) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}
