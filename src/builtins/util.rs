//! Small helpers shared by the builtins: error messages, option scanning, number parsing.

use std::borrow::Cow;

use crate::shell::Shell;

/// Bytes shown in a message (lossy: messages are text).
pub fn lossy(b: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(b)
}

/// The builtin's name (args[0]) for messages.
pub fn name(args: &[Vec<u8>]) -> Cow<'_, str> {
    args.first()
        .map(|a| lossy(a))
        .unwrap_or(Cow::Borrowed("builtin"))
}

/// Writes `chitin: [script: line N: ]NAME: MSG`.
pub fn error(sh: &Shell, args: &[Vec<u8>], msg: impl std::fmt::Display) {
    sh.report_error(&format!("{}: {}", name(args), msg));
}

/// Writes bash's usage line (`NAME: usage: ...`, no shell prefix) to stderr.
pub fn usage(text: &str) {
    crate::sys::fd::write_all(2, format!("{text}\n").as_bytes());
}

/// Writes to stdout, ignoring failures.
pub fn out(bytes: &[u8]) {
    crate::sys::fd::write_all(1, bytes);
}

/// Writes a builtin's output to stdout; on failure (closed or full descriptor) reports
/// `NAME: write error: ...` and returns status 1, as bash does.
pub fn out_checked(sh: &Shell, args: &[Vec<u8>], bytes: &[u8]) -> i32 {
    match crate::sys::fd::try_write_all(1, bytes) {
        Ok(()) => 0,
        Err(e) => {
            error(sh, args, format!("write error: {}", errno_text(&e)));
            1
        }
    }
}

/// Assigns a variable as an assignment word would: through its attributes, exported too
/// under `set -a`.
pub fn assign(sh: &mut Shell, name: &[u8], value: Vec<u8>) -> Result<(), crate::shell::assign::AssignError> {
    crate::shell::assign::assign(sh, name, value, false)
}

/// A name builtins like `printf -v`, `read` and `mapfile` may assign: a variable name, or an
/// array element `name[subscript]`.
pub fn is_assignable(target: &[u8]) -> bool {
    match split_element(target) {
        Some((name, _)) => crate::shell::is_name(name),
        None => crate::shell::is_name(target),
    }
}

/// `name[subscript]` split into its name and subscript text (not empty).
fn split_element(target: &[u8]) -> Option<(&[u8], &[u8])> {
    let open = target.iter().position(|&c| c == b'[')?;
    let inner = target.get(open + 1..target.len().checked_sub(1)?)?;
    (target.last() == Some(&b']') && !inner.is_empty()).then(|| (&target[..open], inner))
}

/// Assigns `value` to a name [`is_assignable`] accepted.
pub fn assign_target(sh: &mut Shell, target: &[u8], value: Vec<u8>) -> Result<(), String> {
    match split_element(target) {
        Some((name, sub)) => {
            let shown = || lossy(target).into_owned();
            let key = crate::expand::subscript::from_text(sh, name, sub, shown)
                .map_err(|e| e.message)?;
            sh.vars.set_element(name, key.key(), value).map_err(|e| e.to_string())
        }
        None => assign(sh, target, value).map_err(|e| e.to_string()),
    }
}

/// Makes `name` an indexed array of `values` (`read -a`). An associative array is refused
/// with bash's `NAME: not an indexed array`, reported as from builtin `args[0]`.
pub fn assign_array(
    sh: &mut Shell,
    args: &[Vec<u8>],
    name: &[u8],
    values: Vec<Vec<u8>>,
) -> Result<(), String> {
    if sh.vars.is_assoc(name) {
        return Err(format!("{}: {}: not an indexed array", self::name(args), lossy(name)));
    }
    let array = crate::shell::vars::IndexedArray::from_values(values);
    sh.vars
        .set_value(name, crate::shell::Value::Indexed(Box::new(array)))
        .map_err(|e| e.to_string())
}

pub use crate::shell::quote::single_quote;

/// Result of scanning the options of a builtin.
pub struct Opts {
    /// The option letters seen, in order; `+` options are recorded in `plus`.
    pub flags: Vec<u8>,
    pub plus: Vec<u8>,
    /// Index in `args` of the first operand.
    pub next: usize,
}

impl Opts {
    pub fn has(&self, c: u8) -> bool {
        self.flags.contains(&c)
    }
}

/// Scans `-abc` style options (no option arguments) from `args[1..]` with
/// [`super::options::Scanner`]: stops at `--` (skipped), at `-` or at the first non-option.
/// An unknown letter is a usage error: the message and the usage line are written and `Err(2)`
/// returned. `allow_plus` also accepts `+x` options (recorded in `plus`).
pub fn scan_opts(
    sh: &Shell,
    args: &[Vec<u8>],
    known: &[u8],
    allow_plus: bool,
) -> Result<Opts, i32> {
    let mut scanner = super::options::Scanner::new(args, known);
    if allow_plus {
        scanner = scanner.with_plus();
    }
    let (mut flags, mut plus) = (Vec::new(), Vec::new());
    while let Some(o) = scanner.next(sh)? {
        if o.plus { plus.push(o.letter) } else { flags.push(o.letter) }
    }
    Ok(Opts { flags, plus, next: scanner.index() })
}

/// Skips a leading `--` for builtins that take no options.
pub fn operands(args: &[Vec<u8>]) -> &[Vec<u8>] {
    match args.get(1) {
        Some(a) if a == b"--" => &args[2..],
        _ => args.get(1..).unwrap_or(&[]),
    }
}

/// A decimal integer with optional sign and surrounding blanks, as the shell's utilities take
/// them (`shift 2`, `test 3 -eq 3`, `exit 1`). `None` when it is not one or overflows.
pub fn parse_decimal(s: &[u8]) -> Option<i64> {
    let t = trim_blanks(s);
    let (neg, digits) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: i64 = 0;
    for &d in digits {
        v = v.checked_mul(10)?.checked_add((d - b'0') as i64)?;
    }
    Some(if neg { -v } else { v })
}

pub fn trim_blanks(s: &[u8]) -> &[u8] {
    let is_blank = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c');
    let start = s.iter().position(|c| !is_blank(c)).unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|c| !is_blank(c))
        .map_or(start, |e| e + 1);
    &s[start..end]
}

/// The text of an OS error (the C library's strerror) without Rust's " (os error N)" suffix.
pub fn errno_text(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `errno_text` for a nix error.
pub fn errno_desc(e: nix::errno::Errno) -> String {
    errno_text(&std::io::Error::from_raw_os_error(e as i32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal() {
        assert_eq!(parse_decimal(b" 12 "), Some(12));
        assert_eq!(parse_decimal(b"-3"), Some(-3));
        assert_eq!(parse_decimal(b"+3"), Some(3));
        assert_eq!(parse_decimal(b"3a"), None);
        assert_eq!(parse_decimal(b""), None);
        assert_eq!(parse_decimal(b"-"), None);
        assert_eq!(parse_decimal(b"99999999999999999999"), None);
    }
}
