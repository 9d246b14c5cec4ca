//! `test expr` and `[ expr ]` (XCU test): POSIX's rules by argument count for up to four
//! arguments, then the XSI grammar (`!`, `-a` over `-o`, parentheses) by recursive descent.
//! Status 0 true, 1 false, 2 error.

use std::ffi::OsStr;
use std::fs::Metadata;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};

use nix::unistd::AccessFlags;

use super::util::{error, lossy, trim_blanks};
use crate::shell::Shell;

pub fn test(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    run(sh, args, &args[1..])
}

pub fn bracket(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    match args[1..].split_last() {
        Some((last, rest)) if last == b"]" => run(sh, args, rest),
        _ => {
            error(sh, args, "missing ']'");
            2
        }
    }
}

fn run(sh: &mut Shell, args: &[Vec<u8>], ops: &[Vec<u8>]) -> i32 {
    // `[ $i -lt $n ]` runs in tight loops: no allocation for the usual short expressions.
    let mut small: [&[u8]; 8] = [b""; 8];
    let heap: Vec<&[u8]>;
    let ops: &[&[u8]] = if ops.len() <= small.len() {
        for (slot, a) in small.iter_mut().zip(ops) {
            *slot = a;
        }
        &small[..ops.len()]
    } else {
        heap = ops.iter().map(|a| a.as_slice()).collect();
        &heap
    };
    // `-v`, `-o` and `-R` look at the shell; an error in an element's subscript is reported
    // as the test's error.
    let mut query = |op: &[u8], x: &[u8]| match crate::expand::cond::shell_primary(sh, op, x) {
        Some(r) => r.map_err(|e| e.message),
        None => unary(op, x),
    };
    match eval_with(ops, &mut query) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(msg) => {
            error(sh, args, msg);
            2
        }
    }
}

type R = Result<bool, String>;

/// Evaluates a unary primary: `unary`, or one that looks at the shell (`-v`, `-o`, `-R`).
type Unary<'q> = &'q mut dyn FnMut(&[u8], &[u8]) -> R;

/// Evaluates a whole expression whose primaries look only at files and strings.
#[cfg(test)]
pub fn eval(a: &[&[u8]]) -> R {
    eval_with(a, &mut unary)
}

/// Evaluates a whole expression, unary primaries through `u`.
fn eval_with(a: &[&[u8]], u: Unary) -> R {
    match a.len() {
        0 => Ok(false),
        1 => Ok(!a[0].is_empty()),
        2 => two(a[0], a[1], u),
        3 => three(a, u),
        4 if a[0] == b"!" => three(&a[1..], u).map(|v| !v),
        4 if a[0] == b"(" && a[3] == b")" => two(a[1], a[2], u),
        _ => {
            let mut p = Parser { a, i: 0, u };
            let v = p.or()?;
            match p.a.get(p.i) {
                None => Ok(v),
                Some(t) => Err(format!("{}: unexpected argument", lossy(t))),
            }
        }
    }
}

fn two(op: &[u8], x: &[u8], u: Unary) -> R {
    if op == b"!" {
        return Ok(x.is_empty());
    }
    // `-o` is unary only here: elsewhere it is the binary OR.
    if is_unary(op) || op == b"-o" {
        return u(op, x);
    }
    Err(format!("{}: unary operator expected", lossy(op)))
}

fn three(a: &[&[u8]], u: Unary) -> R {
    if is_binary(a[1]) {
        return binary(a[0], a[1], a[2]);
    }
    if a[1] == b"-a" {
        return Ok(!a[0].is_empty() && !a[2].is_empty());
    }
    if a[1] == b"-o" {
        return Ok(!a[0].is_empty() || !a[2].is_empty());
    }
    if a[0] == b"!" {
        return two(a[1], a[2], u).map(|v| !v);
    }
    if a[0] == b"(" && a[2] == b")" {
        return Ok(!a[1].is_empty());
    }
    Err(format!("{}: binary operator expected", lossy(a[1])))
}

/// The XSI grammar for five or more arguments.
struct Parser<'a, 'b, 'q> {
    a: &'a [&'b [u8]],
    i: usize,
    u: Unary<'q>,
}

