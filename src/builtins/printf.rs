//! `printf [-v var] format [argument...]` (XCU printf, with bash's extensions): every
//! conversion, flags, `*` width/precision, escapes, the format reused until the arguments
//! run out, and bash's `%b`, `%q`, `%Q` and `%(fmt)T`. Works on bytes; the whole output is
//! built in memory and written once (or assigned, with `-v`).

use super::escape::{Esc, Escaper, Flavor};
use super::numfmt;
use super::util::{error, lossy, out_checked};
use crate::shell::{Shell, Vars};

pub fn printf(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut target: Option<&[u8]> = None;
    let mut scanner = super::options::Scanner::new(args, b"v:");
    loop {
        match scanner.next(sh) {
            Ok(Some(opt)) => target = opt.value,
            Ok(None) => break,
            Err(status) => return status,
        }
    }
    let rest = scanner.operands();
    if let Some(t) = target
        && !super::util::is_assignable(t)
    {
        error(sh, args, format!("`{}': not a valid identifier", lossy(t)));
        return 2;
    }
    let Some((fmt, operands)) = rest.split_first() else {
        return super::options::usage_error(args);
    };
    let mut buf = Vec::new();
    let mut errors = Vec::new();
    let mut status = format(fmt, operands, &Env { vars: &sh.vars }, &mut buf, &mut errors);
    match target {
        Some(t) => {
            // bash names only the variable: `r: readonly variable`.
            if let Err(e) = super::util::assign_target(sh, t, buf) {
                sh.report_error(&e);
                status = 1;
            }
        }
        None => {
            if out_checked(sh, args, &buf) != 0 {
                status = 1;
            }
        }
    }
    for e in errors {
        error(sh, args, e);
    }
    status
}

/// What formatting needs from the shell: the locale (`\u`, `%q`) and `TZ` (`%T`), looked at
/// only by the conversions that use them.
pub struct Env<'a> {
    pub vars: &'a Vars,
}

impl Env<'_> {
    fn utf8(&self) -> bool {
        crate::shell::locale::is_utf8(self.vars)
    }
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
pub fn format(
    fmt: &[u8],
    args: &[Vec<u8>],
    env: &Env,
    out: &mut Vec<u8>,
    errors: &mut Vec<String>,
) -> i32 {
    let mut f = Formatter {
        env,
        it: ArgIter { args, pos: 0 },
        out,
        errors,
        status: 0,
        escaper: Escaper {
            flavor: Flavor::Format,
            utf8: has_unicode_escape(fmt) && env.utf8(),
            warn: true,
            warnings: Vec::new(),
        },
    };
    loop {
        let before = f.it.pos;
        if let Pass::Stop = f.one_pass(fmt) {
            break;
        }
        if f.it.pos >= args.len() || f.it.pos == before {
            break;
        }
    }
    let warnings = std::mem::take(&mut f.escaper.warnings);
    let status = f.status;
    errors.extend(warnings);
    status
}

fn has_unicode_escape(s: &[u8]) -> bool {
    s.windows(2).any(|w| w[0] == b'\\' && (w[1] == b'u' || w[1] == b'U'))
}

enum Pass {
    Done,
    Stop,
}

/// One run of `format`: the operands being used up and where output and messages go.
struct Formatter<'a, 'o> {
    env: &'a Env<'a>,
    it: ArgIter<'a>,
    out: &'o mut Vec<u8>,
    errors: &'o mut Vec<String>,
    status: i32,
    /// For the format's own escapes.
    escaper: Escaper,
}

impl Formatter<'_, '_> {
    fn fail(&mut self, msg: String) {
        self.errors.push(msg);
        self.status = 1;
    }

    fn one_pass(&mut self, fmt: &[u8]) -> Pass {
        let mut i = 0;
        while i < fmt.len() {
            match fmt[i] {
                b'\\' => match self.escaper.escape(fmt, i, self.out) {
                    Esc::Next(j) => i = j,
                    Esc::Stop => return Pass::Stop,
                },
                b'%' => {
                    i += 1;
                    if fmt.get(i) == Some(&b'%') {
                        self.out.push(b'%');
                        i += 1;
                        continue;
                    }
                    match self.directive(fmt, &mut i) {
                        Pass::Done => {}
                        Pass::Stop => return Pass::Stop,
                    }
                }
                _ => {
                    let start = i;
                    while i < fmt.len() && fmt[i] != b'\\' && fmt[i] != b'%' {
                        i += 1;
                    }
                    self.out.extend_from_slice(&fmt[start..i]);
                }
            }
        }
        Pass::Done
    }

