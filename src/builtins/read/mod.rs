//! `read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt]
//! [-t timeout] [-u fd] [name...]`: XCU read with bash's options.
//!
//! `-e` on a terminal at fd 0 reads the line with the line editor (file names complete on
//! Tab, `-i` gives the starting text); elsewhere, or with `-n`, `-N`, `-d` or `-t`, it reads as
//! without it and `-i` has no effect, as in bash whenever readline is not used.

mod record;

use std::time::{Duration, Instant};

use super::util::{assign, error, lossy};
use crate::shell::{Shell, is_name};
use crate::sys::io;
pub use record::{End, Limits, ReadError, Record, read_record};

/// bash's status when `-t` runs out: 128 + SIGALRM.
const TIMEOUT_STATUS: i32 = 128 + libc::SIGALRM;

/// The options of one `read`.
struct Options<'a> {
    limits: Limits,
    prompt: Option<&'a [u8]>,
    fd: i32,
    silent: bool,
    array: Option<&'a [u8]>,
    timeout: Option<Duration>,
    /// `-N`: exactly that many characters, no field splitting.
    exact: bool,
    /// `-u` was given.
    fd_given: bool,
    /// `-e`, and `-i`'s text.
    edit: bool,
    initial: &'a [u8],
}

/// Parses the options; `Err(status)` once the error is reported.
fn parse<'a>(sh: &Shell, args: &'a [Vec<u8>]) -> Result<(Options<'a>, usize), i32> {
    let mut o = Options {
        limits: Limits { delim: Some(b'\n'), nchars: None, raw: false, utf8: false },
        prompt: None,
        fd: 0,
        silent: false,
        array: None,
        timeout: None,
        exact: false,
        fd_given: false,
        edit: false,
        initial: b"",
    };
    let mut scanner = super::options::Scanner::new(args, b"a:d:i:n:N:p:t:u:ers");
    while let Some(opt) = scanner.next(sh)? {
        match (opt.letter, opt.value) {
            (b'r', _) => o.limits.raw = true,
            (b's', _) => o.silent = true,
            (b'e', _) => o.edit = true,
            (c, Some(val)) => option_value(sh, args, &mut o, c, val)?,
            _ => {}
        }
    }
    Ok((o, scanner.index()))
}

fn option_value<'a>(
    sh: &Shell,
    args: &[Vec<u8>],
    o: &mut Options<'a>,
    c: u8,
    val: &'a [u8],
) -> Result<(), i32> {
    let fail = |msg: String| {
        error(sh, args, msg);
        Err(1)
    };
    match c {
        b'a' => o.array = Some(val),
        b'd' => o.limits.delim = Some(val.first().copied().unwrap_or(0)),
        b'i' => o.initial = val,
        b'p' => o.prompt = Some(val),
        b'n' | b'N' => match super::util::parse_decimal(val) {
            Some(n) if n >= 0 => {
                o.limits.nchars = Some(n as usize);
                o.exact = c == b'N';
            }
            _ => return fail(format!("{}: invalid number", lossy(val))),
        },
        b't' => match parse_timeout(val) {
            Some(t) => o.timeout = Some(t),
            None => return fail(format!("{}: invalid timeout specification", lossy(val))),
        },
        _ => match super::util::parse_decimal(val).and_then(|n| i32::try_from(n).ok()) {
            Some(n) if n >= 0 => {
                o.fd = n;
                o.fd_given = true;
            }
            _ => return fail(format!("{}: invalid file descriptor specification", lossy(val))),
        },
    }
    Ok(())
}

