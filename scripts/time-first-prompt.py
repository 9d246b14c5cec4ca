#!/usr/bin/env python3
"""Time from starting a shell on a new pseudo-terminal to its first prompt on the screen.

    scripts/time-first-prompt.py [-n RUNS] SHELL [ARG...]     e.g. target/release/chitin -l

Each run gets a HOME of its own (empty: no ~/.profile, ~/.bashrc, ~/.chitinrc) and a small
fixed environment (PATH, TERM=xterm, LANG=C.UTF-8), as a user logging in on a fresh account;
the system's /etc/profile and what it sources are read as they are. The prompt is "seen" when
the output ends in '$ ' or '# ' (escape sequences removed). Prints the median and the range in
milliseconds.
"""
import os, pty, re, select, shutil, signal, statistics, sys, tempfile, time

def one_run(argv):
    home = tempfile.mkdtemp(prefix="first-prompt-")
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "TERM": "xterm",
           "LANG": "C.UTF-8", "USER": os.environ.get("USER", "root")}
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(home)
        os.execve(argv[0], argv, env)
    out = b""
    deadline = start + 10
    elapsed = None
    while time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        text = re.sub(rb"\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\x07]*\x07|\r", b"", out)
        if text.endswith(b"$ ") or text.endswith(b"# "):
            elapsed = time.perf_counter() - start
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    shutil.rmtree(home, ignore_errors=True)
    if elapsed is None:
        sys.exit(f"no prompt from {argv}: {out!r}")
    return elapsed * 1000

def main():
    args = sys.argv[1:]
    runs = 20
    if args[:1] == ["-n"]:
        runs, args = int(args[1]), args[2:]
    args[0] = os.path.abspath(shutil.which(args[0]) or args[0])
    one_run(args)  # warm the caches
    times = sorted(one_run(args) for _ in range(runs))
    print(f"{' '.join(args)}: median {statistics.median(times):.1f} ms "
          f"(min {times[0]:.1f}, max {times[-1]:.1f}, {runs} runs)")

main()
