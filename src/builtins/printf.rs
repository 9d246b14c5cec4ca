//! `printf format [argument...]` (XCU printf): every conversion, flags, `*` width/precision,
//! escapes, and the format reused until the arguments run out. Works on bytes; the whole
//! output is built in memory and written once.

use super::escape::{Esc, Flavor, escape, expand_bstring};
use super::numfmt;
use super::util::{error, lossy, out_checked};
use crate::shell::Shell;

pub fn printf(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut rest = &args[1..];
    if let Some(first) = rest.first() {
        if first == b"--" {
            rest = &rest[1..];
        } else if first.len() > 1 && first[0] == b'-' {
            error(sh, args, format!("{}: invalid option", lossy(first)));
            error(sh, args, "usage: printf format [arguments]");
            return 2;
        }
    }
    let Some((fmt, operands)) = rest.split_first() else {
        error(sh, args, "usage: printf format [arguments]");
        return 2;
    };
    let mut buf = Vec::new();
    let mut errors = Vec::new();
    let mut status = format(fmt, operands, &mut buf, &mut errors);
    if out_checked(sh, args, &buf) != 0 {
        status = 1;
    }
    for e in errors {
        error(sh, args, e);
    }
    status
}

/// Pulls operands one at a time; missing ones read as empty.
struct ArgIter<'a> {
    args: &'a [Vec<u8>],
    pos: usize,
}

impl<'a> ArgIter<'a> {
    fn next(&mut self) -> &'a [u8] {
        match self.args.get(self.pos) {
            Some(a) => {
                self.pos += 1;
                a
            }
            None => b"",
        }
    }
}

/// A conversion specification after `%`.
#[derive(Default)]
struct Spec {
    minus: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: Option<usize>,
    precision: Option<usize>,
}

/// Formats `fmt` with `args` into `out`, reusing the format while arguments remain. Returns the
/// exit status (1 if an operand was not a valid number or the format is invalid); messages for
/// the user go to `errors`.
pub fn format(fmt: &[u8], args: &[Vec<u8>], out: &mut Vec<u8>, errors: &mut Vec<String>) -> i32 {
    let mut it = ArgIter { args, pos: 0 };
    let mut status = 0;
    loop {
        let before = it.pos;
        match one_pass(fmt, &mut it, out, errors, &mut status) {
            Pass::Stop => break,
            Pass::Done => {}
        }
        if it.pos >= args.len() || it.pos == before {
            break;
        }
    }
    status
}

enum Pass {
    Done,
    Stop,
}

fn one_pass(
    fmt: &[u8],
    it: &mut ArgIter,
    out: &mut Vec<u8>,
    errors: &mut Vec<String>,
    status: &mut i32,
) -> Pass {
    let mut i = 0;
    while i < fmt.len() {
        match fmt[i] {
            b'\\' => match escape(fmt, i, Flavor::Format, out) {
                Esc::Next(j) => i = j,
                Esc::Stop => return Pass::Stop,
            },
            b'%' => {
                let start = i;
                i += 1;
                if fmt.get(i) == Some(&b'%') {
                    out.push(b'%');
                    i += 1;
                    continue;
                }
                let mut spec = Spec::default();
                while let Some(&c) = fmt.get(i) {
                    match c {
                        b'-' => spec.minus = true,
                        b'+' => spec.plus = true,
                        b' ' => spec.space = true,
                        b'#' => spec.alt = true,
                        b'0' => spec.zero = true,
                        b'\'' => {}
                        _ => break,
                    }
                    i += 1;
                }
                if fmt.get(i) == Some(&b'*') {
                    i += 1;
                    let w = number_arg(it.next(), errors, status);
                    if w < 0 {
                        spec.minus = true;
                    }
                    spec.width = Some(w.unsigned_abs().min(1 << 20) as usize);
                } else {
                    let (w, j) = digits(fmt, i);
                    spec.width = w;
                    i = j;
                }
                if fmt.get(i) == Some(&b'.') {
                    i += 1;
                    if fmt.get(i) == Some(&b'*') {
                        i += 1;
                        let p = number_arg(it.next(), errors, status);
                        spec.precision = (p >= 0).then(|| p.min(1 << 20) as usize);
                    } else {
                        let (p, j) = digits(fmt, i);
                        spec.precision = Some(p.unwrap_or(0));
                        i = j;
                    }
                }
                // Length modifiers mean nothing here: every integer is intmax_t.
                while let Some(b'h' | b'l' | b'L' | b'q' | b'j' | b'z' | b't') = fmt.get(i) {
                    i += 1;
                }
                let Some(&conv) = fmt.get(i) else {
                    errors.push(format!("{}: invalid directive", lossy(&fmt[start..])));
                    *status = 1;
                    return Pass::Stop;
                };
                i += 1;
                if !convert(conv, &spec, it, out, errors, status) {
                    if conv == b'b' {
                        return Pass::Stop;
                    }
                    errors.push(format!("{}: invalid directive", lossy(&fmt[start..i])));
                    *status = 1;
                    return Pass::Stop;
                }
            }
            _ => {
                let start = i;
                while i < fmt.len() && fmt[i] != b'\\' && fmt[i] != b'%' {
                    i += 1;
                }
                out.extend_from_slice(&fmt[start..i]);
            }
        }
    }
    Pass::Done
}

