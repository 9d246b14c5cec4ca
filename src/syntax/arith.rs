//! The arithmetic expression parser for `$((...))` (XCU 2.6.4): the C operators POSIX requires,
//! plus `++`/`--` and `,` as dash and bash accept them. Precedence climbing over bytes.

use super::ast::{ArithExpr, BinaryOp, Param, ParamOp, UnaryOp, WordPart};

/// Deepest parenthesis/unary nesting accepted (the evaluator recurses on the tree too).
const MAX_DEPTH: u32 = 1000;

/// Parses the text of an arithmetic expansion (after any expansions in it were done).
pub fn parse(src: &[u8]) -> Result<ArithExpr, String> {
    let mut p = P {
        s: src,
        i: 0,
        depth: 0,
    };
    p.skip_ws();
    if p.i >= p.s.len() {
        // `$(( ))` is 0 in dash and bash.
        return Ok(ArithExpr::Number(0));
    }
    let e = p.comma()?;
    p.skip_ws();
    if p.i < p.s.len() {
        return Err(p.err());
    }
    Ok(e)
}

/// Most parameters a template may hold (the evaluator keeps their values on the stack).
pub const MAX_SLOTS: usize = 8;

/// Placeholder identifiers stand for the parameters while the template is parsed.
const SLOT_PREFIX: &[u8] = b"__chitin_slot_";
const SLOT_MARK: &[u8] = b"__chitin_slot";

/// Pre-parses a dynamic `$((...))` (the parts lexed from its text) when each expansion in it
/// is a plain scalar parameter that ends up as a whole operand (not glued to other text, not
/// an assignment or `++`/`--` target). `None` means: expand and re-parse at run time.
pub fn template(parts: &[WordPart]) -> Option<(Vec<Param>, ArithExpr)> {
    let mut text = Vec::new();
    let mut params = Vec::new();
    for part in parts {
        match part {
            // In `$((...))` both stand for their bytes (the text is expanded as if quoted).
            WordPart::Literal(s) | WordPart::Quoted(s) => {
                if s.windows(SLOT_MARK.len()).any(|w| w == SLOT_MARK) {
                    return None;
                }
                text.extend_from_slice(s);
            }
            WordPart::Param(pe) if matches!(pe.op, ParamOp::Plain) => {
                if matches!(pe.param, Param::Special(b'@' | b'*')) || params.len() == MAX_SLOTS {
                    return None;
                }
                // Glued to other text (`x$1`, `$1$2`, `${1}0`) the placeholder becomes part of
                // a longer token, which `slots` rejects.
                text.extend_from_slice(SLOT_PREFIX);
                text.extend_from_slice(params.len().to_string().as_bytes());
                text.extend_from_slice(b"_x");
                params.push(pe.param.clone());
            }
            _ => return None,
        }
    }
    if params.is_empty() {
        return None;
    }
    let mut e = parse(&text).ok()?;
    let mut seen = 0;
    slots(&mut e, params.len(), &mut seen)?;
    (seen == params.len()).then_some((params, e))
}

/// Turns placeholder variables into `Slot`s; `None` if a placeholder is not a whole operand.
fn slots(e: &mut ArithExpr, n: usize, seen: &mut usize) -> Option<()> {
    let marked = |name: &[u8]| name.windows(SLOT_MARK.len()).any(|w| w == SLOT_MARK);
    match e {
        ArithExpr::Number(_) | ArithExpr::Slot(_) => {}
        ArithExpr::Var(name) => {
            if marked(name) {
                let rest = name.strip_prefix(SLOT_PREFIX)?.strip_suffix(b"_x")?;
                let i = (0..n).find(|i| i.to_string().as_bytes() == rest)?;
                *e = ArithExpr::Slot(i);
                *seen += 1;
            }
        }
        ArithExpr::Unary(_, a) => slots(a, n, seen)?,
        ArithExpr::Binary(_, a, b) => {
            slots(a, n, seen)?;
            slots(b, n, seen)?;
        }
        ArithExpr::Conditional(c, a, b) => {
            slots(c, n, seen)?;
            slots(a, n, seen)?;
            slots(b, n, seen)?;
        }
        ArithExpr::Assign { name, value, .. } => {
            if marked(name) {
                return None;
            }
            slots(value, n, seen)?;
        }
        ArithExpr::IncDec { name, .. } => {
            if marked(name) {
                return None;
            }
        }
    }
    Some(())
}

struct P<'a> {
    s: &'a [u8],
    i: usize,
    depth: u32,
}

const ASSIGN_OPS: &[(&[u8], Option<BinaryOp>)] = &[
    (b"<<=", Some(BinaryOp::Shl)),
    (b">>=", Some(BinaryOp::Shr)),
    (b"*=", Some(BinaryOp::Mul)),
    (b"/=", Some(BinaryOp::Div)),
    (b"%=", Some(BinaryOp::Rem)),
    (b"+=", Some(BinaryOp::Add)),
    (b"-=", Some(BinaryOp::Sub)),
    (b"&=", Some(BinaryOp::BitAnd)),
    (b"^=", Some(BinaryOp::BitXor)),
    (b"|=", Some(BinaryOp::BitOr)),
    (b"=", None),
];

