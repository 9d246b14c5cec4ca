//! `read [-r] [-d delim] [-p prompt] [-u fd] [name...]` (XCU read).
//!
//! POSIX forbids consuming input past the delimiter, since the rest belongs to the next
//! command. On seekable input we read a block and seek back over what was not used (a few
//! syscalls a line, however long); elsewhere (pipes, terminals) one byte a read.

use super::util::{assign, error, lossy};
use crate::shell::{is_name, Shell};
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
                        error(sh, args, format!("-{}: option requires an argument", c as char));
                        return 2;
                    };
                    match c {
                        b'd' => delim = val.first().copied().unwrap_or(0),
                        b'p' => prompt = Some(val),
                        _ => match super::util::parse_decimal(&val).and_then(|n| i32::try_from(n).ok()) {
                            Some(n) if n >= 0 => fd = n,
                            _ => {
                                error(sh, args, format!("{}: invalid file descriptor specification", lossy(&val)));
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
    let line = match read_line(fd, delim, raw) {
        Ok(l) => l,
        Err(e) => {
            error(sh, args, format!("read error: {}: {}", fd, super::util::errno_desc(e)));
            return 1;
        }
    };
    let mut status = if line.found_delim { 0 } else { 1 };
    let values: Vec<Vec<u8>> = if names.is_empty() {
        vec![line.text]
    } else {
        let ifs = sh.vars.get(b"IFS").map(|v| v.to_vec()).unwrap_or_else(|| b" \t\n".to_vec());
        split_for_read(&line.text, &line.escaped, &ifs, names.len())
    };
    let names = if names.is_empty() { vec![&b"REPLY"[..]] } else { names };
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
    /// Feeds bytes; returns how many were used when the delimiter was reached.
    fn feed(&mut self, bytes: &[u8]) -> Option<usize> {
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
                    self.line.escaped.resize(self.line.text.len(), false);
                }
                self.line.text.push(b);
                self.line.escaped.push(true);
                continue;
            }
            if b == self.delim {
                self.line.found_delim = true;
                return Some(i + 1);
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
        None
    }
}

/// Reads up to and including `delim` from `fd`, consuming nothing after it.
pub fn read_line(fd: i32, delim: u8, raw: bool) -> Result<Line, nix::errno::Errno> {
    let mut b = Builder { line: Line { text: Vec::new(), escaped: Vec::new(), found_delim: false }, raw, delim, backslash: false };
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
                if let Some(used) = b.feed(&buf[..n]) {
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
            loop {
                if io::read(fd, &mut byte)? == 0 {
                    break;
                }
                if b.feed(&byte).is_some() {
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

/// Splits a line read by `read` into `nvars` values with IFS (XCU 2.6.5 and read): IFS white
/// space around fields is dropped, each other IFS byte ends one field, and the last variable
/// gets the rest of the line (minus trailing IFS white space, and minus one trailing
/// delimiter when only one field remains). Escaped bytes never separate.
pub fn split_for_read(line: &[u8], escaped: &[bool], ifs: &[u8], nvars: usize) -> Vec<Vec<u8>> {
    let is_ifs = |i: usize| !escaped.get(i).copied().unwrap_or(false) && ifs.contains(&line[i]);
    let is_ws = |i: usize| is_ifs(i) && matches!(line[i], b' ' | b'\t' | b'\n');
    let mut i = 0;
    let mut end = line.len();
    while i < end && is_ws(i) {
        i += 1;
    }
    while end > i && is_ws(end - 1) {
        end -= 1;
    }
    // Skips one separator: white space, at most one other IFS byte, white space.
    let skip_sep = |mut j: usize| {
        while j < end && is_ws(j) {
            j += 1;
        }
        if j < end && is_ifs(j) && !is_ws(j) {
            j += 1;
            while j < end && is_ws(j) {
                j += 1;
            }
        }
        j
    };
    let mut out = Vec::with_capacity(nvars);
    for _ in 1..nvars.max(1) {
        let start = i;
        while i < end && !is_ifs(i) {
            i += 1;
        }
        out.push(line[start..i].to_vec());
        i = skip_sep(i);
    }
    let mut j = i;
    while j < end && !is_ifs(j) {
        j += 1;
    }
    if skip_sep(j) >= end {
        out.push(line[i..j].to_vec());
    } else {
        out.push(line[i..end].to_vec());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str, ifs: &str, n: usize) -> Vec<String> {
        split_for_read(line.as_bytes(), &[], ifs.as_bytes(), n).into_iter().map(|v| String::from_utf8(v).unwrap()).collect()
    }

    #[test]
    fn splitting() {
        let d = " \t\n";
        assert_eq!(split("one two three four", d, 3), ["one", "two", "three four"]);
        assert_eq!(split("one", d, 3), ["one", "", ""]);
        assert_eq!(split("   padded   ", d, 1), ["padded"]);
        assert_eq!(split("  a  b  ", d, 1), ["a  b"]);
        assert_eq!(split("a::c", ":", 3), ["a", "", "c"]);
        assert_eq!(split(":b", ":", 2), ["", "b"]);
        assert_eq!(split("a:b:c:d", ":", 2), ["a", "b:c:d"]);
        assert_eq!(split("a:b:", ":", 2), ["a", "b"]);
        assert_eq!(split("a:b::", ":", 2), ["a", "b::"]);
        assert_eq!(split("a::", ":", 2), ["a", ""]);
        assert_eq!(split("a:", ":", 1), ["a"]);
        assert_eq!(split("a:b :", " :", 2), ["a", "b"]);
        assert_eq!(split("a b   ", d, 2), ["a", "b"]);
        assert_eq!(split("  sp  ", "", 1), ["  sp  "]);
        assert_eq!(split("", d, 2), ["", ""]);
    }

    #[test]
    fn escapes() {
        let line = b"a:b:c";
        let esc = [false, true, false, false, false];
        let v = split_for_read(line, &esc, b":", 2);
        assert_eq!(v, [b"a:b".to_vec(), b"c".to_vec()]);
    }
}
