//! The one signal name <-> number table of the crate (`kill`, `trap`, exit-status messages).
//!
//! Names are written without the `SIG` prefix, as `kill -l` and `trap` print them.
//! Lookup accepts an optional `SIG` prefix, any case, and `RTMIN+n` / `RTMAX-n`.

/// The classic signals, in number order on Linux (other systems keep their own numbers through
/// the libc constants).
pub const SIGNALS: &[(&str, i32)] = &[
    ("HUP", libc::SIGHUP),
    ("INT", libc::SIGINT),
    ("QUIT", libc::SIGQUIT),
    ("ILL", libc::SIGILL),
    ("TRAP", libc::SIGTRAP),
    ("ABRT", libc::SIGABRT),
    ("BUS", libc::SIGBUS),
    ("FPE", libc::SIGFPE),
    ("KILL", libc::SIGKILL),
    ("USR1", libc::SIGUSR1),
    ("SEGV", libc::SIGSEGV),
    ("USR2", libc::SIGUSR2),
    ("PIPE", libc::SIGPIPE),
    ("ALRM", libc::SIGALRM),
    ("TERM", libc::SIGTERM),
    #[cfg(any(target_os = "linux", target_os = "android"))]
    ("STKFLT", libc::SIGSTKFLT),
    ("CHLD", libc::SIGCHLD),
    ("CONT", libc::SIGCONT),
    ("STOP", libc::SIGSTOP),
    ("TSTP", libc::SIGTSTP),
    ("TTIN", libc::SIGTTIN),
    ("TTOU", libc::SIGTTOU),
    ("URG", libc::SIGURG),
    ("XCPU", libc::SIGXCPU),
    ("XFSZ", libc::SIGXFSZ),
    ("VTALRM", libc::SIGVTALRM),
    ("PROF", libc::SIGPROF),
    ("WINCH", libc::SIGWINCH),
    ("IO", libc::SIGIO),
    #[cfg(any(target_os = "linux", target_os = "android"))]
    ("PWR", libc::SIGPWR),
    ("SYS", libc::SIGSYS),
];

/// Aliases accepted on input only.
const ALIASES: &[(&str, i32)] = &[
    ("IOT", libc::SIGABRT),
    ("POLL", libc::SIGIO),
    ("CLD", libc::SIGCHLD),
];

#[cfg(any(target_os = "linux", target_os = "android"))]
fn rt_range() -> Option<(i32, i32)> {
    Some((libc::SIGRTMIN(), libc::SIGRTMAX()))
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn rt_range() -> Option<(i32, i32)> {
    None
}

/// One past the highest signal number.
pub fn nsig() -> i32 {
    match rt_range() {
        Some((_, max)) => max + 1,
        None => SIGNALS.iter().map(|s| s.1).max().unwrap_or(31) + 1,
    }
}

/// The name of signal `num` without `SIG` (`"INT"`, `"RTMIN+2"`), or `None`.
pub fn name(num: i32) -> Option<String> {
    if let Some((n, _)) = SIGNALS.iter().find(|s| s.1 == num) {
        return Some((*n).to_string());
    }
    let (min, max) = rt_range()?;
    if num == min {
        Some("RTMIN".into())
    } else if num == max {
        Some("RTMAX".into())
    } else if num > min && num < max {
        // Same split as bash: the lower half counts up from RTMIN, the upper down from RTMAX.
        if num - min <= (max - min) / 2 {
            Some(format!("RTMIN+{}", num - min))
        } else {
            Some(format!("RTMAX-{}", max - num))
        }
    } else {
        None
    }
}

/// The number of the signal called `name` (`INT`, `SIGINT`, `int`, `RTMIN+1`). Numbers are not
/// accepted here; callers decide whether a numeric operand is allowed.
pub fn number(name: &[u8]) -> Option<i32> {
    let upper: Vec<u8> = name.to_ascii_uppercase();
    let bare = upper.strip_prefix(b"SIG").unwrap_or(&upper);
    for (n, num) in SIGNALS.iter().chain(ALIASES) {
        if n.as_bytes() == bare {
            return Some(*num);
        }
    }
    let (min, max) = rt_range()?;
    let parse_off = |s: &[u8]| -> Option<i32> {
        if s.is_empty() || !s.iter().all(u8::is_ascii_digit) || s.len() > 3 {
            return None;
        }
        std::str::from_utf8(s).ok()?.parse().ok()
    };
    let n = if bare == b"RTMIN" {
        min
    } else if bare == b"RTMAX" {
        max
    } else if let Some(off) = bare.strip_prefix(b"RTMIN+") {
        min + parse_off(off)?
    } else if let Some(off) = bare.strip_prefix(b"RTMAX-") {
        max - parse_off(off)?
    } else {
        return None;
    };
    (min..=max).contains(&n).then_some(n)
}

/// A signal given by name or by decimal number (`kill -s`, `trap`): the number if it names a
/// real signal. `0` is accepted (the null signal / `EXIT` for trap).
pub fn parse(spec: &[u8]) -> Option<i32> {
    if !spec.is_empty() && spec.iter().all(u8::is_ascii_digit) {
        let n: i32 = std::str::from_utf8(spec).ok()?.parse().ok()?;
        return (n == 0 || name(n).is_some()).then_some(n);
    }
    number(spec)
}

/// Every signal number with its name, in number order (`kill -l`, `trap -l`).
pub fn all() -> Vec<(i32, String)> {
    (1..nsig())
        .filter_map(|n| name(n).map(|s| (n, s)))
        .collect()
}

/// Sends `sig` (0 for the null signal) to `pid` (negative: a process group), as kill(2).
pub fn send(pid: i32, sig: i32) -> Result<(), nix::errno::Errno> {
    // SAFETY: kill takes plain integers and has no memory effects in this process.
    let r = unsafe { libc::kill(pid, sig) };
    nix::errno::Errno::result(r).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        assert_eq!(number(b"INT"), Some(libc::SIGINT));
        assert_eq!(number(b"sigterm"), Some(libc::SIGTERM));
        assert_eq!(number(b"NOPE"), None);
        assert_eq!(name(libc::SIGKILL).as_deref(), Some("KILL"));
        for (n, s) in all() {
            assert_eq!(number(s.as_bytes()), Some(n), "{s}");
        }
        assert_eq!(parse(b"9"), Some(9));
        assert_eq!(parse(b"0"), Some(0));
        assert_eq!(parse(b"999"), None);
    }
}