impl P<'_> {
    fn err(&self) -> String {
        let rest = String::from_utf8_lossy(&self.s[self.i.min(self.s.len())..]).into_owned();
        if rest.is_empty() {
            "arithmetic syntax error: missing operand".to_string()
        } else {
            format!("arithmetic syntax error: unexpected '{}'", rest.trim())
        }
    }

    fn skip_ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    /// Takes `op` if it comes next (after blanks).
    fn eat(&mut self, op: &[u8]) -> bool {
        self.skip_ws();
        if self.s[self.i..].starts_with(op) {
            self.i += op.len();
            true
        } else {
            false
        }
    }

    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH || crate::sys::stack::exhausted_deeper() {
            return Err("arithmetic expression nested too deeply".to_string());
        }
        Ok(())
    }

    fn comma(&mut self) -> Result<ArithExpr, String> {
        let mut e = self.assign()?;
        while self.eat(b",") {
            let r = self.assign()?;
            e = ArithExpr::Binary(BinaryOp::Comma, Box::new(e), Box::new(r));
        }
        Ok(e)
    }

    fn assign(&mut self) -> Result<ArithExpr, String> {
        self.enter()?;
        let start = self.i;
        let lhs = self.conditional()?;
        if let ArithExpr::Var(name) = &lhs {
            self.skip_ws();
            let rest = &self.s[self.i..];
            for (text, op) in ASSIGN_OPS {
                // `==` is a comparison, not an assignment.
                if rest.starts_with(text) && !(text == b"=" && rest.starts_with(b"==")) {
                    self.i += text.len();
                    let value = self.assign()?;
                    self.depth -= 1;
                    return Ok(ArithExpr::Assign {
                        name: name.clone(),
                        op: *op,
                        value: Box::new(value),
                    });
                }
            }
        }
        let _ = start;
        self.depth -= 1;
        Ok(lhs)
    }

    fn conditional(&mut self) -> Result<ArithExpr, String> {
        let c = self.binary(1)?;
        if self.eat(b"?") {
            self.enter()?;
            let a = self.comma()?;
            if !self.eat(b":") {
                return Err(self.err());
            }
            let b = self.assign()?;
            self.depth -= 1;
            return Ok(ArithExpr::Conditional(
                Box::new(c),
                Box::new(a),
                Box::new(b),
            ));
        }
        Ok(c)
    }

    /// The binary operator next in the input: operator, precedence (higher binds tighter),
    /// length. Not when it is really the start of an assignment operator (`+=`, `<<=`, ...).
    fn peek_binop(&mut self) -> Option<(BinaryOp, u8, usize)> {
        self.skip_ws();
        let c = *self.s.get(self.i)?;
        let n = self.s.get(self.i + 1).copied();
        let n2 = self.s.get(self.i + 2).copied();
        use BinaryOp::*;
        Some(match (c, n) {
            (b'|', Some(b'|')) => (LogOr, 1, 2),
            (b'&', Some(b'&')) => (LogAnd, 2, 2),
            (b'|', Some(b'=')) | (b'&', Some(b'=')) | (b'^', Some(b'=')) => return None,
            (b'|', _) => (BitOr, 3, 1),
            (b'^', _) => (BitXor, 4, 1),
            (b'&', _) => (BitAnd, 5, 1),
            (b'=', Some(b'=')) => (Eq, 6, 2),
            (b'!', Some(b'=')) => (Ne, 6, 2),
            (b'<', Some(b'<')) | (b'>', Some(b'>')) if n2 == Some(b'=') => return None,
            (b'<', Some(b'<')) => (Shl, 8, 2),
            (b'>', Some(b'>')) => (Shr, 8, 2),
            (b'<', Some(b'=')) => (Le, 7, 2),
            (b'>', Some(b'=')) => (Ge, 7, 2),
            (b'<', _) => (Lt, 7, 1),
            (b'>', _) => (Gt, 7, 1),
            (b'+' | b'-' | b'*' | b'/' | b'%', Some(b'=')) => return None,
            (b'+', _) => (Add, 9, 1),
            (b'-', _) => (Sub, 9, 1),
            (b'*', _) => (Mul, 10, 1),
            (b'/', _) => (Div, 10, 1),
            (b'%', _) => (Rem, 10, 1),
            _ => return None,
        })
    }

    /// Precedence climbing: operators binding at least as tightly as `min`.
    fn binary(&mut self, min: u8) -> Result<ArithExpr, String> {
        let mut e = self.unary()?;
        while let Some((op, prec, len)) = self.peek_binop() {
            if prec < min {
                break;
            }
            self.i += len;
            let r = self.binary(prec + 1)?;
            e = ArithExpr::Binary(op, Box::new(e), Box::new(r));
        }
        Ok(e)
    }

    fn unary(&mut self) -> Result<ArithExpr, String> {
        self.enter()?;
        self.skip_ws();
        let e = if self.eat(b"++") || self.eat(b"--") {
            let increment = self.s[self.i - 1] == b'+';
            self.skip_ws();
            let name = self.name().ok_or_else(|| self.err())?;
            ArithExpr::IncDec {
                name,
                increment,
                prefix: true,
            }
        } else {
            let op = match self.s.get(self.i) {
                Some(b'+') => Some(UnaryOp::Plus),
                Some(b'-') => Some(UnaryOp::Minus),
                Some(b'!') if self.s.get(self.i + 1) != Some(&b'=') => Some(UnaryOp::Not),
                Some(b'~') => Some(UnaryOp::BitNot),
                _ => None,
            };
            match op {
                Some(op) => {
                    self.i += 1;
                    ArithExpr::Unary(op, Box::new(self.unary()?))
                }
                None => self.postfix()?,
            }
        };
        self.depth -= 1;
        Ok(e)
    }

    fn postfix(&mut self) -> Result<ArithExpr, String> {
        let e = self.primary()?;
        if let ArithExpr::Var(name) = &e {
            self.skip_ws();
            let rest = &self.s[self.i..];
            if rest.starts_with(b"++") || rest.starts_with(b"--") {
                let increment = rest[0] == b'+';
                self.i += 2;
                return Ok(ArithExpr::IncDec {
                    name: name.clone(),
                    increment,
                    prefix: false,
                });
            }
        }
        Ok(e)
    }

    fn name(&mut self) -> Option<Vec<u8>> {
        let start = self.i;
        if self.i < self.s.len() && (self.s[self.i].is_ascii_alphabetic() || self.s[self.i] == b'_')
        {
            while self.i < self.s.len()
                && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'_')
            {
                self.i += 1;
            }
            Some(self.s[start..self.i].to_vec())
        } else {
            None
        }
    }

    fn primary(&mut self) -> Result<ArithExpr, String> {
        self.skip_ws();
        if self.eat(b"(") {
            let e = self.comma()?;
            if !self.eat(b")") {
                return Err(self.err());
            }
            return Ok(e);
        }
        if let Some(name) = self.name() {
            return Ok(ArithExpr::Var(name));
        }
        let start = self.i;
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'_')
        {
            self.i += 1;
        }
        if start == self.i {
            return Err(self.err());
        }
        number(&self.s[start..self.i])
            .map(ArithExpr::Number)
            .ok_or_else(|| {
                format!(
                    "arithmetic syntax error: invalid number '{}'",
                    String::from_utf8_lossy(&self.s[start..self.i])
                )
            })
    }
}

