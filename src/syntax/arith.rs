//! The arithmetic expression parser for `$((...))`, `((...))`, `for ((...))` and `let`: the C
//! operators POSIX requires (XCU 2.6.4) plus bash's `**`, `++`/`--`, `,` and `base#digits`
//! constants. Precedence climbing over bytes.
//!
//! Errors say what bash says and point where bash points: bash evaluates while it reads tokens,
//! and its "error token" is the text from the token it last read. [`ArithError::describe`]
//! renders `1 +: syntax error: operand expected (error token is "+")`.

use super::ast::{ArithExpr, BinaryOp, Param, ParamOp, UnaryOp, WordPart};

/// Deepest parenthesis/unary nesting accepted (the evaluator recurses on the tree too).
const MAX_DEPTH: u32 = 1000;

/// An arithmetic error: bash's message and where its error token starts in the expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArithError {
    /// e.g. `syntax error: operand expected`, `division by 0`.
    pub message: String,
    /// Byte offset of the error token in the expression text.
    pub token: usize,
    /// A bad constant: the expression is shown up to its end, and the token is the constant
    /// (bash reads it with the rest of the text cut off).
    pub end: Option<usize>,
}

impl ArithError {
    pub fn new(message: impl Into<String>, token: usize) -> Self {
        ArithError { message: message.into(), token, end: None }
    }

    /// bash's text for the error in expression `text`:
    /// `TEXT: MESSAGE (error token is "TOKEN")`, leading blanks of TEXT left out.
    pub fn describe(&self, text: &[u8]) -> String {
        let text = &text[..self.end.unwrap_or(text.len()).min(text.len())];
        let token = &text[self.token.min(text.len())..];
        let start = text.iter().position(|c| !matches!(c, b' ' | b'\t' | b'\n')).unwrap_or(text.len());
        format!(
            "{}: {} (error token is \"{}\")",
            String::from_utf8_lossy(&text[start..]),
            self.message,
            String::from_utf8_lossy(token)
        )
    }
}

