//! A probe for the job-control tests (like fish's fish_test_helper): a program the shell under
//! test runs as a job, reporting facts the tests check instead of guessing from text.
//!
//!   probe info [LABEL]   one line: pid, pgid, sid, terminal owner, whether it owns the terminal,
//!                        ignored and blocked signals
//!   probe stopcont       reports every SIGTSTP (then stops itself) and SIGCONT until SIGINT/SIGTERM
//!   probe raw            puts the terminal in -echo -icanon mode and reports each key with the
//!                        current modes; `q` exits WITHOUT restoring the modes (a crashed program)
//!   probe read           reads one line from the terminal and prints it
//!   probe write TEXT     prints TEXT (stopped by SIGTTOU first under `stty tostop` in background)
//!   probe modes          prints the terminal modes echo/icanon/isig
//!   probe nonblock       sets O_NONBLOCK on standard input and exits
//!
//! Every line it prints starts with `probe:`.

use std::io::{Read, Write};
use std::os::fd::BorrowedFd;

use nix::sys::signal::{SigSet, Signal};
use nix::sys::termios::{self, LocalFlags, SetArg};
use nix::unistd::{getpgrp, getpid, getsid, tcgetpgrp};

fn stdin_fd() -> BorrowedFd<'static> {
    // SAFETY: fd 0 stays open for the whole life of the probe.
    unsafe { BorrowedFd::borrow_raw(0) }
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "probe: {line}");
    let _ = out.flush();
}

fn onoff(b: bool) -> &'static str {
    if b { "on" } else { "off" }
}

fn modes() -> String {
    match termios::tcgetattr(stdin_fd()) {
        Ok(t) => format!(
            "echo={} icanon={} isig={}",
            onoff(t.local_flags.contains(LocalFlags::ECHO)),
            onoff(t.local_flags.contains(LocalFlags::ICANON)),
            onoff(t.local_flags.contains(LocalFlags::ISIG))
        ),
        Err(e) => format!("no-tty({e})"),
    }
}

/// Signals whose disposition is SIG_IGN.
fn ignored() -> Vec<Signal> {
    let mut out = Vec::new();
    for sig in Signal::iterator() {
        // SIGPIPE: the Rust runtime of the probe itself ignores it at startup, so its
        // inherited disposition cannot be seen from here.
        if matches!(sig, Signal::SIGKILL | Signal::SIGSTOP | Signal::SIGPIPE) {
            continue;
        }
        let mut old = std::mem::MaybeUninit::<libc::sigaction>::uninit();
        // SAFETY: a null new action only queries the disposition into `old`, which sigaction
        // fully initialises on success; the probe is a test helper, not shell code.
        let rc = unsafe { libc::sigaction(sig as libc::c_int, std::ptr::null(), old.as_mut_ptr()) };
        if rc == 0 {
            // SAFETY: initialised by the successful call above.
            let old = unsafe { old.assume_init() };
            if old.sa_sigaction == libc::SIG_IGN {
                out.push(sig);
            }
        }
    }
    out
}

fn names(sigs: impl IntoIterator<Item = Signal>) -> String {
    let v: Vec<&str> = sigs.into_iter().map(|s| s.as_str()).collect();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(",")
    }
}

fn info(label: &str) {
    let pid = getpid();
    let pgid = getpgrp();
    let sid = getsid(None).map(|p| p.as_raw()).unwrap_or(-1);
    let tpgid = tcgetpgrp(stdin_fd()).map(|p| p.as_raw()).unwrap_or(-1);
    let blocked = SigSet::thread_get_mask()
        .map(|m| names(m.iter()))
        .unwrap_or_else(|e| e.to_string());
    say(&format!(
        "{label} pid={pid} pgid={pgid} sid={sid} tpgid={tpgid} leader={} owns_tty={} ignored={} blocked={}",
        if pid == pgid { "yes" } else { "no" },
        if tpgid == pgid.as_raw() { "yes" } else { "no" },
        names(ignored()),
        blocked
    ));
}

fn stopcont() {
    // Blocked signals are taken with sigwait, so no handler (and no unsafe) is needed. SIGCONT
    // still continues the process while blocked; SIGTSTP stays pending instead of stopping us.
    let mut set = SigSet::empty();
    set.add(Signal::SIGTSTP);
    set.add(Signal::SIGCONT);
    if let Err(e) = set.thread_block() {
        say(&format!("cannot block: {e}"));
        std::process::exit(1);
    }
    say("ready");
    loop {
        match set.wait() {
            Ok(Signal::SIGTSTP) => {
                say("SIGTSTP");
                let _ = nix::sys::signal::raise(Signal::SIGSTOP);
            }
            Ok(Signal::SIGCONT) => say("SIGCONT"),
            Ok(other) => say(&format!("{other}")),
            Err(e) => {
                say(&format!("sigwait: {e}"));
                std::process::exit(1);
            }
        }
    }
}

fn raw() {
    let fd = stdin_fd();
    let mut t = match termios::tcgetattr(fd) {
        Ok(t) => t,
        Err(e) => {
            say(&format!("tcgetattr: {e}"));
            std::process::exit(1);
        }
    };
    t.local_flags.remove(LocalFlags::ECHO | LocalFlags::ICANON);
    if let Err(e) = termios::tcsetattr(fd, SetArg::TCSADRAIN, &t) {
        say(&format!("tcsetattr: {e}"));
        std::process::exit(1);
    }
    say(&format!("raw {}", modes()));
    let mut stdin = std::io::stdin().lock();
    let mut b = [0u8; 1];
    loop {
        match stdin.read(&mut b) {
            Ok(0) => break,
            Ok(_) => {
                let c = b[0];
                let shown = if c.is_ascii_graphic() {
                    (c as char).to_string()
                } else {
                    format!("\\x{c:02x}")
                };
                say(&format!("got {shown} {}", modes()));
                if c == b'q' {
                    // Leave the modes broken, as a crashed program would.
                    std::process::exit(0);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                say(&format!("read: {e}"));
                std::process::exit(1);
            }
        }
    }
}

fn read_line() {
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(_) => say(&format!("read [{}]", line.trim_end_matches('\n'))),
        Err(e) => say(&format!("read error: {e}")),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    match arg(0) {
        "info" => info(if args.len() > 1 { arg(1) } else { "info" }),
        "stopcont" => stopcont(),
        "raw" => raw(),
        "read" => read_line(),
        "write" => say(arg(1)),
        "modes" => say(&modes()),
        "nonblock" => {
            // Leave standard input non-blocking, as some crashed programs do.
            let flags = nix::fcntl::fcntl(stdin_fd(), nix::fcntl::FcntlArg::F_GETFL).unwrap_or(0);
            let flags = nix::fcntl::OFlag::from_bits_retain(flags) | nix::fcntl::OFlag::O_NONBLOCK;
            match nix::fcntl::fcntl(stdin_fd(), nix::fcntl::FcntlArg::F_SETFL(flags)) {
                Ok(_) => say("stdin is non-blocking"),
                Err(e) => say(&format!("fcntl: {e}")),
            }
        }
        _ => {
            eprintln!("usage: probe info|stopcont|raw|read|write TEXT|modes");
            std::process::exit(2);
        }
    }
}