    /// Reads the conversion specification after a `%` at `fmt[*i - 1]` and runs it.
    fn directive(&mut self, fmt: &[u8], i: &mut usize) -> Pass {
        let start = *i - 1;
        let mut spec = Spec::default();
        while let Some(&c) = fmt.get(*i) {
            match c {
                b'-' => spec.minus = true,
                b'+' => spec.plus = true,
                b' ' => spec.space = true,
                b'#' => spec.alt = true,
                b'0' => spec.zero = true,
                b'\'' => {}
                _ => break,
            }
            *i += 1;
        }
        if fmt.get(*i) == Some(&b'*') {
            *i += 1;
            let w = self.next_number();
            if w < 0 {
                spec.minus = true;
            }
            spec.width = Some(w.unsigned_abs().min(1 << 20) as usize);
        } else {
            let (w, j) = digits(fmt, *i);
            spec.width = w;
            *i = j;
        }
        if fmt.get(*i) == Some(&b'.') {
            *i += 1;
            if fmt.get(*i) == Some(&b'*') {
                *i += 1;
                let p = self.next_number();
                spec.precision = (p >= 0).then(|| p.min(1 << 20) as usize);
            } else {
                let (p, j) = digits(fmt, *i);
                spec.precision = Some(p.unwrap_or(0));
                *i = j;
            }
        }
        // `%(datefmt)T`: the strftime format runs to the first `)`.
        let mut time_format = None;
        if fmt.get(*i) == Some(&b'(') {
            let Some(close) = fmt[*i..].iter().position(|&c| c == b')') else {
                self.fail(format!("`{}': invalid time format specification", lossy(&fmt[start..])));
                return Pass::Stop;
            };
            time_format = Some(&fmt[*i + 1..*i + close]);
            *i += close + 1;
        }
        // Length modifiers mean nothing here: every integer is intmax_t.
        while let Some(b'h' | b'l' | b'L' | b'j' | b'z' | b't') = fmt.get(*i) {
            *i += 1;
        }
        let Some(&conv) = fmt.get(*i) else {
            self.fail(format!("`{}': missing format character", lossy(&fmt[start..])));
            return Pass::Stop;
        };
        *i += 1;
        if let Some(tf) = time_format {
            if conv != b'T' {
                self.fail(format!("`{}': invalid time format specification", conv as char));
                return Pass::Stop;
            }
            self.time(tf, &spec);
            return Pass::Done;
        }
        match self.convert(conv, &spec) {
            Some(pass) => pass,
            None => {
                self.fail(format!("`{}': invalid format character", lossy(&[conv])));
                Pass::Stop
            }
        }
    }

    /// Runs one conversion; `None` for an unknown conversion character, `Some(Stop)` after a
    /// `\c` in a `%b` operand.
    fn convert(&mut self, conv: u8, spec: &Spec) -> Option<Pass> {
        match conv {
            b's' => {
                let a = self.it.next();
                let a = match spec.precision {
                    Some(p) if p < a.len() => &a[..p],
                    _ => a,
                };
                pad(self.out, a, spec);
            }
            b'b' => {
                let a = self.it.next();
                let mut v = Vec::new();
                let mut e = Escaper {
                    flavor: Flavor::Bstring,
                    utf8: has_unicode_escape(a) && self.env.utf8(),
                    warn: true,
                    warnings: Vec::new(),
                };
                let go_on = e.expand(a, &mut v);
                self.errors.extend(e.warnings);
                if let Some(p) = spec.precision {
                    v.truncate(p);
                }
                pad(self.out, &v, spec);
                if !go_on {
                    return Some(Pass::Stop);
                }
            }
            b'q' | b'Q' => {
                let mut a = self.it.next();
                // %Q cuts the operand to the precision before quoting, %q the quoted text.
                if conv == b'Q'
                    && let Some(p) = spec.precision
                {
                    a = &a[..p.min(a.len())];
                }
                let utf8 = a.iter().any(|&c| c >= 0x80) && self.env.utf8();
                let mut q = crate::shell::quote::reusable(a, utf8);
                if conv == b'q'
                    && let Some(p) = spec.precision
                {
                    q.truncate(p);
                }
                pad(self.out, &q, spec);
            }
            b'c' => {
                let a = self.it.next();
                // An empty operand gives a NUL byte, as in C (dash and bash agree).
                let c = [a.first().copied().unwrap_or(0)];
                pad(self.out, &c, spec);
            }
            b'd' | b'i' => {
                let v = self.next_number();
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
                integer(self.out, sign, b"", &digits, spec);
            }
            b'o' | b'u' | b'x' | b'X' => {
                let v = unsigned_arg(self.it.next(), self.errors, &mut self.status);
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
                            if digits[0] != b'0'
                                && spec.precision.is_none_or(|p| p <= digits.len())
                            {
                                digits.insert(0, b'0');
                            }
                        }
                        b'x' if v != 0 => prefix = b"0x",
                        b'X' if v != 0 => prefix = b"0X",
                        _ => {}
                    }
                }
                integer(self.out, b"", prefix, &digits, spec);
            }
            b'e' | b'E' | b'f' | b'F' | b'g' | b'G' | b'a' | b'A' => {
                let v = float_arg(self.it.next(), self.errors, &mut self.status);
                float(self.out, v, conv, spec);
            }
            _ => return None,
        }
        Some(Pass::Done)
    }

    /// `%(fmt)T`: the operand is seconds since the epoch; `-1` (or no operand) is now, `-2`
    /// the time the shell started. An empty format is `%X`, as in bash.
    fn time(&mut self, tf: &[u8], spec: &Spec) {
        let secs = match self.it.args.get(self.it.pos) {
            None => -1,
            Some(_) => self.next_number(),
        };
        let secs = match secs {
            -1 => crate::sys::time::now(),
            -2 => crate::sys::time::start_time(),
            s => s,
        };
        let tf: &[u8] = if tf.is_empty() { b"%X" } else { tf };
        // Like bash, the C library sees TZ only when it is exported (a prefix assignment is).
        let tz = self.env.vars.var(b"TZ").filter(|v| v.is_exported()).and_then(|v| v.scalar());
        let text = crate::sys::time::strftime_at(tf, secs, tz);
        let text = match spec.precision {
            Some(p) if p < text.len() => &text[..p],
            _ => &text[..],
        };
        pad(self.out, text, spec);
    }

    fn next_number(&mut self) -> i64 {
        number_arg(self.it.next(), self.errors, &mut self.status)
    }
}

/// Lays out a floating-point conversion within the width.
fn float(out: &mut Vec<u8>, v: f64, conv: u8, spec: &Spec) {
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
        let vars = crate::shell::Vars::default();
        let st = format(fmt.as_bytes(), &args, &Env { vars: &vars }, &mut out, &mut errs);
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
