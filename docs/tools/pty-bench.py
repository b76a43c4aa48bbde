#!/usr/bin/env python3
"""Measures the dashboard as a user's terminal sees it, through a pseudo-terminal:
time from process start to the first complete screen, bytes sent for one row move in the
partners table, and the time each keystroke of the / filter takes to be redrawn.

usage: pty-bench.py BINARY NETWORK.json [--size 120x40] [--runs 5]
"""
import argparse, fcntl, os, pty, select, statistics, struct, termios, time

def spawn(binary, data, cols, rows):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", LIAISON_DATA=data, LIAISON_TODAY="2026-11-24")
        env.pop("NO_COLOR", None)
        os.execve(binary, [binary], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd

def read_until(fd, predicate, timeout=30.0):
    """Reads until predicate(all bytes so far) holds; returns (bytes, seconds)."""
    start = time.perf_counter(); data = b""
    while time.perf_counter() - start < timeout:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            data += chunk
            if predicate(data):
                return data, time.perf_counter() - start
    return data, time.perf_counter() - start

def drain(fd, idle=0.3):
    """Reads until nothing arrives for `idle` seconds; returns (bytes, seconds to the last byte)."""
    start = time.perf_counter(); data = b""; last = start
    while True:
        ready, _, _ = select.select([fd], [], [], idle)
        if not ready:
            return data, last - start
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return data, last - start
        data += chunk; last = time.perf_counter()

def stop(pid, fd):
    os.write(fd, b"q")
    try:
        os.waitpid(pid, 0)
    finally:
        os.close(fd)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary"); parser.add_argument("data")
    parser.add_argument("--size", default="120x40"); parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cols, rows = map(int, args.size.split("x"))

    starts, moves, immediate, keystrokes = [], [], [], []
    for _ in range(args.runs):
        begin = time.perf_counter()
        pid, fd = spawn(args.binary, args.data, cols, rows)
        # The hint line at the bottom is the last thing the first frame draws.
        _, _ = read_until(fd, lambda d: b"quit" in d)
        starts.append(time.perf_counter() - begin)
        drain(fd)
        os.write(fd, b"2"); drain(fd)
        for _ in range(5):
            os.write(fd, b"j")
            # What answers the key at once: the table and the status line.
            first, _ = drain(fd, idle=0.06)
            # Then the detail, once the keys pause.
            rest, _ = drain(fd, idle=0.3)
            immediate.append(len(first)); moves.append(len(first) + len(rest))
        os.write(fd, b"/"); drain(fd)
        for key in "krakow":
            sent = time.perf_counter()
            os.write(fd, key.encode())
            _, until_last = drain(fd, idle=0.25)
            keystrokes.append(until_last)
        os.write(fd, b"\r"); drain(fd)
        stop(pid, fd)

    print(f"file: {args.data}  size: {cols}x{rows}  runs: {args.runs}")
    print(f"first complete screen: median {statistics.median(starts) * 1000:.0f} ms (min {min(starts) * 1000:.0f}, max {max(starts) * 1000:.0f})")
    print(f"bytes sent at once for one row down in the partners table: median {statistics.median(immediate):.0f} (min {min(immediate)}, max {max(immediate)})")
    print(f"bytes for that step including the detail that follows after the pause: median {statistics.median(moves):.0f} (min {min(moves)}, max {max(moves)})")
    print(f"/ filter, key to last byte of the redraw: median {statistics.median(keystrokes) * 1000:.1f} ms (max {max(keystrokes) * 1000:.1f})")

if __name__ == "__main__":
    main()