fn digits(s: &[u8], mut i: usize) -> (Option<usize>, usize) {
    let start = i;
    let mut v: usize = 0;
    while let Some(d) = s.get(i).filter(|c| c.is_ascii_digit()) {
        v = v
            .saturating_mul(10)
            .saturating_add((d - b'0') as usize)
            .min(1 << 20);
        i += 1;
    }
    ((i > start).then_some(v), i)
}

/// Runs one conversion. `false` for an unknown conversion character, or for `%b` hitting `\c`
/// (the caller tells them apart).
fn convert(
    conv: u8,
    spec: &Spec,
    it: &mut ArgIter,
    out: &mut Vec<u8>,
    errors: &mut Vec<String>,
    status: &mut i32,
) -> bool {
    match conv {
        b's' => {
            let a = it.next();
            let a = match spec.precision {
                Some(p) if p < a.len() => &a[..p],
                _ => a,
            };
            pad(out, a, spec);
        }
        b'b' => {
            let mut v = Vec::new();
            let go_on = expand_bstring(it.next(), &mut v);
            if let Some(p) = spec.precision {
                v.truncate(p);
            }
            pad(out, &v, spec);
            return go_on;
        }
        b'c' => {
            let a = it.next();
            // An empty operand gives a NUL byte, as in C (dash and bash agree).
            let c = [a.first().copied().unwrap_or(0)];
            pad(out, &c, spec);
        }
        b'd' | b'i' => {
            let v = number_arg(it.next(), errors, status);
            let digits = v.unsigned_abs().to_string().into_bytes();
            let sign: &[u8] = if v < 0 {
                b"-"
            } else if spec.plus {
                b"+"
            } else if spec.space {
                b" "
            } else {
                b""
            };
            integer(out, sign, b"", &digits, spec);
        }
        b'o' | b'u' | b'x' | b'X' => {
            let v = unsigned_arg(it.next(), errors, status);
            let mut digits = match conv {
                b'o' => format!("{v:o}"),
                b'u' => v.to_string(),
                b'x' => format!("{v:x}"),
                _ => format!("{v:X}"),
            }
            .into_bytes();
            let mut prefix: &[u8] = b"";
            if spec.alt {
                match conv {
                    b'o' => {
                        // `#` makes the first digit a zero, counting precision zeros too.
                        if digits[0] != b'0' && spec.precision.is_none_or(|p| p <= digits.len()) {
                            digits.insert(0, b'0');
                        }
                    }
                    b'x' if v != 0 => prefix = b"0x",
                    b'X' if v != 0 => prefix = b"0X",
                    _ => {}
                }
            }
            integer(out, b"", prefix, &digits, spec);
        }
        b'e' | b'E' | b'f' | b'F' | b'g' | b'G' | b'a' | b'A' => {
            let v = float_arg(it.next(), errors, status);
            let body = numfmt::float(v, conv, spec.precision, spec.alt);
            let (neg, body) = match body.strip_prefix('-') {
                Some(b) => (true, b.to_string()),
                None => (false, body),
            };
            let sign: &[u8] = if neg {
                b"-"
            } else if spec.plus {
                b"+"
            } else if spec.space {
                b" "
            } else {
                b""
            };
            let finite = v.is_finite();
            let width = spec.width.unwrap_or(0);
            let len = sign.len() + body.len();
            if spec.minus || width <= len {
                out.extend_from_slice(sign);
                out.extend_from_slice(body.as_bytes());
                out.resize(out.len() + width.saturating_sub(len), b' ');
            } else if spec.zero && finite {
                out.extend_from_slice(sign);
                // Zeros go after a 0x prefix.
                let b = body.as_bytes();
                let pre = if (conv == b'a' || conv == b'A') && b.len() > 2 {
                    2
                } else {
                    0
                };
                out.extend_from_slice(&b[..pre]);
                out.resize(out.len() + width - len, b'0');
                out.extend_from_slice(&b[pre..]);
            } else {
                out.resize(out.len() + width - len, b' ');
                out.extend_from_slice(sign);
                out.extend_from_slice(body.as_bytes());
            }
        }
        _ => return false,
    }
    true
}

