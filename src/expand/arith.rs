//! Arithmetic evaluation (XCU 2.6.4): signed 64-bit integers with C semantics (wrapping).

use super::ExpandError;
use crate::shell::Shell;
use crate::syntax::arith::ArithError;
use crate::syntax::ast::{ArithExpr, BinaryOp, UnaryOp, WordPart};

/// How deep variables may refer to expressions in other variables (`a=b b=a` must fail).
const MAX_DEPTH: u32 = 64;

/// The value of `s` if it is a canonical non-negative decimal integer (`0`, `17`, no sign,
/// blanks or leading zeros) that fits: substituting such text as a whole operand means
/// exactly that number.
pub fn canonical_decimal(s: &[u8]) -> Option<i64> {
    if s.is_empty() || (s.len() > 1 && s[0] == b'0') {
        return None;
    }
    let mut v: i64 = 0;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add((c - b'0') as i64)?;
    }
    Some(v)
}

/// Parses an integer constant as the shell does in arithmetic: decimal, `0x` hex, leading-`0`
/// octal, optional sign and surrounding blanks. `None` when the text is not a plain constant.
pub fn parse_constant(s: &[u8]) -> Option<i64> {
    let s = trim(s);
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let v = parse_unsigned(digits)?;
    Some(if neg { v.wrapping_neg() } else { v })
}

fn trim(s: &[u8]) -> &[u8] {
    let is_blank = |c: &u8| matches!(c, b' ' | b'\t' | b'\n');
    let start = s.iter().position(|c| !is_blank(c)).unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|c| !is_blank(c))
        .map_or(start, |e| e + 1);
    &s[start..end]
}

fn parse_unsigned(d: &[u8]) -> Option<i64> {
    if d.is_empty() {
        return None;
    }
    let (radix, body) = if d.len() > 2 && d[0] == b'0' && (d[1] == b'x' || d[1] == b'X') {
        (16, &d[2..])
    } else if d.len() > 1 && d[0] == b'0' {
        (8, &d[1..])
    } else {
        (10, d)
    };
    let mut v: i64 = 0;
    for &c in body {
        let digit = (c as char).to_digit(radix)? as i64;
        v = v.wrapping_mul(radix as i64).wrapping_add(digit);
    }
    Some(v)
}

/// Formats an integer into `out` without going through `fmt`.
pub fn push_i64(out: &mut Vec<u8>, v: i64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut u = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    if v < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&buf[i..]);
}

pub fn i64_bytes(v: i64) -> Vec<u8> {
    let mut out = Vec::with_capacity(20);
    push_i64(&mut out, v);
    out
}

struct Eval<'a> {
    sh: &'a mut Shell,
    depth: u32,
    slots: &'a [i64],
}

fn err(msg: impl Into<String>) -> ExpandError {
    ExpandError::new(msg)
}

/// Why an evaluation stopped.
enum Fail {
    /// An error at a place in the text being evaluated (formatted by whoever has the text).
    At(ArithError),
    /// A finished error: from a variable's value, a readonly target, `set -u`.
    Done(ExpandError),
}

impl From<ArithError> for Fail {
    fn from(e: ArithError) -> Self {
        Fail::At(e)
    }
}

impl Fail {
    fn finish(self, text: &[u8]) -> ExpandError {
        match self {
            Fail::At(e) => ExpandError::arith(e.describe(text)),
            Fail::Done(e) => e,
        }
    }
}

/// Parses and evaluates the text of an expression (`let`, a `$((...))` holding expansions,
/// a variable's value).
pub fn eval_text(sh: &mut Shell, text: &[u8]) -> Result<i64, ExpandError> {
    eval_text_at(sh, text, 0)
}

fn eval_text_at(sh: &mut Shell, text: &[u8], depth: u32) -> Result<i64, ExpandError> {
    let e = crate::syntax::arith::parse(text).map_err(|e| ExpandError::arith(e.describe(text)))?;
    Eval { sh, depth, slots: &[] }.eval(&e).map_err(|f| f.finish(text))
}

/// Evaluates `e`, parsed from `text`, reading and assigning variables of `sh`.
pub fn eval(sh: &mut Shell, e: &ArithExpr, text: &[u8]) -> Result<i64, ExpandError> {
    Eval { sh, depth: 0, slots: &[] }.eval(e).map_err(|f| f.finish(text))
}

