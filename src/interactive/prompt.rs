//! PS1/PS2/PS4: bash's backslash escapes, POSIX `!`, then parameter expansion, command
//! substitution and arithmetic.
//!
//! Escapes are decoded first (as bash does) and their results are protected with backslashes
//! so that a directory named `$(rm x)` shown by `\w` is never expanded. `\[` and `\]` become the
//! markers 0x01/0x02; [`render`] cuts the prompt there into the text shown on a plain terminal
//! (`raw`, the bytes between the markers removed) and the styled text (markers removed), so
//! the editor counts only visible columns.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use crate::shell::Shell;

const START_IGNORE: u8 = 1;
const END_IGNORE: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Shown after a command is read, before it runs (bash 4.4).
    Ps0,
    Ps1,
    Ps2,
    Ps4,
}

/// A prompt ready for the editor: `raw` has no invisible sequences, `styled` has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PromptText {
    pub raw: String,
    pub styled: String,
}

/// PS1 when the user's environment has none: the directory, colour-free.
pub const DEFAULT_PS1: &[u8] = b"\\w \\$ ";
pub const DEFAULT_PS2: &[u8] = b"> ";
pub const DEFAULT_PS4: &[u8] = b"+ ";

/// The prompt to show, fully expanded.
pub fn render(sh: &mut Shell, which: Which) -> PromptText {
    let bytes = expand_prompt(sh, which);
    split_markers(&bytes)
}

/// The expanded prompt as bytes, the `\[ \]` markers (0x01, 0x02) still in it.
pub fn expand_prompt(sh: &mut Shell, which: Which) -> Vec<u8> {
    let (name, default): (&[u8], &[u8]) = match which {
        Which::Ps0 => (b"PS0", b""),
        Which::Ps1 => (b"PS1", DEFAULT_PS1),
        Which::Ps2 => (b"PS2", DEFAULT_PS2),
        Which::Ps4 => (b"PS4", DEFAULT_PS4),
    };
    let ps = sh
        .vars
        .get(name)
        .map(|v| v.to_vec())
        .unwrap_or_else(|| default.to_vec());
    let decoded = decode_escapes(sh, &ps, which);
    // Save and restore $? so that a `$(...)` in the prompt cannot change what the user sees.
    let status = sh.last_status;
    let out = expand_text(sh, &decoded);
    sh.last_status = status;
    out
}

/// Splits on the markers: raw drops the invisible parts, styled keeps them.
pub fn split_markers(bytes: &[u8]) -> PromptText {
    let mut raw = Vec::new();
    let mut styled = Vec::new();
    let mut hidden = false;
    for &c in bytes {
        match c {
            START_IGNORE => hidden = true,
            END_IGNORE => hidden = false,
            _ => {
                if !hidden {
                    raw.push(c);
                }
                styled.push(c);
            }
        }
    }
    PromptText {
        raw: String::from_utf8_lossy(&raw).into_owned(),
        styled: String::from_utf8_lossy(&styled).into_owned(),
    }
}

/// Appends `value`, protected from the later expansion (as inside a here-document body).
fn push_protected(out: &mut Vec<u8>, value: &[u8]) {
    for &c in value {
        if matches!(c, b'$' | b'`' | b'\\') {
            out.push(b'\\');
        }
        out.push(c);
    }
}