/// Pads `s` to the field width (strings: spaces only).
fn pad(out: &mut Vec<u8>, s: &[u8], spec: &Spec) {
    let width = spec.width.unwrap_or(0);
    let fill = width.saturating_sub(s.len());
    if spec.minus {
        out.extend_from_slice(s);
        out.resize(out.len() + fill, b' ');
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(s);
    }
}

/// Lays out an integer: sign, prefix, precision zeros, digits, within the width.
fn integer(out: &mut Vec<u8>, sign: &[u8], prefix: &[u8], digits: &[u8], spec: &Spec) {
    // A zero value with precision 0 prints no digits.
    let digits: &[u8] = if spec.precision == Some(0) && digits == b"0" {
        b""
    } else {
        digits
    };
    let zeros = spec.precision.map_or(0, |p| p.saturating_sub(digits.len()));
    let len = sign.len() + prefix.len() + zeros + digits.len();
    let width = spec.width.unwrap_or(0);
    let fill = width.saturating_sub(len);
    if spec.minus {
        out.extend_from_slice(sign);
        out.extend_from_slice(prefix);
        out.resize(out.len() + zeros, b'0');
        out.extend_from_slice(digits);
        out.resize(out.len() + fill, b' ');
    } else if spec.zero && spec.precision.is_none() {
        out.extend_from_slice(sign);
        out.extend_from_slice(prefix);
        out.resize(out.len() + fill + zeros, b'0');
        out.extend_from_slice(digits);
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(sign);
        out.extend_from_slice(prefix);
        out.resize(out.len() + zeros, b'0');
        out.extend_from_slice(digits);
    }
}

/// A signed numeric operand; invalid ones are reported and give what was converted.
fn number_arg(a: &[u8], errors: &mut Vec<String>, status: &mut i32) -> i64 {
    let (v, ok) = numfmt::parse_int(a);
    let clamped = v.clamp(i64::MIN as i128, i64::MAX as i128) as i64;
    check(a, ok, clamped as i128 != v, errors, status);
    clamped
}

/// An operand for `%o %u %x %X`: negative values wrap as C's conversion to uintmax_t does.
fn unsigned_arg(a: &[u8], errors: &mut Vec<String>, status: &mut i32) -> u64 {
    let (v, ok) = numfmt::parse_int(a);
    let over = v > u64::MAX as i128 || v < i64::MIN as i128;
    check(a, ok, over, errors, status);
    if v > u64::MAX as i128 {
        u64::MAX
    } else if v < 0 {
        (v.max(i64::MIN as i128) as i64) as u64
    } else {
        v as u64
    }
}

fn float_arg(a: &[u8], errors: &mut Vec<String>, status: &mut i32) -> f64 {
    let (v, ok) = numfmt::parse_float(a);
    check(a, ok, false, errors, status);
    v
}