/// A `-t` timeout: decimal seconds with an optional fraction (`0.5`, `.25`, `3`).
fn parse_timeout(s: &[u8]) -> Option<Duration> {
    let (whole, frac) = match s.iter().position(|&c| c == b'.') {
        Some(dot) => (&s[..dot], &s[dot + 1..]),
        None => (s, &b""[..]),
    };
    let digits = |d: &[u8]| d.iter().all(u8::is_ascii_digit);
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
        return None;
    }
    let secs = whole.iter().try_fold(0u64, |v, &d| v.checked_mul(10)?.checked_add((d - b'0') as u64))?;
    let mut nanos = 0u32;
    for (place, &d) in frac.iter().take(9).enumerate() {
        nanos += (d - b'0') as u32 * 10u32.pow(8 - place as u32);
    }
    Some(Duration::new(secs, nanos))
}

pub fn read(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let (mut o, first_name) = match parse(sh, args) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let names: Vec<&[u8]> = args[first_name..].iter().map(|n| n.as_slice()).collect();
    for n in names.iter().chain(o.array.as_ref()) {
        if !is_name(n) {
            error(sh, args, format!("`{}': not a valid identifier", lossy(n)));
            return 1;
        }
    }
    // Only a descriptor named with -u is checked first (bash): fd 0 fails at the read.
    if let Some(Err(e)) = o.fd_given.then(|| io::is_open(o.fd)) {
        error(
            sh,
            args,
            format!("{}: invalid file descriptor: {}", o.fd, super::util::errno_desc(e)),
        );
        return 1;
    }
    if o.exact {
        o.limits.delim = None;
    }
    if o.limits.nchars.is_some() {
        o.limits.utf8 = crate::shell::locale::is_utf8(&sh.vars);
    }
    // `-t 0`: only whether input is waiting; nothing is read or assigned.
    if o.timeout == Some(Duration::ZERO) {
        return if io::has_input(o.fd) { 0 } else { 1 };
    }
    let deadline = o.timeout.map(|t| Instant::now() + t);
    if let Some(status) = read_with_editor(sh, args, &o, &names) {
        return status;
    }
    // The modes change before the prompt shows, so nothing typed after it is echoed.
    let modes = crate::sys::tty::read_modes(o.fd, o.silent, o.limits.nchars.is_some());
    if let Some(p) = o.prompt
        && io::isatty(o.fd)
    {
        crate::sys::fd::write_all(2, p);
    }
    let rec = read_watching_signals(sh, o.fd, o.limits, deadline);
    drop(modes);
    let rec = match rec {
        Ok(r) => r,
        Err(ReadError::NoMemory) => {
            error(sh, args, "cannot allocate memory");
            return 1;
        }
        Err(ReadError::Os(e)) => {
            error(sh, args, format!("read error: {}: {}", o.fd, super::util::errno_desc(e)));
            return 1;
        }
    };
    let mut status = match rec.end {
        End::Delim | End::Count => 0,
        End::Eof => 1,
        End::Timeout => TIMEOUT_STATUS,
        // A signal with a trap interrupts the read: nothing is assigned, and the trap runs
        // after the builtin.
        End::Signal(sig) => return 128 + sig,
    };
    if let Err(msg) = store(sh, args, &o, &names, rec) {
        sh.report_error(&msg);
        status = 1;
    }
    status
}

/// `read -e` where the line editor can run: fd 0 and stderr are terminals and the record is
/// a plain line. The status, or `None` to read without the editor.
fn read_with_editor(sh: &mut Shell, args: &[Vec<u8>], o: &Options, names: &[&[u8]]) -> Option<i32> {
    let plain_line = o.limits.nchars.is_none() && o.limits.delim == Some(b'\n') && o.timeout.is_none();
    if !o.edit || !plain_line || o.fd != 0 || !io::isatty(0) || !io::isatty(2) {
        return None;
    }
    if sh.vars.get(b"TERM").is_none_or(|t| t == b"dumb") {
        return None;
    }
    use crate::interactive::editor::{EditedLine, read_edited};
    // The editor's line ends with the delimiter it took away; end of input has none.
    let text = match read_edited(o.prompt.unwrap_or(b""), o.initial)? {
        EditedLine::Line(mut l) => {
            l.push(b'\n');
            l
        }
        EditedLine::Eof => Vec::new(),
        EditedLine::Interrupted => return Some(128 + libc::SIGINT),
    };
    let rec = match record::from_bytes(&text, o.limits) {
        Ok(r) => r,
        Err(_) => {
            error(sh, args, "cannot allocate memory");
            return Some(1);
        }
    };
    let status = if rec.end == End::Delim { 0 } else { 1 };
    if let Err(msg) = store(sh, args, o, names, rec) {
        sh.report_error(&msg);
        return Some(1);
    }
    Some(status)
}

