#!/usr/bin/env python3
"""Time to first prompt of an interactive shell on a pseudo-terminal, with a HOME of its own.

    scripts/first-prompt.py [--runs N] [--inputrc FILE] SHELL [ARGS...]

Starts SHELL ARGS (default `-i`) N times (default 30) with PS1='$ ', HOME a fresh directory
(holding a copy of FILE as .inputrc when given) and TERM=xterm, and prints the median and
the minimum time from the spawn to the prompt appearing on the terminal.
"""

import argparse
import os
import pty
import select
import shutil
import statistics
import tempfile
import time


def one_run(argv, home):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "TERM": "xterm",
        "PS1": "$ ",
        "LC_ALL": "C",
        "HISTFILE": os.path.join(home, ".hist"),
        "INPUTRC": os.path.join(home, ".inputrc"),
    }
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    seen = b""
    try:
        while b"$ " not in seen:
            ready, _, _ = select.select([fd], [], [], 10)
            if not ready:
                raise SystemExit("no prompt within 10 s: %r" % seen[-200:])
            # A terminal that asks where the cursor is gets an answer (line editors do).
            chunk = os.read(fd, 4096)
            if b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")
            seen += chunk
        elapsed = time.perf_counter() - start
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--inputrc")
    p.add_argument("shell", nargs=argparse.REMAINDER)
    a = p.parse_args()
    argv = a.shell if len(a.shell) > 1 else a.shell + ["-i"]
    times = []
    for _ in range(a.runs):
        home = tempfile.mkdtemp(prefix="first-prompt-")
        try:
            if a.inputrc:
                shutil.copy(a.inputrc, os.path.join(home, ".inputrc"))
            times.append(one_run(argv, home))
        finally:
            shutil.rmtree(home, ignore_errors=True)
    print("%s: median %.1f ms, min %.1f ms (%d runs%s)" % (
        " ".join(argv), statistics.median(times) * 1000, min(times) * 1000, a.runs,
        ", inputrc " + a.inputrc if a.inputrc else ""))


if __name__ == "__main__":
    main()