/// Evaluates a template (`Arith::Template`) whose `Slot(i)` is `slots[i]`; `parts` are the
/// template's, to show an error in the text bash would show.
pub fn eval_with_slots(
    sh: &mut Shell,
    e: &ArithExpr,
    slots: &[i64],
    parts: &[WordPart],
) -> Result<i64, ExpandError> {
    Eval { sh, depth: 0, slots }.eval(e).map_err(|f| match f {
        Fail::At(mut e) => {
            let mut offsets = [e.token, e.end.unwrap_or(usize::MAX)];
            let text = crate::syntax::arith::template_text(parts, slots, &mut offsets);
            e.token = offsets[0];
            e.end = e.end.map(|_| offsets[1]);
            ExpandError::arith(e.describe(&text))
        }
        Fail::Done(e) => e,
    })
}

impl Eval<'_> {
    fn eval(&mut self, e: &ArithExpr) -> Result<i64, Fail> {
        Ok(match e {
            ArithExpr::Number(n) => *n,
            ArithExpr::Slot(i) => self.slots.get(*i).copied().unwrap_or(0),
            ArithExpr::Var { name, at } => self.var(name, *at)?,
            ArithExpr::Unary(op, a) => {
                let a = self.eval(a)?;
                match op {
                    UnaryOp::Plus => a,
                    UnaryOp::Minus => a.wrapping_neg(),
                    UnaryOp::Not => (a == 0) as i64,
                    UnaryOp::BitNot => !a,
                }
            }
            ArithExpr::Binary(BinaryOp::LogAnd, a, b) => {
                (self.eval(a)? != 0 && self.eval(b)? != 0) as i64
            }
            ArithExpr::Binary(BinaryOp::LogOr, a, b) => {
                (self.eval(a)? != 0 || self.eval(b)? != 0) as i64
            }
            ArithExpr::Binary(BinaryOp::Comma, a, b) => {
                self.eval(a)?;
                self.eval(b)?
            }
            ArithExpr::Binary(op, a, b) | ArithExpr::Checked { op, lhs: a, rhs: b, .. } => {
                let a = self.eval(a)?;
                let b = self.eval(b)?;
                let at = match e {
                    ArithExpr::Checked { at, .. } => *at,
                    _ => 0,
                };
                binary(*op, a, b).map_err(|m| ArithError::new(m, at as usize))?
            }
            ArithExpr::Conditional(c, a, b) => {
                if self.eval(c)? != 0 {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            ArithExpr::Assign { name, op, value, at } => {
                let v = self.eval(value)?;
                let v = match op {
                    None => v,
                    Some(op) => {
                        let cur = self.var(name, *at)?;
                        binary(*op, cur, v).map_err(|m| ArithError::new(m, *at as usize))?
                    }
                };
                self.assign(name, v)?;
                v
            }
            ArithExpr::IncDec { name, increment, prefix } => {
                let cur = self.var(name, 0)?;
                let new = if *increment { cur.wrapping_add(1) } else { cur.wrapping_sub(1) };
                self.assign(name, new)?;
                if *prefix { new } else { cur }
            }
        })
    }

    /// An array element named in an expression, `a[sub]`: the array and the evaluated
    /// subscript (arithmetic for an indexed array, the text as key of an associative one).
    fn element(&mut self, name: &[u8]) -> Result<(Vec<u8>, super::subscript::Subscript), Fail> {
        let open = name.iter().position(|&c| c == b'[').unwrap_or(name.len());
        let (array, sub) = (&name[..open], &name[open..]);
        let sub = sub.strip_prefix(b"[").and_then(|s| s.strip_suffix(b"]")).unwrap_or(b"");
        let bad = || Fail::Done(err(format!("{}: bad array subscript", String::from_utf8_lossy(name))));
        if !crate::shell::dynamic::refresh(self.sh, array) {
            return Err(Fail::Done(ExpandError::abandoned()));
        }
        if sub.is_empty() {
            return Err(bad());
        }
        let key = if self.sh.vars.is_assoc(array) {
            super::subscript::Subscript::Key(sub.to_vec())
        } else {
            let depth = self.depth + 1;
            if depth >= MAX_DEPTH {
                return Err(bad());
            }
            super::subscript::Subscript::Index(eval_text_at(self.sh, sub, depth).map_err(Fail::Done)?)
        };
        Ok((array.to_vec(), key))
    }

    fn var(&mut self, name: &[u8], at: u32) -> Result<i64, Fail> {
        if name == b"LINENO" {
            return Ok(self.sh.lineno as i64);
        }
        let element;
        let found = if name.contains(&b'[') {
            let (array, key) = self.element(name)?;
            element = match self.sh.vars.element(&array, key.key()) {
                Ok(v) => v.map(<[u8]>::to_vec),
                // Reported, and 0, as in bash.
                Err(e) => {
                    self.sh.report_error(&e.to_string());
                    None
                }
            };
            element.as_deref()
        } else {
            if !crate::shell::dynamic::refresh(self.sh, name) {
                return Err(Fail::Done(ExpandError::abandoned()));
            }
            self.sh.vars.get(name)
        };
        let value = match found {
            Some(v) => v,
            None => {
                if self.sh.options.nounset {
                    return Err(Fail::Done(err(format!(
                        "{}: parameter not set",
                        String::from_utf8_lossy(name)
                    ))));
                }
                return Ok(0);
            }
        };
        if trim(value).is_empty() {
            return Ok(0);
        }
        if let Some(v) = parse_constant(value) {
            return Ok(v);
        }
        // The value is itself an expression, evaluated (and its errors shown) on its own.
        if self.depth >= MAX_DEPTH {
            return Err(Fail::At(ArithError::new("expression recursion level exceeded", at as usize)));
        }
        let value = value.to_vec();
        eval_text_at(self.sh, &value, self.depth + 1).map_err(Fail::Done)
    }

    fn assign(&mut self, name: &[u8], v: i64) -> Result<(), Fail> {
        if name.contains(&b'[') {
            let (array, key) = self.element(name)?;
            return self.sh.vars.set_element(&array, key.key(), i64_bytes(v)).map_err(|e| {
                let mut e = err(match e {
                    crate::shell::VarError::BadSubscript(_) => {
                        format!("{}: bad array subscript", String::from_utf8_lossy(name))
                    }
                    e => e.to_string(),
                });
                e.arith = true;
                Fail::Done(e)
            });
        }
        super::param::assign(self.sh, name, i64_bytes(v)).map_err(|mut e| {
            // `((r = 1))` on a readonly `r` fails as an arithmetic error does.
            e.arith = true;
            Fail::Done(e)
        })
    }
}

/// Applies a binary operator; the error is bash's message.
fn binary(op: BinaryOp, a: i64, b: i64) -> Result<i64, &'static str> {
    Ok(match op {
        BinaryOp::Mul => a.wrapping_mul(b),
        BinaryOp::Div => {
            if b == 0 {
                return Err("division by 0");
            }
            a.wrapping_div(b)
        }
        BinaryOp::Rem => {
            if b == 0 {
                return Err("division by 0");
            }
            a.wrapping_rem(b)
        }
        BinaryOp::Add => a.wrapping_add(b),
        BinaryOp::Sub => a.wrapping_sub(b),
        BinaryOp::Shl => a.wrapping_shl(b as u32),
        BinaryOp::Shr => a.wrapping_shr(b as u32),
        BinaryOp::Lt => (a < b) as i64,
        BinaryOp::Le => (a <= b) as i64,
        BinaryOp::Gt => (a > b) as i64,
        BinaryOp::Ge => (a >= b) as i64,
        BinaryOp::Eq => (a == b) as i64,
        BinaryOp::Ne => (a != b) as i64,
        BinaryOp::BitAnd => a & b,
        BinaryOp::BitXor => a ^ b,
        BinaryOp::BitOr => a | b,
        BinaryOp::LogAnd => (a != 0 && b != 0) as i64,
        BinaryOp::LogOr => (a != 0 || b != 0) as i64,
        BinaryOp::Comma => b,
        BinaryOp::Pow => {
            if b < 0 {
                return Err("exponent less than 0");
            }
            let mut result: i64 = 1;
            let mut base = a;
            let mut e = b as u64;
            while e > 0 {
                if e & 1 == 1 {
                    result = result.wrapping_mul(base);
                }
                base = base.wrapping_mul(base);
                e >>= 1;
            }
            result
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants() {
        assert_eq!(parse_constant(b"42"), Some(42));
        assert_eq!(parse_constant(b" 0x1F "), Some(31));
        assert_eq!(parse_constant(b"010"), Some(8));
        assert_eq!(parse_constant(b"-3"), Some(-3));
        assert_eq!(parse_constant(b"08"), None);
        assert_eq!(parse_constant(b"a"), None);
        let mut v = Vec::new();
        push_i64(&mut v, i64::MIN);
        assert_eq!(v, b"-9223372036854775808");
    }
}
