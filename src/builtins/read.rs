//! `read [-r] [-d delim] [-p prompt] [-u fd] [name...]` (XCU read).
//!
//! POSIX forbids consuming input past the delimiter, since the rest belongs to the next
//! command. On seekable input we read a block and seek back over what was not used (a few
//! syscalls a line, however long); elsewhere (pipes, terminals) one byte a read.

use super::util::{assign, error, lossy};
use crate::shell::{Shell, is_name};
use crate::sys::io;

pub fn read(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut raw = false;
    let mut delim = b'\n';
    let mut prompt: Option<Vec<u8>> = None;
    let mut fd = 0i32;
    let mut i = 1;
    while let Some(a) = args.get(i) {
        if a == b"--" {
            i += 1;
            break;
        }
        if a.len() < 2 || a[0] != b'-' {
            break;
        }
        i += 1;
        let mut k = 1;
        while k < a.len() {
            let c = a[k];
            k += 1;
            match c {
                b'r' => raw = true,
                b'd' | b'p' | b'u' => {
                    // The option's argument: the rest of this word, or the next one.
                    let val = if k < a.len() {
                        let v = a[k..].to_vec();
                        k = a.len();
                        v
                    } else if let Some(v) = args.get(i) {
                        i += 1;
                        v.clone()
                    } else {
                        error(
                            sh,
                            args,
                            format!("-{}: option requires an argument", c as char),
                        );
                        return 2;
                    };
                    match c {
                        b'd' => delim = val.first().copied().unwrap_or(0),
                        b'p' => prompt = Some(val),
                        _ => match super::util::parse_decimal(&val)
                            .and_then(|n| i32::try_from(n).ok())
                        {
                            Some(n) if n >= 0 => fd = n,
                            _ => {
                                error(
                                    sh,
                                    args,
                                    format!(
                                        "{}: invalid file descriptor specification",
                                        lossy(&val)
                                    ),
                                );
                                return 1;
                            }
                        },
                    }
                }
                _ => {
                    error(sh, args, format!("-{}: invalid option", lossy(&[c])));
                    return 2;
                }
            }
        }
    }
    let names: Vec<&[u8]> = args[i..].iter().map(|n| n.as_slice()).collect();
    for n in &names {
        if !is_name(n) {
            error(sh, args, format!("{}: bad variable name", lossy(n)));
            return 2;
        }
    }
    if let Some(p) = prompt {
        if io::isatty(fd) {
            crate::sys::fd::write_all(2, &p);
        }
    }
    // A signal with a trap (or SIGINT in an interactive shell) interrupts a blocked read:
    // status 128+n, nothing assigned, and the trap runs after the builtin.
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
    let line = match read_line(fd, delim, raw, if watch { Some(&trapped) } else { None }) {
        Ok(l) => l,
        Err(ReadError::Signal(sig)) => return 128 + sig,
        Err(ReadError::NoMemory) => {
            error(sh, args, "cannot allocate memory");
            return 1;
        }
        Err(ReadError::Os(e)) => {
            error(
                sh,
                args,
                format!("read error: {}: {}", fd, super::util::errno_desc(e)),
            );
            return 1;
        }
    };
    let mut status = if line.found_delim { 0 } else { 1 };
    let values: Vec<Vec<u8>> = if names.is_empty() {
        vec![line.text]
    } else {
        // The expander's IFS splitting, with escaped bytes marked so they never delimit.
        let ifs = crate::expand::Ifs::new(sh.vars.get(b"IFS"));
        let mask = (!line.escaped.is_empty()).then_some(line.escaped.as_slice());
        let mut v = crate::expand::split_for_read_masked(&ifs, &line.text, mask, names.len());
        v.resize(names.len(), Vec::new());
        v
    };
    let names = if names.is_empty() {
        vec![&b"REPLY"[..]]
    } else {
        names
    };
    for (n, v) in names.iter().zip(values) {
        if let Err(e) = assign(sh, n, v) {
            error(sh, args, e);
            status = 2;
        }
    }
    status
}