/// A decimal, octal (`0` prefix) or hexadecimal (`0x`) constant; wraps on overflow as C does.
pub fn number(t: &[u8]) -> Option<i64> {
    let (digits, radix) = if t.len() > 2 && (t.starts_with(b"0x") || t.starts_with(b"0X")) {
        (&t[2..], 16)
    } else if t.len() > 1 && t[0] == b'0' {
        (&t[1..], 8)
    } else {
        (t, 10)
    };
    let mut v: u64 = 0;
    for &c in digits {
        let d = (c as char).to_digit(radix)?;
        v = v.wrapping_mul(radix as u64).wrapping_add(d as u64);
    }
    Some(v as i64)
}

#[cfg(test)]
mod template_tests {
    use super::*;
    use crate::syntax::ast::ParamExp;

    fn lit(s: &str) -> WordPart {
        WordPart::Quoted(s.as_bytes().to_vec())
    }
    fn pos(n: usize) -> WordPart {
        WordPart::Param(Box::new(ParamExp {
            param: Param::Positional(n),
            op: ParamOp::Plain,
        }))
    }

    #[test]
    fn whole_operands_become_slots() {
        let (params, e) = template(&[lit("("), pos(1), lit(" + "), pos(2), lit(") % 7")]).unwrap();
        assert_eq!(params, vec![Param::Positional(1), Param::Positional(2)]);
        let want = parse(b"(a + b) % 7").unwrap();
        let mut got = e;
        // Compare shapes by renaming the slots back.
        fn rename(e: &mut ArithExpr) {
            match e {
                ArithExpr::Slot(i) => {
                    *e = ArithExpr::Var(if *i == 0 {
                        b"a".to_vec()
                    } else {
                        b"b".to_vec()
                    })
                }
                ArithExpr::Binary(_, a, b) => {
                    rename(a);
                    rename(b)
                }
                _ => {}
            }
        }
        rename(&mut got);
        assert_eq!(got, want);
    }

    #[test]
    fn glued_or_assigned_placeholders_fall_back() {
        assert!(template(&[lit("x"), pos(1)]).is_none());
        assert!(template(&[pos(1), pos(2)]).is_none());
        assert!(template(&[pos(1), lit("0")]).is_none());
        assert!(template(&[lit("0x"), pos(1)]).is_none());
        assert!(template(&[pos(1), lit("=3")]).is_none());
        assert!(template(&[pos(1), lit("++2")]).is_none());
        assert!(template(&[lit("++"), pos(1)]).is_none());
        assert!(template(&[lit("__chitin_slot_0_x+"), pos(1)]).is_none());
    }
}