/// Decodes the backslash escapes, and for PS1 `!` (history number) and `!!` (a `!`).
pub fn decode_escapes(sh: &Shell, ps: &[u8], which: Which) -> Vec<u8> {
    let mut out = Vec::with_capacity(ps.len() + 16);
    let mut i = 0;
    while i < ps.len() {
        let c = ps[i];
        if c == b'!' && which == Which::Ps1 {
            if ps.get(i + 1) == Some(&b'!') {
                out.push(b'!');
                i += 2;
            } else {
                out.extend_from_slice(sh.history.next_number().to_string().as_bytes());
                i += 1;
            }
            continue;
        }
        if c != b'\\' || i + 1 >= ps.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let e = ps[i + 1];
        i += 2;
        match e {
            b'u' => push_protected(&mut out, &user_name(crate::expand::tilde::search_path(sh))),
            b'h' => {
                let h = host_name();
                let short = h.split(|&c| c == b'.').next().unwrap_or(&[]).to_vec();
                push_protected(&mut out, &short)
            }
            b'H' => push_protected(&mut out, &host_name()),
            b'w' => push_protected(&mut out, &tilde_dir(sh)),
            b'W' => {
                let d = tilde_dir(sh);
                let base = if d == b"/" || d == b"~" {
                    d
                } else {
                    d.rsplit(|&c| c == b'/').next().unwrap_or(&[]).to_vec()
                };
                push_protected(&mut out, &base)
            }
            b'$' => out.push(if nix::unistd::geteuid().is_root() {
                b'#'
            } else {
                b'$'
            }),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'a' => out.push(7),
            b'e' => out.push(0x1b),
            b't' => out.extend_from_slice(&strftime("%H:%M:%S")),
            b'T' => out.extend_from_slice(&strftime("%I:%M:%S")),
            b'@' => out.extend_from_slice(&strftime("%I:%M %p")),
            b'A' => out.extend_from_slice(&strftime("%H:%M")),
            b'd' => out.extend_from_slice(&strftime("%a %b %d")),
            b'D' if ps.get(i) == Some(&b'{') => {
                // \D{format}: strftime; an empty format is the locale's time (`%X`).
                let Some(len) = ps[i..].iter().position(|&c| c == b'}') else {
                    out.extend_from_slice(b"\\D");
                    continue;
                };
                let fmt = String::from_utf8_lossy(&ps[i + 1..i + len]).into_owned();
                i += len + 1;
                push_protected(&mut out, &strftime(if fmt.is_empty() { "%X" } else { &fmt }));
            }
            b'l' => push_protected(&mut out, &tty_base_name()),
            b'j' => out.extend_from_slice(job_count(sh).to_string().as_bytes()),
            b'?' => out.extend_from_slice(sh.last_status.to_string().as_bytes()),
            b'!' => out.extend_from_slice(sh.history.next_number().to_string().as_bytes()),
            b'#' => out.extend_from_slice((sh.history.commands_read + 1).to_string().as_bytes()),
            b's' => {
                let name = sh.arg0.rsplit(|&c| c == b'/').next().unwrap_or(&[]);
                push_protected(&mut out, name)
            }
            b'v' => {
                let v = env!("CARGO_PKG_VERSION");
                let major_minor = v.rsplit_once('.').map_or(v, |(mm, _)| mm);
                out.extend_from_slice(major_minor.as_bytes())
            }
            b'V' => out.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes()),
            b'[' => out.push(START_IGNORE),
            b']' => out.push(END_IGNORE),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'0'..=b'7' => {
                // \nnn: up to three octal digits.
                let mut v: u32 = u32::from(e - b'0');
                let mut n = 1;
                while n < 3 && i < ps.len() && (b'0'..=b'7').contains(&ps[i]) {
                    v = v * 8 + u32::from(ps[i] - b'0');
                    i += 1;
                    n += 1;
                }
                push_protected(&mut out, &[(v & 0xff) as u8]);
            }
            _ => {
                // Unknown: kept as written (it may be a `\$` meant for the expansion).
                out.push(b'\\');
                out.push(e);
            }
        }
    }
    out
}

/// The number of jobs in the job table (`\j`).
fn job_count(sh: &Shell) -> usize {
    sh.jobs.jobs.iter().filter(|j| !j.foreground).count()
}

/// `\l`: the last part of the terminal's name (`3` for /dev/pts/3), `tty` when there is none.
fn tty_base_name() -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    match nix::unistd::ttyname(std::io::stdin()) {
        Ok(p) => p.file_name().map_or(b"tty".to_vec(), |n| n.as_bytes().to_vec()),
        Err(_) => b"tty".to_vec(),
    }
}

fn user_name(search_path: &[u8]) -> Vec<u8> {
    if let Some(u) = crate::sys::users::by_uid(nix::unistd::getuid().as_raw(), search_path) {
        return u.name;
    }
    std::env::var_os("USER")
        .map(|u| u.as_bytes().to_vec())
        .unwrap_or_default()
}

fn host_name() -> Vec<u8> {
    nix::unistd::gethostname()
        .map(|h| h.as_bytes().to_vec())
        .unwrap_or_default()
}

/// `$PWD` (else the real cwd) with `$HOME` shown as `~`.
fn tilde_dir(sh: &Shell) -> Vec<u8> {
    let pwd = match sh.vars.get(b"PWD") {
        Some(p) if p.starts_with(b"/") => p.to_vec(),
        _ => std::env::current_dir()
            .map(|p| p.as_os_str().as_bytes().to_vec())
            .unwrap_or_default(),
    };
    if let Some(home) = sh.vars.get(b"HOME") {
        let home = home.strip_suffix(b"/").unwrap_or(home);
        if !home.is_empty() && pwd.starts_with(home) {
            let rest = &pwd[home.len()..];
            if rest.is_empty() || rest.starts_with(b"/") {
                let mut t = b"~".to_vec();
                t.extend_from_slice(rest);
                return t;
            }
        }
    }
    pwd
}

