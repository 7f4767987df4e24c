//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal of cols×rows: the master, which plays
// the terminal emulator, and the slave, which the program is given.
func openPTY(cols, rows int) (master, slave *os.File, err error) {
	// Not Fd(): that would make the master blocking and its read deadlines
	// useless.
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	conn, err := master.SyscallConn()
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	var n int
	var ioctlErr error
	err = conn.Control(func(fd uintptr) {
		if ioctlErr = unix.IoctlSetPointerInt(int(fd), unix.TIOCSPTLCK, 0); ioctlErr != nil {
			return
		}
		n, ioctlErr = unix.IoctlGetInt(int(fd), unix.TIOCGPTN)
	})
	if err = errors.Join(err, ioctlErr); err != nil {
		master.Close()
		return nil, nil, fmt.Errorf("unlocking the pty: %w", err)
	}
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	ws := &unix.Winsize{Col: uint16(cols), Row: uint16(rows)}
	if err := unix.IoctlSetWinsize(int(slave.Fd()), unix.TIOCSWINSZ, ws); err != nil {
		master.Close()
		slave.Close()
		return nil, nil, fmt.Errorf("setting the pty's size: %w", err)
	}
	return master, slave, nil
}

// ptyProgram is achilles running on a pseudo-terminal.
type ptyProgram struct {
	cmd    *exec.Cmd
	master *os.File
	slave  *os.File
	out    bytes.Buffer // everything the program wrote so far
}

// newPTYProgram prepares achilles with args to run as the session leader
// of a new cols×rows pseudo-terminal, in a clean environment with dir as
// its home and working directory. start runs it.
func newPTYProgram(cols, rows int, dir string, args ...string) (*ptyProgram, error) {
	master, slave, err := openPTY(cols, rows)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(binary, args...)
	cmd.Env = []string{"LANG=C.UTF-8", "TERM=xterm-256color", "HOME=" + dir, "PATH=" + os.Getenv("PATH")}
	cmd.Dir = dir
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	// Ctty 0 is the child's stdin: the slave becomes its controlling terminal.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	return &ptyProgram{cmd: cmd, master: master, slave: slave}, nil
}

// start starts the program. The slave is closed here: the program has its
// own copies, and the master then reads an error once it has ended.
func (p *ptyProgram) start() error {
	err := p.cmd.Start()
	p.slave.Close()
	return err
}

// readUntil reads the program's output until it contains want, and fails
// after limit, which only bounds a hang.
func (p *ptyProgram) readUntil(want []byte, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	if err := p.master.SetReadDeadline(deadline); err != nil {
		return err
	}
	buf := make([]byte, 32<<10)
	for !bytes.Contains(p.out.Bytes(), want) {
		n, err := p.master.Read(buf)
		p.out.Write(buf[:n])
		if err != nil {
			return fmt.Errorf("no %q in the output (%v); it was:\n%q", want, err, p.out.String())
		}
	}
	return nil
}

// drain reads and discards the output in the background until the master
// is closed, so the program never blocks writing.
func (p *ptyProgram) drain() {
	p.master.SetReadDeadline(time.Time{})
	go func() {
		buf := make([]byte, 32<<10)
		for {
			if _, err := p.master.Read(buf); err != nil {
				return
			}
		}
	}()
}

// wait waits for the program to end, at most limit; it returns the exit
// code, or kills it and returns an error.
func (p *ptyProgram) wait(limit time.Duration) (int, error) {
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
		return p.cmd.ProcessState.ExitCode(), nil
	case <-time.After(limit):
		p.cmd.Process.Kill()
		<-done
		return -1, fmt.Errorf("the program did not end within %v", limit)
	}
}

// stop kills the program if it is still running and closes the terminal.
func (p *ptyProgram) stop() {
	if p.cmd.Process != nil && p.cmd.ProcessState == nil {
		p.cmd.Process.Kill()
		p.cmd.Wait()
	}
	p.master.Close()
	p.slave.Close()
}