fn check(a: &[u8], ok: bool, overflow: bool, errors: &mut Vec<String>, status: &mut i32) {
    if !ok {
        errors.push(format!("{}: invalid number", lossy(a)));
        *status = 1;
    } else if overflow {
        errors.push(format!("{}: Numerical result out of range", lossy(a)));
        *status = 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(fmt: &str, args: &[&str]) -> (String, i32) {
        let args: Vec<Vec<u8>> = args.iter().map(|a| a.as_bytes().to_vec()).collect();
        let mut out = Vec::new();
        let mut errs = Vec::new();
        let st = format(fmt.as_bytes(), &args, &mut out, &mut errs);
        (String::from_utf8_lossy(&out).into_owned(), st)
    }

    fn s(fmt: &str, args: &[&str]) -> String {
        f(fmt, args).0
    }

    #[test]
    fn strings_and_reuse() {
        assert_eq!(s("%s-", &["a", "b", "c"]), "a-b-c-");
        assert_eq!(s("%s,%s\n", &["a", "b", "c"]), "a,b\nc,\n");
        assert_eq!(s("[%5s][%-5s]", &["ab", "cd"]), "[   ab][cd   ]");
        assert_eq!(s("%.2s", &["abcdef"]), "ab");
        assert_eq!(s("%s|%d|", &[]), "|0|");
        assert_eq!(s("%c", &["hello"]), "h");
        assert_eq!(s("%c", &[""]), "\0");
        assert_eq!(s("plain", &["x", "y"]), "plain");
    }

    #[test]
    fn integers() {
        assert_eq!(s("%d %i", &["42", "-7"]), "42 -7");
        assert_eq!(s("%x %o %X", &["255", "8", "255"]), "ff 10 FF");
        assert_eq!(s("%05d|%-5d|%5d", &["42", "42", "42"]), "00042|42   |   42");
        assert_eq!(s("%d %d", &["0x10", "010"]), "16 8");
        assert_eq!(s("%d", &["-0x10"]), "-16");
        assert_eq!(s("%d", &["'A"]), "65");
        assert_eq!(s("%u %+d", &["7", "5"]), "7 +5");
        assert_eq!(
            s("%u|%x", &["-1", "-1"]),
            "18446744073709551615|ffffffffffffffff"
        );
        assert_eq!(
            s(
                "%.3d|%+.3d|% d|%#x|%#o|%#X",
                &["5", "5", "5", "255", "8", "255"]
            ),
            "005|+005| 5|0xff|010|0XFF"
        );
        assert_eq!(s("%*d|%-*d|", &["5", "1", "4", "2"]), "    1|2   |");
        assert_eq!(s("%.0d|", &["0"]), "|");
        assert_eq!(f("%d\n", &["abc"]), ("0\n".into(), 1));
        assert_eq!(f("%d\n", &["12abc"]), ("12\n".into(), 1));
        assert_eq!(f("%d", &[" 12"]), ("12".into(), 0));
    }

    #[test]
    fn floats() {
        assert_eq!(
            s("%05.1f|%-8.3e|", &["3.14159", "1234.5"]),
            "003.1|1.234e+03|"
        );
        assert_eq!(
            s("%g|%g|%g|%G", &["0.0001", "1000000", "1e-5", "1e100"]),
            "0.0001|1e+06|1e-05|1E+100"
        );
        assert_eq!(
            s("%a|%a|%#g", &["1", "0.1", "1.5"]),
            "0x1p+0|0x1.999999999999ap-4|1.50000"
        );
        assert_eq!(s("%f %f %e", &["inf", "nan", "-inf"]), "inf nan -inf");
        assert_eq!(s("%f", &["1e3"]), "1000.000000");
        assert_eq!(s("%.*f", &["2", "3.14159"]), "3.14");
        assert_eq!(s("%f", &["0x10"]), "16.000000");
        assert_eq!(s("%e", &["0"]), "0.000000e+00");
        assert_eq!(s("%g", &["0"]), "0");
        assert_eq!(s("%g", &["123456789"]), "1.23457e+08");
        assert_eq!(s("%g", &["100"]), "100");
        assert_eq!(s("%.3g", &["3.14159"]), "3.14");
        assert_eq!(s("%+.2f", &["2.5"]), "+2.50");
        assert_eq!(s("%08.2f", &["-2.5"]), "-0002.50");
    }

    #[test]
    fn escapes() {
        assert_eq!(s("a\\tb\\\\c\\n", &[]), "a\tb\\c\n");
        assert_eq!(s("\\101\\0101", &[]), "A\x081");
        assert_eq!(s("%b", &["x\\ty"]), "x\ty");
        assert_eq!(s("%s", &["x\\ty"]), "x\\ty");
        assert_eq!(s("%b", &["ab\\cde"]), "ab");
        assert_eq!(s("%b%s", &["ab\\cde", "x"]), "ab");
        assert_eq!(s("100%%", &[]), "100%");
        assert_eq!(s("\\c|x", &[]), "\\c|x");
    }

    #[test]
    fn bad_directive() {
        assert_eq!(f("a%kb", &[]).1, 1);
        assert_eq!(f("a%", &[]).1, 1);
    }
}