/// Parses the text of an arithmetic expression (after any expansions in it were done).
pub fn parse(src: &[u8]) -> Result<ArithExpr, ArithError> {
    let mut p = P { s: src, i: 0, depth: 0, tok: 0 };
    p.skip_ws();
    if p.i >= p.s.len() {
        // `$(( ))` is 0 in dash and bash.
        return Ok(ArithExpr::Number(0));
    }
    let e = p.comma()?;
    p.skip_ws();
    if p.i < p.s.len() {
        return Err(p.operator_error());
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
                text.extend_from_slice(&slot_name(params.len()));
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

fn slot_name(i: usize) -> Vec<u8> {
    let mut name = SLOT_PREFIX.to_vec();
    name.extend_from_slice(i.to_string().as_bytes());
    name.extend_from_slice(b"_x");
    name
}

/// Maps an offset in a template's text (placeholders for the parameters) to the same place in
/// the text with each parameter replaced by its value (`values[i]`, in decimal): so an error
/// in a template reads as an error in the expanded text, which bash shows.
pub fn template_text(parts: &[WordPart], values: &[i64], offsets: &mut [usize]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut tpos = 0;
    let mut slot = 0;
    let mut mapped = vec![false; offsets.len()];
    for part in parts {
        let (tlen, value) = match part {
            WordPart::Literal(s) | WordPart::Quoted(s) => (s.len(), s.clone()),
            _ => {
                let v = values.get(slot).copied().unwrap_or(0).to_string().into_bytes();
                slot += 1;
                (slot_name(slot - 1).len(), v)
            }
        };
        let literal = matches!(part, WordPart::Literal(_) | WordPart::Quoted(_));
        for (o, done) in offsets.iter_mut().zip(mapped.iter_mut()) {
            if !*done && *o < tpos + tlen {
                *o = out.len() + if literal { *o - tpos } else { 0 };
                *done = true;
            }
        }
        tpos += tlen;
        out.extend_from_slice(&value);
    }
    for (o, done) in offsets.iter_mut().zip(mapped) {
        if !done {
            *o = out.len();
        }
    }
    out
}

/// Turns placeholder variables into `Slot`s; `None` if a placeholder is not a whole operand.
fn slots(e: &mut ArithExpr, n: usize, seen: &mut usize) -> Option<()> {
    let marked = |name: &[u8]| name.windows(SLOT_MARK.len()).any(|w| w == SLOT_MARK);
    match e {
        ArithExpr::Number(_) | ArithExpr::Slot(_) => {}
        ArithExpr::Var { name, .. } => {
            if marked(name) {
                let rest = name.strip_prefix(SLOT_PREFIX)?.strip_suffix(b"_x")?;
                let i = (0..n).find(|i| i.to_string().as_bytes() == rest)?;
                *e = ArithExpr::Slot(i);
                *seen += 1;
            }
        }
        ArithExpr::Unary(_, a) => slots(a, n, seen)?,
        ArithExpr::Binary(_, a, b) | ArithExpr::Checked { lhs: a, rhs: b, .. } => {
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
    /// Start of the last token read (bash's error token when the input has ended).
    tok: usize,
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

/// Bytes that may start a token of an arithmetic expression.
fn is_token_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"_+-*/%<>=!~&|^?:(),[]".contains(&c)
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

impl P<'_> {
    /// Where bash's error token starts now: the next token, or the last one at the end.
    fn lasttp(&mut self) -> usize {
        self.skip_ws();
        if self.i < self.s.len() { self.i } else { self.tok }
    }

    fn error(&mut self, message: &str) -> ArithError {
        ArithError::new(message, self.lasttp())
    }

    /// Something is left where an operator or the end was expected.
    fn operator_error(&mut self) -> ArithError {
        let at = self.lasttp();
        if self.s.get(at).is_some_and(|&c| !is_token_byte(c)) {
            ArithError::new("syntax error: invalid arithmetic operator", at)
        } else {
            ArithError::new("syntax error in expression", at)
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
            self.tok = self.i;
            self.i += op.len();
            true
        } else {
            false
        }
    }

    /// `++` or `--` next, followed by a name: bash reads a pre-increment there.
    fn incdec_then_name(&mut self) -> bool {
        self.skip_ws();
        let r = &self.s[self.i..];
        if !(r.starts_with(b"++") || r.starts_with(b"--")) {
            return false;
        }
        let mut j = self.i + 2;
        while j < self.s.len() && matches!(self.s[j], b' ' | b'\t' | b'\n' | b'\r') {
            j += 1;
        }
        self.s.get(j).is_some_and(|&c| is_ident_start(c))
    }

    fn enter(&mut self) -> Result<(), ArithError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH || crate::sys::stack::exhausted_deeper() {
            return Err(ArithError::new("expression nested too deeply", self.i));
        }
        Ok(())
    }

    fn comma(&mut self) -> Result<ArithExpr, ArithError> {
        let mut e = self.assign()?;
        while self.eat(b",") {
            let r = self.assign()?;
            e = ArithExpr::Binary(BinaryOp::Comma, Box::new(e), Box::new(r));
        }
        Ok(e)
    }

    fn assign(&mut self) -> Result<ArithExpr, ArithError> {
        self.enter()?;
        let lhs = self.conditional()?;
        self.skip_ws();
        let rest = &self.s[self.i..];
        for (text, op) in ASSIGN_OPS {
            // `==` is a comparison, not an assignment.
            if rest.starts_with(text) && !(text == b"=" && rest.starts_with(b"==")) {
                let ArithExpr::Var { name, .. } = lhs else {
                    return Err(self.error("attempted assignment to non-variable"));
                };
                self.tok = self.i;
                self.i += text.len();
                let value = self.assign()?;
                self.depth -= 1;
                let at = self.lasttp() as u32;
                return Ok(ArithExpr::Assign { name, op: *op, value: Box::new(value), at });
            }
        }
        self.depth -= 1;
        Ok(lhs)
    }

    fn conditional(&mut self) -> Result<ArithExpr, ArithError> {
        let c = self.binary(1)?;
        if self.eat(b"?") {
            self.enter()?;
            if self.lasttp() == self.tok || self.s[self.i] == b':' {
                return Err(self.error("expression expected"));
            }
            let a = self.comma()?;
            if !self.eat(b":") {
                return Err(self.error("`:' expected for conditional expression"));
            }
            if self.lasttp() == self.tok {
                return Err(self.error("expression expected"));
            }
            let b = self.conditional()?;
            self.depth -= 1;
            return Ok(ArithExpr::Conditional(Box::new(c), Box::new(a), Box::new(b)));
        }
        Ok(c)
    }

    /// The binary operator next in the input: operator, precedence (higher binds tighter),
    /// length. Not when it is really the start of an assignment operator (`+=`, `<<=`, ...),
    /// nor `**` (read by `power`).
    fn peek_binop(&mut self) -> Result<Option<(BinaryOp, u8, usize)>, ArithError> {
        self.skip_ws();
        let Some(&c) = self.s.get(self.i) else {
            return Ok(None);
        };
        let n = self.s.get(self.i + 1).copied();
        let n2 = self.s.get(self.i + 2).copied();
        use BinaryOp::*;
        Ok(Some(match (c, n) {
            (b'|', Some(b'|')) => (LogOr, 1, 2),
            (b'&', Some(b'&')) => (LogAnd, 2, 2),
            (b'|', Some(b'=')) | (b'&', Some(b'=')) | (b'^', Some(b'=')) => return Ok(None),
            (b'|', _) => (BitOr, 3, 1),
            (b'^', _) => (BitXor, 4, 1),
            (b'&', _) => (BitAnd, 5, 1),
            (b'=', Some(b'=')) => (Eq, 6, 2),
            (b'!', Some(b'=')) => (Ne, 6, 2),
            (b'<', Some(b'<')) | (b'>', Some(b'>')) if n2 == Some(b'=') => return Ok(None),
            (b'<', Some(b'<')) => (Shl, 8, 2),
            (b'>', Some(b'>')) => (Shr, 8, 2),
            (b'<', Some(b'=')) => (Le, 7, 2),
            (b'>', Some(b'=')) => (Ge, 7, 2),
            (b'<', _) => (Lt, 7, 1),
            (b'>', _) => (Gt, 7, 1),
            (b'*', Some(b'*')) => return Ok(None),
            (b'+' | b'-' | b'*' | b'/' | b'%', Some(b'=')) => return Ok(None),
            // After an operand, `++x`/`--x` is a pre-increment where an operator belongs.
            (b'+' | b'-', _) if self.incdec_then_name() => {
                return Err(self.error("syntax error in expression"));
            }
            (b'+', _) => (Add, 9, 1),
            (b'-', _) => (Sub, 9, 1),
            (b'*', _) => (Mul, 10, 1),
            (b'/', _) => (Div, 10, 1),
            (b'%', _) => (Rem, 10, 1),
            _ if !is_token_byte(c) => return Err(self.operator_error()),
            _ => return Ok(None),
        }))
    }

    /// Precedence climbing: operators binding at least as tightly as `min`.
    fn binary(&mut self, min: u8) -> Result<ArithExpr, ArithError> {
        let mut e = self.power()?;
        while let Some((op, prec, len)) = self.peek_binop()? {
            if prec < min {
                break;
            }
            self.tok = self.i;
            self.i += len;
            let at = self.lasttp() as u32;
            let r = self.binary(prec + 1)?;
            e = if matches!(op, BinaryOp::Div | BinaryOp::Rem) {
                ArithExpr::Checked { op, lhs: Box::new(e), rhs: Box::new(r), at }
            } else {
                ArithExpr::Binary(op, Box::new(e), Box::new(r))
            };
        }
        Ok(e)
    }

    /// `a ** b`: right associative, binding tighter than `*` but looser than unary minus.
    fn power(&mut self) -> Result<ArithExpr, ArithError> {
        let base = self.unary()?;
        if self.eat(b"**") {
            self.enter()?;
            let exp = self.power()?;
            self.depth -= 1;
            let at = self.lasttp() as u32;
            return Ok(ArithExpr::Checked { op: BinaryOp::Pow, lhs: Box::new(base), rhs: Box::new(exp), at });
        }
        Ok(base)
    }

    fn unary(&mut self) -> Result<ArithExpr, ArithError> {
        self.enter()?;
        self.skip_ws();
        let e = if self.incdec_then_name() {
            self.tok = self.i;
            let increment = self.s[self.i] == b'+';
            self.i += 2;
            self.skip_ws();
            let name = self.name().unwrap_or_default();
            self.skip_ws();
            let r = &self.s[self.i..];
            if r.starts_with(b"++") || r.starts_with(b"--") {
                // `++x++`: bash reads the second one as a post-increment of nothing.
                let op = if r[0] == b'+' { "++" } else { "--" };
                return Err(ArithError::new(format!("{op}: assignment requires lvalue"), self.i));
            }
            ArithExpr::IncDec { name, increment, prefix: true }
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
                    self.tok = self.i;
                    self.i += 1;
                    ArithExpr::Unary(op, Box::new(self.unary()?))
                }
                None => self.postfix()?,
            }
        };
        self.depth -= 1;
        Ok(e)
    }

    fn postfix(&mut self) -> Result<ArithExpr, ArithError> {
        let e = self.primary()?;
        if let ArithExpr::Var { name, .. } = &e {
            self.skip_ws();
            let rest = &self.s[self.i..];
            if rest.starts_with(b"++") || rest.starts_with(b"--") {
                let increment = rest[0] == b'+';
                self.tok = self.i;
                self.i += 2;
                return Ok(ArithExpr::IncDec { name: name.clone(), increment, prefix: false });
            }
        }
        Ok(e)
    }

    /// A variable name, with its subscript when it is an array element (`a[i + 1]`): the
    /// whole `name[...]` is the name, its subscript evaluated when the element is used.
    fn name(&mut self) -> Option<Vec<u8>> {
        let start = self.i;
        if self.i < self.s.len() && is_ident_start(self.s[self.i]) {
            while self.i < self.s.len() && is_ident_char(self.s[self.i]) {
                self.i += 1;
            }
            if self.s.get(self.i) == Some(&b'[') {
                let mut depth = 0usize;
                for (k, &c) in self.s[self.i..].iter().enumerate() {
                    match c {
                        b'[' => depth += 1,
                        b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.i += k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            self.tok = start;
            Some(self.s[start..self.i].to_vec())
        } else {
            None
        }
    }

    fn primary(&mut self) -> Result<ArithExpr, ArithError> {
        self.skip_ws();
        if self.eat(b"(") {
            let e = self.comma()?;
            if !self.eat(b")") {
                return Err(self.error("missing `)'"));
            }
            return Ok(e);
        }
        let start = self.i;
        if let Some(name) = self.name() {
            return Ok(ArithExpr::Var { name, at: start as u32 });
        }
        if !self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            return Err(self.error("syntax error: operand expected"));
        }
        while self.i < self.s.len()
            && (is_ident_char(self.s[self.i]) || matches!(self.s[self.i], b'#' | b'@'))
        {
            self.i += 1;
        }
        self.tok = start;
        number(&self.s[start..self.i])
            .map(ArithExpr::Number)
            .map_err(|message| ArithError { message: message.to_string(), token: start, end: Some(self.i) })
    }
}

/// The value of a digit of `base` (bash's digits: `0-9a-zA-Z@_`; letters of either case are
/// 10-35 up to base 36).
fn digit_value(c: u8, base: u64) -> Option<u64> {
    Some(match c {
        b'0'..=b'9' => (c - b'0') as u64,
        b'a'..=b'z' => (c - b'a') as u64 + 10,
        b'A'..=b'Z' => (c - b'A') as u64 + if base <= 36 { 10 } else { 36 },
        b'@' => 62,
        b'_' => 63,
        _ => return None,
    })
}

/// A constant as bash reads it: decimal, octal (`0` prefix), hexadecimal (`0x`) or
/// `base#digits` with a base from 2 to 64; wraps on overflow as C does. The error is bash's.
pub fn number(t: &[u8]) -> Result<i64, &'static str> {
    let mut s = t;
    let mut base: u64 = 10;
    let mut found_base = false;
    if s.first() == Some(&b'0') {
        s = &s[1..];
        if s.is_empty() {
            return Ok(0);
        }
        if matches!(s[0], b'x' | b'X') {
            base = 16;
            s = &s[1..];
        } else {
            base = 8;
        }
        found_base = true;
    }
    let mut v: u64 = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c == b'#' {
            if found_base {
                return Err("invalid number");
            }
            if !(2..=64).contains(&v) {
                return Err("invalid arithmetic base");
            }
            base = v;
            v = 0;
            found_base = true;
            // (Only that a digit follows: `2#2` is "value too great" below.)
            if !s.get(i).is_some_and(|&c| digit_value(c, base).is_some()) {
                return Err("invalid integer constant");
            }
            continue;
        }
        match digit_value(c, base) {
            Some(d) if d < base => v = v.wrapping_mul(base).wrapping_add(d),
            Some(_) => return Err("value too great for base"),
            None => break,
        }
    }
    Ok(v as i64)
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
        assert!(matches!(
            e,
            ArithExpr::Checked { op: BinaryOp::Rem, ref lhs, .. }
                if matches!(**lhs, ArithExpr::Binary(BinaryOp::Add, ref a, ref b)
                    if **a == ArithExpr::Slot(0) && **b == ArithExpr::Slot(1))
        ));
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

    #[test]
    fn template_offsets_map_to_the_expanded_text() {
        let parts = [lit("1 / "), pos(1), lit(" + 2")];
        // "1 / __chitin_slot_0_x + 2": the slot starts at 4, " + 2" at 4 + 17.
        let mut offs = [4, 4 + 17 + 1, 100];
        let text = template_text(&parts, &[0], &mut offs);
        assert_eq!(text, b"1 / 0 + 2");
        assert_eq!(offs, [4, 6, 9]);
    }

    #[test]
    fn constants_in_every_base() {
        assert_eq!(number(b"16#ff"), Ok(255));
        assert_eq!(number(b"64#_"), Ok(63));
        assert_eq!(number(b"36#Z"), Ok(35));
        assert_eq!(number(b"0x"), Ok(0));
        assert_eq!(number(b"08"), Err("value too great for base"));
        assert_eq!(number(b"65#1"), Err("invalid arithmetic base"));
        assert_eq!(number(b"0#1"), Err("invalid number"));
        assert_eq!(number(b"10#"), Err("invalid integer constant"));
    }
}