impl<'b> Parser<'_, 'b, '_> {
    fn peek(&self, k: usize) -> Option<&'b [u8]> {
        self.a.get(self.i + k).copied()
    }

    fn or(&mut self) -> R {
        let mut v = self.and()?;
        while self.peek(0) == Some(b"-o") {
            self.i += 1;
            let r = self.and()?;
            v = v || r;
        }
        Ok(v)
    }

    fn and(&mut self) -> R {
        let mut v = self.not()?;
        while self.peek(0) == Some(b"-a") {
            self.i += 1;
            let r = self.not()?;
            v = v && r;
        }
        Ok(v)
    }

    fn not(&mut self) -> R {
        if self.peek(0) == Some(b"!") && self.peek(1).is_some() {
            self.i += 1;
            return self.not().map(|v| !v);
        }
        self.primary()
    }

    fn primary(&mut self) -> R {
        let Some(t) = self.peek(0) else {
            return Err("argument expected".into());
        };
        // A binary operator after this word wins over everything else.
        if let (Some(op), Some(y)) = (self.peek(1), self.peek(2)) {
            if is_binary(op) {
                self.i += 3;
                return binary(t, op, y);
            }
        }
        if t == b"(" {
            self.i += 1;
            let v = self.or()?;
            if self.peek(0) != Some(b")") {
                return Err("')' expected".into());
            }
            self.i += 1;
            return Ok(v);
        }
        if is_unary(t) {
            if let Some(x) = self.peek(1) {
                self.i += 2;
                return (self.u)(t, x);
            }
        }
        self.i += 1;
        Ok(!t.is_empty())
    }
}

fn is_unary(op: &[u8]) -> bool {
    matches!(
        op,
        b"-b"
            | b"-c"
            | b"-d"
            | b"-e"
            | b"-f"
            | b"-g"
            | b"-h"
            | b"-k"
            | b"-L"
            | b"-n"
            | b"-p"
            | b"-r"
            | b"-S"
            | b"-s"
            | b"-t"
            | b"-u"
            | b"-w"
            | b"-x"
            | b"-z"
            | b"-O"
            | b"-G"
            | b"-v"
            | b"-R"
            | b"-a"
    )
}

fn is_binary(op: &[u8]) -> bool {
    matches!(
        op,
        b"=" | b"=="
            | b"!="
            | b"<"
            | b">"
            | b"-eq"
            | b"-ne"
            | b"-gt"
            | b"-ge"
            | b"-lt"
            | b"-le"
            | b"-nt"
            | b"-ot"
            | b"-ef"
    )
}

fn path(b: &[u8]) -> &OsStr {
    OsStr::from_bytes(b)
}

pub(crate) fn stat(b: &[u8]) -> Option<Metadata> {
    if b.is_empty() {
        return None;
    }
    std::fs::metadata(path(b)).ok()
}

fn access(b: &[u8], mode: AccessFlags) -> bool {
    !b.is_empty() && nix::unistd::eaccess(path(b), mode).is_ok()
}

pub(crate) fn unary(op: &[u8], x: &[u8]) -> R {
    let mode = |f: fn(&Metadata) -> bool| Ok(stat(x).is_some_and(|m| f(&m)));
    match op {
        b"-n" => Ok(!x.is_empty()),
        b"-z" => Ok(x.is_empty()),
        b"-e" | b"-a" => mode(|_| true),
        b"-f" => mode(|m| m.is_file()),
        b"-d" => mode(|m| m.is_dir()),
        b"-b" => mode(|m| m.file_type().is_block_device()),
        b"-c" => mode(|m| m.file_type().is_char_device()),
        b"-p" => mode(|m| m.file_type().is_fifo()),
        b"-S" => mode(|m| m.file_type().is_socket()),
        b"-s" => mode(|m| m.len() > 0),
        b"-u" => mode(|m| m.permissions().mode() & 0o4000 != 0),
        b"-g" => mode(|m| m.permissions().mode() & 0o2000 != 0),
        b"-k" => mode(|m| m.permissions().mode() & 0o1000 != 0),
        b"-O" => mode(|m| m.uid() == nix::unistd::geteuid().as_raw()),
        b"-G" => mode(|m| m.gid() == nix::unistd::getegid().as_raw()),
        b"-h" | b"-L" => Ok(!x.is_empty()
            && std::fs::symlink_metadata(path(x)).is_ok_and(|m| m.file_type().is_symlink())),
        b"-r" => Ok(access(x, AccessFlags::R_OK)),
        b"-w" => Ok(access(x, AccessFlags::W_OK)),
        b"-x" => Ok(access(x, AccessFlags::X_OK)),
        b"-t" => {
            let fd = integer(x)?;
            Ok(i32::try_from(fd).is_ok_and(crate::sys::io::isatty))
        }
        _ => Err(format!("{}: unary operator expected", lossy(op))),
    }
}