/// Formats the local time.
fn strftime(fmt: &str) -> Vec<u8> {
    crate::sys::time::strftime_local(fmt)
}

/// Parameter expansion, command substitution and arithmetic on the decoded prompt, with the
/// rules of an unquoted here-document body (double-quote rules, `"` literal).
pub fn expand_text(sh: &mut Shell, text: &[u8]) -> Vec<u8> {
    if !text.iter().any(|&c| matches!(c, b'$' | b'`' | b'\\')) {
        return text.to_vec();
    }
    match full_expand(sh, text) {
        Some(v) => v,
        None => simple_expand(sh, text),
    }
}

/// The real expander on `text` as a here-document body; `None` when it cannot be parsed or
/// expanded (the caller falls back to plain `$name` substitution).
fn full_expand(sh: &mut Shell, text: &[u8]) -> Option<Vec<u8>> {
    use crate::syntax::ast::{Command, RedirTarget};
    const DELIM: &[u8] = b"__chitin_prompt_end__";
    if text.split(|&c| c == b'\n').any(|l| l == DELIM) {
        return None;
    }
    let mut src = b":<<".to_vec();
    src.extend_from_slice(DELIM);
    src.push(b'\n');
    src.extend_from_slice(text);
    src.push(b'\n');
    src.extend_from_slice(DELIM);
    src.push(b'\n');
    let list = crate::syntax::parse_program(&src).ok()?;
    let item = list.items.first()?;
    let Command::Simple(cmd) = item.and_or.first.commands.first()? else {
        return None;
    };
    let RedirTarget::HereDoc(doc) = &cmd.redirects.first()?.target else {
        return None;
    };
    let mut out = crate::expand::expand_word(sh, &doc.body).ok()?;
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    Some(out)
}

/// Fallback expansion when the full expander cannot take the text (syntax error in the
/// prompt): `$name`, `${name}` and backslash removal only, never an error.
pub fn simple_expand(sh: &Shell, text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if c == b'\\' && i + 1 < text.len() && matches!(text[i + 1], b'$' | b'`' | b'\\') {
            out.push(text[i + 1]);
            i += 2;
        } else if c == b'$' {
            let (name, next) = if text.get(i + 1) == Some(&b'{') {
                match text[i + 2..].iter().position(|&c| c == b'}') {
                    Some(end) => (&text[i + 2..i + 2 + end], i + 3 + end),
                    None => (&text[i..i], i + 1),
                }
            } else {
                let len = text[i + 1..]
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                    .unwrap_or(text.len() - i - 1);
                (&text[i + 1..i + 1 + len], i + 1 + len)
            };
            if name.is_empty() {
                out.push(b'$');
                i += 1;
            } else {
                if name == b"?" {
                    out.extend_from_slice(sh.last_status.to_string().as_bytes());
                } else if let Some(v) = sh.vars.get(name) {
                    out.extend_from_slice(v);
                }
                i = next;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Used by tests and `\w`: the path as an OsStr.
pub fn as_os(b: &[u8]) -> &OsStr {
    OsStr::from_bytes(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell() -> Shell {
        let mut sh = Shell::new();
        sh.vars.set(b"HOME", b"/home/me".to_vec()).unwrap();
        sh.vars.set(b"PWD", b"/home/me/src/$(x)".to_vec()).unwrap();
        sh
    }

    #[test]
    fn escapes() {
        let sh = shell();
        assert_eq!(
            decode_escapes(&sh, b"\\w \\W", Which::Ps1),
            b"~/src/\\$(x) \\$(x)".to_vec()
        );
        assert_eq!(
            decode_escapes(&sh, b"!! ! \\!", Which::Ps1),
            b"! 1 1".to_vec()
        );
        assert_eq!(decode_escapes(&sh, b"!", Which::Ps2), b"!".to_vec());
        assert_eq!(
            decode_escapes(&sh, b"a\\nb\\101", Which::Ps1),
            b"a\nbA".to_vec()
        );
    }

    #[test]
    fn markers() {
        let p = split_markers(b"\x01\x1b[32m\x02ok\x01\x1b[0m\x02$ ");
        assert_eq!(p.raw, "ok$ ");
        assert_eq!(p.styled, "\x1b[32mok\x1b[0m$ ");
    }

    #[test]
    fn fallback() {
        let mut sh = shell();
        sh.vars.set(b"X", b"1".to_vec()).unwrap();
        assert_eq!(simple_expand(&sh, b"a$X ${X}b \\$X"), b"a1 1b $X".to_vec());
    }
}
