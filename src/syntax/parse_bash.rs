//! The bash compound commands: `(( expr ))`, `for (( init; test; step ))`, `select`, and
//! function definitions with the `function` keyword.
//!
//! `((` is an arithmetic command only when the text up to the matching `)` is followed by a
//! second `)`, as bash decides; otherwise it is two subshells (`((cd x; make) )`).

use std::rc::Rc;

use super::ast::*;
use super::lexer::{Core, Lit, Op, PResult, Tok};

impl Core<'_> {
    /// After a `(` token (peeked, `pos` just past it) that is followed by another `(`: the
    /// offset from `pos` of the `)` that closes the second one, when a `)` follows it; `None`
    /// when the parentheses close otherwise (nested subshells). Quotes are skipped, as bash's
    /// matched-pair reader does.
    fn dparen_end(&mut self) -> PResult<Option<usize>> {
        let mut k = 1;
        let mut depth = 0usize;
        loop {
            let Some(c) = self.raw_at(k) else {
                return Err(self.eof_error("syntax error: unexpected end of file"));
            };
            match c {
                b'(' => depth += 1,
                b')' if depth > 0 => depth -= 1,
                b')' => {
                    return Ok((self.raw_at(k + 1) == Some(b')')).then_some(k));
                }
                b'\\' => k += 1,
                b'\'' | b'"' => {
                    let q = c;
                    loop {
                        k += 1;
                        match self.raw_at(k) {
                            None => return Err(self.eof_looking_for(q as char, None)),
                            Some(b'\\') if q == b'"' => k += 1,
                            Some(c) if c == q => break,
                            Some(_) => {}
                        }
                    }
                }
                _ => {}
            }
            k += 1;
        }
    }

    /// Takes the text between `((` and its `))` (the first `(` already taken as a token).
    fn take_dparen_text(&mut self, end: usize) -> Vec<u8> {
        let text = self.buf[self.pos + 1..self.pos + end].to_vec();
        // Consume through `))`, counting lines.
        let stop = self.pos + end + 2;
        while self.pos < stop {
            self.bump();
        }
        self.peeked = None;
        self.last_end = self.pos;
        self.tok_end = self.pos;
        text
    }

    /// `(( expr ))` when the peeked `(` starts one; `None` for a subshell.
    pub(crate) fn arith_command(&mut self, start: usize, line: u32) -> PResult<Option<CompoundCommand>> {
        if self.raw_at(0) != Some(b'(') {
            return Ok(None);
        }
        let Some(end) = self.dparen_end()? else {
            return Ok(None);
        };
        let text = self.take_dparen_text(end);
        let expr = self.arith_text(text, line)?;
        Ok(Some(CompoundCommand::Arith { expr: Box::new(expr), span: self.span(start, line) }))
    }

    /// After `for` when `((` follows: `for (( init; test; step ))` and its body.
    pub(crate) fn arith_for(&mut self, start: usize, line: u32) -> PResult<CompoundCommand> {
        self.skip_tok()?;
        let Some(end) = self.dparen_end()? else {
            return Err(self.error("syntax error near unexpected token '('"));
        };
        let text = self.take_dparen_text(end);
        let clauses = split_clauses(&text);
        if clauses.len() != 3 {
            return Err(self.error_at(
                if clauses.len() < 3 {
                    "syntax error: arithmetic expression required"
                } else {
                    "syntax error: ';' unexpected"
                },
                line,
                start,
            ));
        }
        let mut parsed = Vec::with_capacity(3);
        for c in clauses {
            let c = trim_start(c);
            parsed.push(if c.is_empty() { None } else { Some(Box::new(self.arith_text(c.to_vec(), line)?)) });
        }
        let step = parsed.pop().flatten();
        let test = parsed.pop().flatten();
        let init = parsed.pop().flatten();
        if matches!(self.peek_tok()?, Tok::Op(Op::Semi)) {
            self.skip_tok()?;
        }
        self.skip_command_newlines()?;
        let body = self.loop_body()?;
        Ok(CompoundCommand::ArithFor { init, test, step, body, span: self.span(start, line) })
    }

    /// `do list; done` or (bash) `{ list; }`.
    fn loop_body(&mut self) -> PResult<List> {
        let brace = matches!(self.peek_tok()?, Tok::Word(_, Lit::Reserved(b"{")));
        self.skip_tok_if_reserved(if brace { b"{" } else { b"do" })?;
        let body = self.compound_list(false)?;
        self.skip_tok_if_reserved(if brace { b"}" } else { b"done" })?;
        Ok(body)
    }

    fn skip_tok_if_reserved(&mut self, word: &[u8]) -> PResult<()> {
        if matches!(self.peek_tok()?, Tok::Word(_, Lit::Reserved(r)) if *r == word) {
            self.skip_tok()
        } else {
            Err(self.peek_unexpected_tok())
        }
    }

    fn peek_unexpected_tok(&mut self) -> Box<super::ParseError> {
        match self.peek_tok() {
            Ok(t) => {
                let t = t.clone();
                self.unexpected(&t)
            }
            Err(e) => e,
        }
    }

    /// `select name [in words]; do list; done` (after `select`).
    pub(crate) fn select_clause(&mut self, start: usize, line: u32) -> PResult<CompoundCommand> {
        let var = match self.take_tok()? {
            Tok::Word(w, lit) if lit.is_name() => {
                super::parser::plain(&w).map(<[u8]>::to_vec).unwrap_or_default()
            }
            Tok::Word(..) => {
                return Err(self.error_at("syntax error: bad select variable", self.tok_line, self.tok_start));
            }
            t => return Err(self.unexpected(&t)),
        };
        self.skip_command_newlines()?;
        let mut words = None;
        if matches!(self.peek_tok()?, Tok::Word(_, Lit::Reserved(b"in"))) {
            self.skip_tok()?;
            let mut list = Vec::new();
            loop {
                match self.take_tok()? {
                    Tok::Word(w, _) if !self.check_only => list.push(w),
                    Tok::Word(..) => {}
                    Tok::Op(Op::Semi) | Tok::Newline => break,
                    t => return Err(self.unexpected(&t)),
                }
            }
            words = Some(list);
            self.skip_command_newlines()?;
        } else if matches!(self.peek_tok()?, Tok::Op(Op::Semi)) {
            self.skip_tok()?;
            self.skip_command_newlines()?;
        }
        let body = self.loop_body()?;
        Ok(CompoundCommand::Select { var, words, body, span: self.span(start, line) })
    }

    /// `function name [()] compound-command [redirections]` (after `function`, peeked).
    pub(crate) fn function_keyword(&mut self, start: usize, line: u32) -> PResult<Command> {
        self.skip_tok()?;
        let (name_word, lit) = match self.take_tok()? {
            Tok::Word(w, lit) => (w, lit),
            t => return Err(self.unexpected(&t)),
        };
        let name = self.function_name(&name_word, lit, start, line)?;
        // `function f ()` or `function f ( ... )` (a subshell body): look past the `(`.
        if matches!(self.peek_tok()?, Tok::Op(Op::LParen)) {
            let mut k = 0;
            while matches!(self.raw_at(k), Some(b' ' | b'\t')) {
                k += 1;
            }
            if self.raw_at(k) == Some(b')') {
                self.skip_tok()?;
                self.skip_tok()?;
            }
        }
        self.skip_command_newlines()?;
        // The body is any compound command (whatever `compound` knows).
        let r = match self.peek_tok()? {
            Tok::Word(_, lit) => lit.reserved().unwrap_or(b""),
            Tok::Op(Op::LParen) => b"(",
            _ => b"",
        };
        let Some(body) = self.compound(r)? else {
            return Err(self.peek_unexpected_tok());
        };
        let redirects = self.redirects()?;
        if self.check_only {
            return Ok(Command::Simple(SimpleCommand::default()));
        }
        Ok(Command::FunctionDef(Rc::new(FunctionDef { name, body, redirects, span: self.span(start, line) })))
    }

    /// The name of a function being defined: bash takes any word without quotes or
    /// expansions, except one that reads as an assignment.
    pub(crate) fn function_name(&mut self, w: &Word, lit: Lit, start: usize, line: u32) -> PResult<Vec<u8>> {
        if lit == Lit::Quoted {
            return Err(self.error_at("syntax error: bad function name", line, start));
        }
        let from = (w.span.start.wrapping_sub(self.base) as usize).min(self.buf.len());
        let to = (w.span.end.wrapping_sub(self.base) as usize).clamp(from, self.buf.len());
        let raw = super::lexer::remove_continuations(&self.buf[from..to]);
        if let Some(eq) = raw.iter().position(|&c| c == b'=') {
            if super::lexer::is_name(&raw[..eq]) {
                return Err(self.error_at("syntax error: bad function name", line, start));
            }
        }
        Ok(if self.check_only { Vec::new() } else { raw })
    }
}

/// Splits the text of `for ((...))` at the semicolons outside quotes and parentheses.
fn split_clauses(text: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut quote = None;
    let mut from = 0;
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        match quote {
            Some(q) => {
                if c == b'\\' && q == b'"' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                b'\\' => i += 1,
                b'\'' | b'"' => quote = Some(c),
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                b';' if depth == 0 => {
                    out.push(&text[from..i]);
                    from = i + 1;
                }
                _ => {}
            },
        }
        i += 1;
    }
    out.push(&text[from.min(text.len())..]);
    out
}

fn trim_start(s: &[u8]) -> &[u8] {
    let i = s.iter().position(|c| !matches!(c, b' ' | b'\t' | b'\n')).unwrap_or(s.len());
    &s[i..]
}