fn integer(s: &[u8]) -> Result<i64, String> {
    super::util::parse_decimal(trim_blanks(s))
        .ok_or_else(|| format!("{}: integer expression expected", lossy(s)))
}

fn mtime(m: &Metadata) -> (i64, i64) {
    (m.mtime(), m.mtime_nsec())
}

pub(crate) fn binary(x: &[u8], op: &[u8], y: &[u8]) -> R {
    match op {
        b"=" | b"==" => Ok(x == y),
        b"!=" => Ok(x != y),
        b"<" => Ok(x < y),
        b">" => Ok(x > y),
        b"-eq" | b"-ne" | b"-gt" | b"-ge" | b"-lt" | b"-le" => {
            let (a, b) = (integer(x)?, integer(y)?);
            Ok(match op {
                b"-eq" => a == b,
                b"-ne" => a != b,
                b"-gt" => a > b,
                b"-ge" => a >= b,
                b"-lt" => a < b,
                _ => a <= b,
            })
        }
        b"-nt" => Ok(match (stat(x), stat(y)) {
            (Some(a), Some(b)) => mtime(&a) > mtime(&b),
            (Some(_), None) => true,
            _ => false,
        }),
        b"-ot" => Ok(match (stat(x), stat(y)) {
            (Some(a), Some(b)) => mtime(&a) < mtime(&b),
            (None, Some(_)) => true,
            _ => false,
        }),
        b"-ef" => Ok(match (stat(x), stat(y)) {
            (Some(a), Some(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }),
        _ => Err(format!("{}: binary operator expected", lossy(op))),
    }
}

#[cfg(test)]
mod tests {
    use super::eval;

    fn t(s: &str) -> Result<bool, String> {
        let words: Vec<&[u8]> = if s.is_empty() {
            vec![]
        } else {
            s.split(' ').map(|w| w.as_bytes()).collect()
        };
        eval(&words)
    }

    #[test]
    fn counts() {
        assert_eq!(t(""), Ok(false));
        assert_eq!(t("x"), Ok(true));
        assert_eq!(t("-n"), Ok(true));
        assert_eq!(t("!"), Ok(true));
        assert_eq!(t("! x"), Ok(false));
        assert_eq!(t("-z x"), Ok(false));
        assert_eq!(t("! = !"), Ok(true));
        assert_eq!(t("! a = b"), Ok(true));
        assert_eq!(t("( a )"), Ok(true));
        assert_eq!(t("( -n a )"), Ok(true));
        assert!(t("a b").is_err());
        assert!(t("a b c").is_err());
    }

    #[test]
    fn ops() {
        assert_eq!(t("01 = 1"), Ok(false));
        assert_eq!(t("01 -eq 1"), Ok(true));
        assert_eq!(t("-5 -lt 2"), Ok(true));
        assert_eq!(t("0 -eq -0"), Ok(true));
        assert!(t("abc -eq 1").is_err());
        assert_eq!(t("a = a -a b = b"), Ok(true));
        assert_eq!(t("a = b -o b = b"), Ok(true));
        assert_eq!(t("a = b -a b = b -o c = c"), Ok(true));
        assert_eq!(t("( a = a ) -a ( b = c )"), Ok(false));
        assert_eq!(t("! ( a = b ) -a x"), Ok(true));
        assert_eq!(t("a < b"), Ok(true));
        assert_eq!(t("-d / -a -e /"), Ok(true));
    }
}
