//! The parser of bash's `[[ expression ]]` (a small recursive descent of its own, as in bash's
//! `parse.y`), producing [`CondExpr`].
//!
//! Inside `[[ ]]` words are read as usual except that `<` and `>` are operators of the
//! expression, an unquoted `]]` ends it, and the right side of `=~` and of `== = !=` is read
//! with the lexer's [`CondWord`] rules. Operators are recognised from the unquoted text of a
//! word token (a quoted `"=="` is a plain word), so this works the same when only checking
//! syntax (`-n`), where words have no parts. Messages follow bash's.

use std::borrow::Cow;

use super::ParseError;
use super::ast::*;
use super::lexer::{CondWord, Core, Lit, Op, PResult, Tok, remove_continuations};

const END: Lit = Lit::Reserved(b"]]");

impl Core<'_> {
    /// `[[ expression ]]`, after the `[[` (taken).
    pub(crate) fn double_bracket(&mut self, start: usize, line: u32) -> PResult<CompoundCommand> {
        let e = self.cond_or()?;
        let t = self.take_tok()?;
        if !matches!(t, Tok::Word(_, END)) {
            return Err(match t {
                Tok::Eof => self.cond_eof("unexpected EOF while looking for ']]'"),
                _ => match self.cond_tok_text(&t) {
                    Some(text) => self.cond_error(format!(
                        "syntax error in conditional expression: unexpected token '{text}'"
                    )),
                    None => self.cond_error("syntax error in conditional expression"),
                },
            });
        }
        Ok(CompoundCommand::DoubleBracket(e, self.span(start, line)))
    }

    /// `a || b || ...`
    fn cond_or(&mut self) -> PResult<CondExpr> {
        let mut e = self.cond_and()?;
        while matches!(self.peek_tok()?, Tok::Op(Op::OrIf)) {
            self.skip_tok()?;
            let r = self.cond_and()?;
            e = CondExpr::Or(Box::new(e), Box::new(r));
        }
        Ok(e)
    }

    /// `a && b && ...`
    fn cond_and(&mut self) -> PResult<CondExpr> {
        let mut e = self.cond_term()?;
        while matches!(self.peek_tok()?, Tok::Op(Op::AndIf)) {
            self.skip_tok()?;
            let r = self.cond_term()?;
            e = CondExpr::And(Box::new(e), Box::new(r));
        }
        Ok(e)
    }

    /// Newlines may come before a term and after one, nowhere else.
    fn cond_skip_newlines(&mut self) -> PResult<()> {
        while matches!(self.peek_tok()?, Tok::Newline) {
            self.skip_tok()?;
        }
        Ok(())
    }

    /// `( expr )`, `! term`, a unary primary, a binary primary or a lone word.
    fn cond_term(&mut self) -> PResult<CondExpr> {
        self.cond_skip_newlines()?;
        let t = self.take_tok()?;
        let left = match t {
            Tok::Op(Op::LParen) => {
                self.enter()?;
                let e = self.cond_or()?;
                self.leave();
                let t = self.take_tok()?;
                if !matches!(t, Tok::Op(Op::RParen)) {
                    return Err(match (&t, self.cond_tok_text(&t)) {
                        (Tok::Eof, _) => self.cond_eof("unexpected token 'EOF', expected ')'"),
                        (_, Some(text)) => {
                            self.cond_error(format!("unexpected token '{text}', expected ')'"))
                        }
                        (_, None) => self.cond_error("expected ')'"),
                    });
                }
                self.cond_skip_newlines()?;
                return Ok(CondExpr::Group(Box::new(e)));
            }
            Tok::Word(_, END) => {
                // bash says nothing here (`[[ ]]`, `[[ ! ]]`, `[[ a && ]]`).
                return Err(self.cond_error(
                    "syntax error in conditional expression: unexpected token ']]'",
                ));
            }
            Tok::Word(_, Lit::Reserved(b"!")) => {
                self.enter()?;
                let e = self.cond_term()?;
                self.leave();
                return Ok(CondExpr::Not(Box::new(e)));
            }
            Tok::Word(w, Lit::Quoted) => w,
            Tok::Word(w, _) => match unary_op(&self.tok_text()) {
                Some(op) => return self.cond_unary(op),
                None => w,
            },
            Tok::Eof => return Err(self.cond_eof("unexpected token 'EOF' in conditional command")),
            t => {
                let text = self.cond_tok_text(&t).unwrap_or_default();
                return Err(self.cond_error(format!(
                    "unexpected token '{text}' in conditional command"
                )));
            }
        };
        // A binary operator, or the end of a lone word.
        let op = match self.peek_tok()? {
            Tok::Word(_, END) | Tok::Op(Op::AndIf | Op::OrIf | Op::RParen) => {
                return Ok(CondExpr::Unary { op: b'n', word: left });
            }
            Tok::Word(_, Lit::Quoted) => None,
            Tok::Word(..) => binary_op(&self.tok_text()),
            Tok::Op(Op::Redir(RedirOp::Input)) => Some(BinaryOrArith::Binary(CondBinaryOp::Less)),
            Tok::Op(Op::Redir(RedirOp::Output)) => {
                Some(BinaryOrArith::Binary(CondBinaryOp::Greater))
            }
            _ => None,
        };
        let Some(op) = op else {
            let t = self.peek_tok()?.clone();
            return Err(match (&t, self.cond_tok_text(&t)) {
                (Tok::Eof, _) => {
                    self.cond_eof("unexpected token 'EOF', conditional binary operator expected")
                }
                (_, Some(text)) => self.cond_error(format!(
                    "unexpected token '{text}', conditional binary operator expected"
                )),
                (_, None) => self.cond_error("conditional binary operator expected"),
            });
        };
        self.skip_tok()?;
        // The right side: bash's own rules for a regex or a pattern (with `extglob` forms).
        self.cond_word = match op {
            BinaryOrArith::Binary(CondBinaryOp::Regex) => CondWord::Regex,
            BinaryOrArith::Binary(
                CondBinaryOp::Match | CondBinaryOp::MatchEq | CondBinaryOp::NoMatch,
            ) => CondWord::Pattern,
            _ => CondWord::Normal,
        };
        let t = self.take_tok();
        self.cond_word = CondWord::Normal;
        let right = match t? {
            Tok::Word(w, lit) if lit != END => w,
            t => return Err(self.missing_argument(&t, "binary")),
        };
        self.cond_skip_newlines()?;
        Ok(match op {
            BinaryOrArith::Binary(op) => CondExpr::Binary(Box::new(CondBinary { op, left, right })),
            BinaryOrArith::Arith(op) => CondExpr::Arith(Box::new(CondArith {
                op,
                left: self.arith_operand(left),
                right: self.arith_operand(right),
            })),
        })
    }

    /// `-op word`, after the operator.
    fn cond_unary(&mut self, op: u8) -> PResult<CondExpr> {
        let word = match self.take_tok()? {
            Tok::Word(w, lit) if lit != END => w,
            t => return Err(self.missing_argument(&t, "unary")),
        };
        self.cond_skip_newlines()?;
        Ok(CondExpr::Unary { op, word })
    }

    /// An operand of `-eq` and the others, parsed now when its text is known.
    fn arith_operand(&self, word: Word) -> ArithOperand {
        let expr = if self.check_only {
            OperandExpr::Dynamic
        } else if word.parts.iter().all(|p| matches!(p, WordPart::Literal(_) | WordPart::Quoted(_)))
        {
            let mut text = Vec::new();
            for p in &word.parts {
                if let WordPart::Literal(s) | WordPart::Quoted(s) = p {
                    text.extend_from_slice(s);
                }
            }
            // An expression that does not parse is reported when the command runs.
            match super::arith::parse(&text) {
                Ok(expr) => OperandExpr::Static { expr, text },
                Err(_) => OperandExpr::Dynamic,
            }
        } else {
            match super::arith::template(&word.parts) {
                Some((params, e)) => OperandExpr::Template(params, e),
                None => OperandExpr::Dynamic,
            }
        };
        ArithOperand { word, expr }
    }

    /// The unquoted text of the word token just peeked or taken (backslash-newlines removed).
    fn tok_text(&self) -> Cow<'_, [u8]> {
        let end = self.tok_end.min(self.buf.len());
        let raw = &self.buf[self.tok_start.min(end)..end];
        if raw.windows(2).any(|w| w == b"\\\n") {
            Cow::Owned(remove_continuations(raw))
        } else {
            Cow::Borrowed(raw)
        }
    }

    /// How bash names a token in these messages; `None` for a word (bash names none).
    fn cond_tok_text(&self, t: &Tok) -> Option<String> {
        match t {
            Tok::Newline => Some("newline".into()),
            Tok::Eof => Some("EOF".into()),
            Tok::Op(op) => Some(op.text().into()),
            Tok::Word(_, END) => Some("]]".into()),
            Tok::IoNumber(n) => Some(n.to_string()),
            Tok::IoName(name) => Some(format!("{{{}}}", String::from_utf8_lossy(name))),
            Tok::Word(..) => None,
        }
    }

    fn missing_argument(&self, t: &Tok, kind: &str) -> Box<ParseError> {
        match self.cond_tok_text(t) {
            Some(text) => {
                let msg = format!("unexpected argument '{text}' to conditional {kind} operator");
                if matches!(t, Tok::Eof) { self.cond_eof(msg) } else { self.cond_error(msg) }
            }
            None => self.cond_error(format!("unexpected argument to conditional {kind} operator")),
        }
    }

    #[cold]
    fn cond_error(&self, message: impl Into<String>) -> Box<ParseError> {
        self.error_at(message, self.tok_line, self.tok_start)
    }

    /// An error caused by the end of the input.
    #[cold]
    fn cond_eof(&self, message: impl Into<String>) -> Box<ParseError> {
        let mut e = self.error_at(message, self.line, self.pos);
        e.incomplete = true;
        e
    }
}

enum BinaryOrArith {
    Binary(CondBinaryOp),
    Arith(ArithCmp),
}

/// The letter of a unary operator (`-f` gives `b'f'`).
fn unary_op(text: &[u8]) -> Option<u8> {
    match text {
        [b'-', c] if COND_UNARY_OPS.contains(c) => Some(*c),
        _ => None,
    }
}

fn binary_op(text: &[u8]) -> Option<BinaryOrArith> {
    if let Some(op) = CondBinaryOp::from_text(text) {
        return Some(BinaryOrArith::Binary(op));
    }
    ArithCmp::from_text(text).map(BinaryOrArith::Arith)
}