/// Reads a record; a signal with a trap (or SIGINT in an interactive shell) interrupts a
/// blocked read.
fn read_watching_signals(
    sh: &Shell,
    fd: i32,
    limits: Limits,
    deadline: Option<Instant>,
) -> Result<Record, ReadError> {
    let interactive = sh.options.interactive;
    let traps = &sh.traps;
    let trapped = move || -> Option<i32> {
        if !crate::sys::signal::any_pending() {
            return None;
        }
        (1..crate::sys::signal::NSIG as i32).find(|&s| {
            crate::sys::signal::is_pending(s)
                && (matches!(traps.get(s), Some(crate::exec::trap::Action::Command(_)))
                    || (interactive && s == libc::SIGINT)
                    || (s == libc::SIGHUP && crate::sys::signal::hangup_pending()))
        })
    };
    let watch = interactive || sh.traps.any_command();
    read_record(fd, limits, deadline, if watch { Some(&trapped) } else { None })
}

/// Assigns what was read: split by IFS over the names (the last takes the rest), or into the
/// array of `-a`, or whole into `REPLY`. `-N` does no splitting.
fn store(
    sh: &mut Shell,
    args: &[Vec<u8>],
    o: &Options,
    names: &[&[u8]],
    rec: Record,
) -> Result<(), String> {
    let no_split = o.exact || (names.is_empty() && o.array.is_none());
    if let Some(array) = o.array {
        let values = if no_split {
            if rec.text.is_empty() { Vec::new() } else { vec![rec.text] }
        } else {
            split(sh, &rec, usize::MAX)
        };
        return super::util::assign_array(sh, args, array, values);
    }
    if names.is_empty() {
        return assign(sh, b"REPLY", rec.text).map_err(|e| e.to_string());
    }
    let mut values = if no_split { vec![rec.text] } else { split(sh, &rec, names.len()) };
    values.resize(names.len(), Vec::new());
    for (n, v) in names.iter().zip(values) {
        assign(sh, n, v).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The expander's IFS splitting, with escaped bytes marked so they never delimit.
fn split(sh: &Shell, rec: &Record, fields: usize) -> Vec<Vec<u8>> {
    let ifs = crate::expand::Ifs::new(sh.vars.get(b"IFS"));
    let mask = (!rec.escaped.is_empty()).then_some(rec.escaped.as_slice());
    crate::expand::split_for_read_masked(&ifs, &rec.text, mask, fields)
}

#[cfg(test)]
mod tests {
    use super::parse_timeout;
    use std::time::Duration;

    #[test]
    fn timeouts() {
        assert_eq!(parse_timeout(b"3"), Some(Duration::from_secs(3)));
        assert_eq!(parse_timeout(b"0.25"), Some(Duration::from_millis(250)));
        assert_eq!(parse_timeout(b".5"), Some(Duration::from_millis(500)));
        assert_eq!(parse_timeout(b"2."), Some(Duration::from_secs(2)));
        assert_eq!(parse_timeout(b"0"), Some(Duration::ZERO));
        assert_eq!(parse_timeout(b"abc"), None);
        assert_eq!(parse_timeout(b"-1"), None);
        assert_eq!(parse_timeout(b"."), None);
        assert_eq!(parse_timeout(b""), None);
    }
}
