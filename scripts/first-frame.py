#!/usr/bin/env python3
"""Times the real binary from start to its first drawn frame, in a pseudo-terminal.

Usage: scripts/first-frame.py [path/to/tend] [args...]   (default: target/release/tend --demo)
Prints the median of 20 runs. TEND_HOME is a fresh temporary folder for each run.
"""
import fcntl, os, pty, select, statistics, struct, sys, tempfile, termios, time

def once(cmd):
    home = tempfile.mkdtemp(prefix="tend-ff-")
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TEND_HOME"] = home
        os.environ["TERM"] = "xterm-256color"
        os.execv(cmd[0], cmd)
    start = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen = b""
    while True:
        r, _, _ = select.select([fd], [], [], 5)
        if not r:
            raise SystemExit("no frame within 5 s")
        chunk = os.read(fd, 65536)
        seen += chunk
        if b"\x1b[6n" in chunk:
            os.write(fd, b"\x1b[1;1R")
        if b"tend \xc2\xb7" in seen:  # "tend ·" in the header
            elapsed = time.perf_counter() - start
            break
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    return elapsed

cmd = sys.argv[1:] or ["target/release/tend", "--demo"]
times = [once(cmd) for _ in range(20)]
print(f"first frame: median {statistics.median(times)*1000:.1f} ms, "
      f"min {min(times)*1000:.1f} ms, max {max(times)*1000:.1f} ms over {len(times)} runs")