pub struct Line {
    pub text: Vec<u8>,
    /// Per byte: it was escaped by a backslash (so never a field separator). Empty when no
    /// byte was.
    pub escaped: Vec<bool>,
    /// The delimiter was read (false at end of file).
    pub found_delim: bool,
}

/// Accumulates a line, handling backslashes unless `raw`.
struct Builder {
    line: Line,
    raw: bool,
    delim: u8,
    backslash: bool,
}

impl Builder {
    /// Feeds bytes; returns how many were used when the delimiter was reached. The line grows
    /// with fallible allocation: a line bigger than the memory left (`ulimit -v`) fails `read`
    /// instead of aborting the shell.
    fn feed(&mut self, bytes: &[u8]) -> Result<Option<usize>, ReadError> {
        let text = &mut self.line.text;
        if text.capacity() - text.len() < bytes.len() && text.try_reserve(bytes.len()).is_err() {
            return Err(ReadError::NoMemory);
        }
        for (i, &b) in bytes.iter().enumerate() {
            if self.backslash {
                self.backslash = false;
                if b == b'\n' {
                    continue;
                }
                if b == 0 {
                    continue;
                }
                if self.line.escaped.len() < self.line.text.len() {
                    let more = self.line.text.len() - self.line.escaped.len();
                    if self.line.escaped.try_reserve(more + 1).is_err() {
                        return Err(ReadError::NoMemory);
                    }
                    self.line.escaped.resize(self.line.text.len(), false);
                }
                self.line.text.push(b);
                self.line.escaped.push(true);
                continue;
            }
            if b == self.delim {
                self.line.found_delim = true;
                return Ok(Some(i + 1));
            }
            if b == b'\\' && !self.raw {
                self.backslash = true;
                continue;
            }
            if b == 0 {
                // NUL bytes cannot live in shell variables.
                continue;
            }
            self.line.text.push(b);
        }
        Ok(None)
    }
}

pub enum ReadError {
    Os(nix::errno::Errno),
    /// Interrupted by this signal.
    Signal(i32),
    /// The line does not fit in the memory left.
    NoMemory,
}

impl From<nix::errno::Errno> for ReadError {
    fn from(e: nix::errno::Errno) -> Self {
        ReadError::Os(e)
    }
}

/// Reads up to and including `delim` from `fd`, consuming nothing after it. When `interrupt`
/// is given, a blocking read also watches the signal self-pipe and gives up with the signal
/// `interrupt` returns.
pub fn read_line(
    fd: i32,
    delim: u8,
    raw: bool,
    interrupt: Option<&dyn Fn() -> Option<i32>>,
) -> Result<Line, ReadError> {
    let mut b = Builder {
        line: Line {
            text: Vec::new(),
            escaped: Vec::new(),
            found_delim: false,
        },
        raw,
        delim,
        backslash: false,
    };
    match io::tell(fd) {
        Some(start) => {
            let mut chunk = 128usize;
            let mut buf = vec![0u8; 64 * 1024];
            let mut pos = start;
            loop {
                let n = io::read(fd, &mut buf[..chunk])?;
                if n == 0 {
                    break;
                }
                if let Some(used) = b.feed(&buf[..n])? {
                    if used < n {
                        io::seek_to(fd, pos + used as i64)?;
                    }
                    break;
                }
                pos += n as i64;
                chunk = (chunk * 2).min(buf.len());
            }
        }
        None => {
            let mut byte = [0u8; 1];
            let wake = crate::sys::signal::wake_fd();
            loop {
                if let Some(check) = interrupt {
                    if let Some(sig) = check() {
                        return Err(ReadError::Signal(sig));
                    }
                    if wake >= 0 {
                        let (_, woke) = io::wait_either(fd, wake);
                        if woke {
                            crate::sys::signal::drain();
                            continue;
                        }
                    }
                }
                if io::read(fd, &mut byte)? == 0 {
                    break;
                }
                if b.feed(&byte)?.is_some() {
                    break;
                }
            }
        }
    }
    let mut line = b.line;
    if !line.escaped.is_empty() {
        line.escaped.resize(line.text.len(), false);
    }
    Ok(line)
}
