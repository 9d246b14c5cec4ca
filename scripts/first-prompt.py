#!/usr/bin/env python3
"""Time from starting an interactive shell on a new pseudo-terminal to its first prompt.

    scripts/first-prompt.py [--runs N] [--inputrc FILE] [--login-env] SHELL [ARGS...]
        e.g. scripts/first-prompt.py target/release/chitin
             scripts/first-prompt.py --login-env target/release/chitin -l

Starts SHELL ARGS (default `-i`) N times (default 30), after one run that warms the caches,
each with a HOME of its own (empty, or holding a copy of FILE as .inputrc), as its working
directory, and TERM=xterm. By default the prompt is PS1='$ ' in the C locale; with
--login-env the environment is that of a user logging in on a fresh account (no PS1,
LANG=C.UTF-8), so the system's /etc/profile and what it sources set the prompt. The prompt is
seen when the output, escape sequences removed, ends in '$ ' or '# '. Prints the median, the
minimum and the maximum in milliseconds.
"""

import argparse
import os
import pty
import re
import select
import shutil
import statistics
import tempfile
import time

ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\x07]*\x07|\r")


def environment(home, login_env):
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "TERM": "xterm"}
    if login_env:
        env.update({"LANG": "C.UTF-8", "USER": os.environ.get("USER", "root")})
    else:
        env.update({
            "PS1": "$ ",
            "LC_ALL": "C",
            "HISTFILE": os.path.join(home, ".hist"),
            "INPUTRC": os.path.join(home, ".inputrc"),
        })
    return env


def one_run(argv, home, env):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(home)
        os.execvpe(argv[0], argv, env)
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 10)
            if not ready:
                raise SystemExit("no prompt within 10 s from %s: %r" % (argv, seen[-200:]))
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                raise SystemExit("%s ended before its prompt: %r" % (argv, seen[-200:]))
            # A terminal that asks where the cursor is gets an answer (line editors do).
            if b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")
            seen += chunk
            text = ESCAPES.sub(b"", seen)
            if text.endswith(b"$ ") or text.endswith(b"# "):
                return time.perf_counter() - start
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def timed(argv, a):
    home = tempfile.mkdtemp(prefix="first-prompt-")
    try:
        if a.inputrc:
            shutil.copy(a.inputrc, os.path.join(home, ".inputrc"))
        return one_run(argv, home, environment(home, a.login_env))
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--inputrc")
    p.add_argument("--login-env", action="store_true")
    p.add_argument("shell", nargs=argparse.REMAINDER)
    a = p.parse_args()
    if not a.shell:
        p.error("name the shell to start")
    argv = a.shell if len(a.shell) > 1 else a.shell + ["-i"]
    argv[0] = os.path.abspath(shutil.which(argv[0]) or argv[0])
    timed(argv, a)
    times = sorted(timed(argv, a) * 1000 for _ in range(a.runs))
    print("%s: median %.1f ms (min %.1f, max %.1f, %d runs%s%s)" % (
        " ".join(argv), statistics.median(times), times[0], times[-1], a.runs,
        ", inputrc " + a.inputrc if a.inputrc else "", ", login environment" if a.login_env else ""))


if __name__ == "__main__":
    main()
