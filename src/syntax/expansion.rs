//! Expansions inside words: `$name`, `${...}` in every POSIX form, `$(...)`, backquotes,
//! `$((...))` and `$'...'`. Called by the word lexer when it meets `$` or a backquote.

use std::rc::Rc;

use super::lexer::PResult;
use super::ast::*;
use super::lexer::{
    Core, Mode, NoSource, Op, Tok, is_name_char, is_name_start, remove_continuations,
};

impl Core<'_> {
    /// After a `$`: a parameter, substitution, arithmetic, `$'...'` or a literal `$`.
    pub(crate) fn dollar(
        &mut self,
        mode: Mode,
        parts: &mut Vec<WordPart>,
        lit: &mut Vec<u8>,
    ) -> PResult<()> {
        self.pos += 1;
        let Some(c) = self.peek() else {
            lit.push(b'$');
            return Ok(());
        };
        match c {
            b'{' => {
                self.pos += 1;
                self.enter()?;
                // The pattern of `"${x%pat}"` is not quoted, nor is a `${...}` inside it. A
                // here-document body and `$((...))` read `${x-word}` as double quotes do.
                let p = self.braced_param(matches!(
                    mode,
                    Mode::DQuote | Mode::HereDoc | Mode::Arith | Mode::Param { dq: true, pattern: false }
                ))?;
                self.leave();
                self.put(parts, || WordPart::Param(Box::new(p)));
            }
            b'(' => {
                if self.raw_at(1) == Some(b'(') {
                    if let Some(arith) = self.arith()? {
                        self.put(parts, || WordPart::Arith(Box::new(arith)));
                        return Ok(());
                    }
                }
                self.pos += 1;
                let list = self.command_sub()?;
                self.put(parts, || WordPart::CommandSub(Rc::new(list)));
            }
            c if is_name_start(c) => {
                let start = self.pos;
                self.pos += 1;
                while let Some(c) = self.peek() {
                    if !is_name_char(c) {
                        break;
                    }
                    self.pos += 1;
                }
                if !self.discarding {
                    // No continuation inside the name: it is one run of the buffer.
                    let name = if self.buf[start..self.pos].contains(&b'\\') {
                        remove_continuations(&self.buf[start..self.pos])
                    } else {
                        self.buf[start..self.pos].to_vec()
                    };
                    parts.push(WordPart::Param(Box::new(ParamExp {
                        param: Param::Var(name),
                        op: ParamOp::Plain,
                    })));
                    // Brace expansion works on the text: `$a{x,y}` is `$ax $ay`. An empty
                    // literal marks a name written without braces right before a `{`.
                    if mode == Mode::Unquoted && self.peek() == Some(b'{') {
                        parts.push(WordPart::Literal(Vec::new()));
                    }
                }
            }
            b'0'..=b'9' => {
                self.pos += 1;
                let param = if c == b'0' {
                    Param::Special(b'0')
                } else {
                    Param::Positional((c - b'0') as usize)
                };
                self.put(parts, || {
                    WordPart::Param(Box::new(ParamExp {
                        param,
                        op: ParamOp::Plain,
                    }))
                });
            }
            b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!' => {
                self.pos += 1;
                self.put(parts, || {
                    WordPart::Param(Box::new(ParamExp {
                        param: Param::Special(c),
                        op: ParamOp::Plain,
                    }))
                });
            }
            // Not in double quotes, except in the pattern of `"${x#$'\n'}"` (bash in both
            // modes; in `"${u:-$'q'}"` only bash's non-POSIX mode decodes, POSIX wins).
            b'\''
                if matches!(mode, Mode::Unquoted | Mode::Param { dq: false, .. } | Mode::Param { pattern: true, .. }) =>
            {
                self.pos += 1;
                let text = self.dollar_single()?;
                self.put(parts, || WordPart::Quoted(text));
            }
            // `$"..."` (locale translation in bash): an ordinary double-quoted string here,
            // as in bash in the C locale.
            b'"' if matches!(mode, Mode::Unquoted | Mode::Param { dq: false, .. }) => {
                self.pos += 1;
                self.enter()?;
                let outer = std::mem::replace(&mut self.dq_in_dq_param, false);
                let inner = self.lex_parts(Mode::DQuote);
                self.dq_in_dq_param = outer;
                let inner = inner?;
                self.leave();
                self.put(parts, || WordPart::DoubleQuoted(inner));
            }
            _ => lit.push(b'$'),
        }
        Ok(())
    }

    /// The parameter name at `pos` (after `${` or `${#`), if there is one.
    fn param_name(&mut self) -> Option<Param> {
        let c = self.peek()?;
        if is_name_start(c) {
            let mut name = Vec::new();
            while let Some(c) = self.peek() {
                if !is_name_char(c) {
                    break;
                }
                if !self.discarding {
                    name.push(c);
                }
                self.pos += 1;
            }
            if self.peek() == Some(b'[') {
                return self.element(name);
            }
            Some(Param::Var(name))
        } else if c.is_ascii_digit() {
            let mut n: usize = 0;
            let mut overflow = false;
            let zero = c == b'0';
            let mut len = 0;
            while let Some(c) = self.peek() {
                if !c.is_ascii_digit() {
                    break;
                }
                n = match n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((c - b'0') as usize))
                {
                    Some(n) => n,
                    None => {
                        overflow = true;
                        0
                    }
                };
                len += 1;
                self.pos += 1;
            }
            if zero && len == 1 {
                Some(Param::Special(b'0'))
            } else if overflow {
                Some(Param::Positional(usize::MAX))
            } else {
                Some(Param::Positional(n))
            }
        } else if b"@*#?-$!".contains(&c) {
            self.pos += 1;
            Some(Param::Special(c))
        } else {
            None
        }
    }

    /// After `${`: the whole braced expansion through its `}`.
    fn braced_param(&mut self, in_dq: bool) -> PResult<ParamExp> {
        // A `${...}` nested in the pattern of `${x/pat/rep}` ends at its own `}` only.
        let outer_stop = self.param_stop.take();
        let r = self.braced_param_inner(in_dq);
        self.param_stop = outer_stop;
        r
    }

    fn braced_param_inner(&mut self, in_dq: bool) -> PResult<ParamExp> {
        let start = self.pos;
        let mut length = false;
        if self.peek() == Some(b'#') {
            // `${#}` is `$#`; `${#x}` the length of x; `${#-w}` is `$#` with a default.
            let c2 = self.raw_at(1);
            let c3 = self.raw_at(2);
            let is_op_after = match c2 {
                Some(b'}') | None => false,
                Some(b':' | b'%') => false,
                Some(b'-' | b'=' | b'?' | b'+' | b'#') => c3 == Some(b'}'),
                Some(c) => is_name_char(c) || b"@*!$".contains(&c),
            };
            if is_op_after {
                self.pos += 1;
                length = true;
            }
        }
        let param = if !length && self.peek() == Some(b'!') {
            match self.indirect(start, in_dq)? {
                Ok(param) => param,
                Err(names) => return Ok(names),
            }
        } else {
            self.param_name()
        };
        let Some(param) = param else {
            return self.invalid_param(start, in_dq);
        };
        if length {
            return match self.peek() {
                Some(b'}') => {
                    self.pos += 1;
                    Ok(ParamExp {
                        param,
                        op: ParamOp::Length,
                    })
                }
                _ => self.invalid_param(start, in_dq),
            };
        }
        let Some(c) = self.peek() else {
            return Err(self.eof_looking_for('}', None));
        };
        let mut colon = false;
        let c = if c == b':' {
            colon = true;
            self.pos += 1;
            match self.peek() {
                Some(c @ (b'-' | b'=' | b'?' | b'+')) => c,
                Some(b'}') | None => return self.invalid_param(start, in_dq),
                Some(_) => {
                    let op = self.substring()?;
                    return Ok(ParamExp { param, op });
                }
            }
        } else {
            c
        };
        let word_mode = |pattern| Mode::Param { dq: in_dq, pattern };
        let op = match c {
            b'}' => {
                self.pos += 1;
                ParamOp::Plain
            }
            b'-' | b'=' | b'?' | b'+' => {
                self.pos += 1;
                let start = self.pos;
                let line = self.line;
                let word = self.param_word(word_mode(false), start, line)?;
                match c {
                    b'-' => ParamOp::Default { colon, word },
                    b'=' => ParamOp::Assign { colon, word },
                    b'?' => ParamOp::Error { colon, word },
                    _ => ParamOp::Alternative { colon, word },
                }
            }
            b'%' | b'#' => {
                self.pos += 1;
                let double = self.peek() == Some(c);
                if double {
                    self.pos += 1;
                }
                let start = self.pos;
                let line = self.line;
                let word = self.param_word(word_mode(true), start, line)?;
                match (c, double) {
                    (b'%', false) => ParamOp::RemoveSmallestSuffix(word),
                    (b'%', true) => ParamOp::RemoveLargestSuffix(word),
                    (_, false) => ParamOp::RemoveSmallestPrefix(word),
                    (_, true) => ParamOp::RemoveLargestPrefix(word),
                }
            }
            b'/' => self.replace(in_dq)?,
            b'^' | b',' | b'~' => {
                self.pos += 1;
                let all = self.peek() == Some(c);
                if all {
                    self.pos += 1;
                }
                let start = self.pos;
                let line = self.line;
                let pattern = self.param_word(word_mode(true), start, line)?;
                let to = match c {
                    b'^' => CaseTo::Upper,
                    b',' => CaseTo::Lower,
                    _ => CaseTo::Toggle,
                };
                ParamOp::Case { to, all, pattern }
            }
            b'@' if matches!(self.raw_at(1), Some(b'Q' | b'E' | b'P' | b'A' | b'a' | b'U' | b'u' | b'L' | b'K' | b'k'))
                && self.raw_at(2) == Some(b'}') =>
            {
                let letter = self.raw_at(1).unwrap_or(b'Q');
                self.pos += 3;
                ParamOp::Transform(letter)
            }
            _ => return self.invalid_param(start, in_dq),
        };
        Ok(ParamExp { param, op })
    }

    /// At the `!` of `${!...}`: `Ok(Some(Indirect))` for `${!ref...}`, `Err` with the whole
    /// expansion for `${!prefix*}` / `${!prefix@}`, `Ok` of the plain parameter for `${!}`
    /// and `${!-w}` (`$!`).
    fn indirect(&mut self, start: usize, in_dq: bool) -> PResult<Result<Option<Param>, ParamExp>> {
        let target = self.raw_at(1);
        let indirect = match target {
            Some(c) => is_name_start(c) || c.is_ascii_digit() || b"#?@*".contains(&c),
            None => false,
        };
        if !indirect {
            return Ok(Ok(self.param_name()));
        }
        self.pos += 1;
        let Some(inner) = self.param_name() else {
            return self.invalid_param(start, in_dq).map(Err);
        };
        if let Param::Var(_) = inner
            && let Some(c @ (b'*' | b'@')) = self.peek()
            && self.raw_at(1) == Some(b'}')
        {
            self.pos += 2;
            return Ok(Err(ParamExp {
                param: inner,
                op: ParamOp::Names { star: c == b'*' },
            }));
        }
        Ok(Ok(Some(Param::Indirect(Box::new(inner)))))
    }

    /// After the `/` of `${x/pat/rep}`: the pattern, up to an unquoted `/`, and the
    /// replacement.
    fn replace(&mut self, in_dq: bool) -> PResult<ParamOp> {
        self.pos += 1;
        let all = self.peek() == Some(b'/');
        if all {
            self.pos += 1;
        }
        let line = self.line;
        let start = self.pos;
        // After `//` a `/` that begins the pattern is part of it (bash).
        let lead_slash = all && self.peek() == Some(b'/');
        if lead_slash {
            self.pos += 1;
        }
        self.param_stop = Some((b'/', self.pos));
        let pattern = self.param_word(Mode::Param { dq: in_dq, pattern: true }, start, line);
        self.param_stop = None;
        let mut pattern = pattern?;
        if lead_slash && !self.discarding {
            match pattern.parts.first_mut() {
                Some(WordPart::Literal(l)) => l.insert(0, b'/'),
                _ => pattern.parts.insert(0, WordPart::Literal(b"/".to_vec())),
            }
        }
        let replacement = if self.buf.get(self.pos.wrapping_sub(1)) == Some(&b'/') {
            // The replacement is expanded as if unquoted, whatever the quotes around the
            // `${...}`: `"${x/a/'b'}"` is `b`, `"${x/a/~}"` the home directory (bash).
            let start = self.pos;
            let line = self.line;
            Some(self.param_word(Mode::Param { dq: false, pattern: false }, start, line)?)
        } else {
            None
        };
        Ok(ParamOp::Replace { all, pattern, replacement })
    }

    /// After the `:` of `${x:off}` / `${x:off:len}`: offset and length, each an arithmetic
    /// expression.
    fn substring(&mut self) -> PResult<ParamOp> {
        let offset = self.sub_arith(true)?;
        let length = if self.buf.get(self.pos.wrapping_sub(1)) == Some(&b':') {
            Some(self.sub_arith(false)?)
        } else {
            None
        };
        Ok(ParamOp::Substring(Box::new(Substring { offset, length })))
    }

    /// One arithmetic part of `${x:off:len}`, read as in double quotes (bash: `'` is no
    /// quote there); `to_colon` when it may end at `:`.
    fn sub_arith(&mut self, to_colon: bool) -> PResult<SubArith> {
        let start = self.pos;
        let line = self.line;
        if to_colon {
            self.param_stop = Some((b':', start));
        }
        let word = self.param_word(Mode::Param { dq: true, pattern: false }, start, line);
        self.param_stop = None;
        let word = word?;
        let text = if self.discarding {
            Vec::new()
        } else {
            self.buf[start..self.pos.saturating_sub(1).max(start)].to_vec()
        };
        let expr = match word.parts.as_slice() {
            [] => Some(ArithExpr::Number(0)),
            [WordPart::Literal(t) | WordPart::Quoted(t)] => super::arith::parse(t).ok(),
            _ => None,
        };
        Ok(SubArith { text, word, expr })
    }

    fn param_word(&mut self, mode: Mode, start: usize, line: u32) -> PResult<Word> {
        let parts = self.lex_parts(mode)?;
        let end = self.pos.saturating_sub(1);
        Ok(Word {
            parts,
            span: Span {
                start: self.base + start as u32,
                end: self.base + end as u32,
                line,
            },
        })
    }

    /// Not a POSIX form: skip to the closing `}` and keep the text (dash accepts it too).
    fn invalid_param(&mut self, start: usize, in_dq: bool) -> PResult<ParamExp> {
        self.lex_parts(Mode::Param {
            dq: in_dq,
            pattern: true,
        })?;
        let text = self.buf[start..self.pos.saturating_sub(1).max(start)].to_vec();
        Ok(ParamExp {
            param: Param::Var(Vec::new()),
            op: ParamOp::Invalid(text),
        })
    }

    /// `$'...'` after the opening quote, escapes decoded (see [`super::ansi_c`]).
    fn dollar_single(&mut self) -> PResult<Vec<u8>> {
        // Find the closing quote first (reading more lines as needed), then decode the text.
        let start = self.pos;
        let opened = self.opened_here();
        loop {
            if let Some(end) = super::ansi_c::closing_quote(&self.buf[start..]) {
                let raw = &self.buf[start..start + end];
                let text = if self.check_only { Vec::new() } else { super::ansi_c::decode(raw) };
                while self.pos < start + end + 1 {
                    self.bump();
                }
                return Ok(text);
            }
            if self.raw_at(self.buf.len() - self.pos).is_none() {
                self.pos = self.buf.len();
                return Err(self.eof_looking_for('\'', Some(opened)));
            }
        }
    }

    /// At `$((`: an arithmetic expansion, or `None` when it is really `$( (...) ...)`.
    fn arith(&mut self) -> PResult<Option<Arith>> {
        // Find the `))` that closes it; a `)` at depth 0 not followed by `)` means a subshell.
        let mut k = 2;
        let mut depth = 0usize;
        let end = loop {
            match self.raw_at(k) {
                None => return Err(self.eof_looking_for(')', None)),
                Some(b'(') => depth += 1,
                Some(b')') => {
                    if depth == 0 {
                        // The second `)` may follow backslash-newlines.
                        let mut j = k + 1;
                        while self.raw_at(j) == Some(b'\\') && self.raw_at(j + 1) == Some(b'\n') {
                            j += 2;
                        }
                        if self.raw_at(j) == Some(b')') {
                            break k;
                        }
                        return Ok(None);
                    }
                    depth -= 1;
                }
                Some(_) => {}
            }
            k += 1;
        };
        let start_line = self.line;
        let text = self.buf[self.pos + 2..self.pos + end].to_vec();
        // Consume through `))`, counting lines.
        let stop = self.pos + end + 1;
        while self.pos < stop {
            self.bump();
        }
        self.peek();
        self.pos += 1;
        self.arith_text(text, start_line).map(Some)
    }

    /// The text between `$((` and `))` (or `((` and `))`, or a clause of `for ((...))`) as an
    /// arithmetic node: parsed now when it holds no expansions, else at run time.
    pub(crate) fn arith_text(&mut self, text: Vec<u8>, line: u32) -> PResult<Arith> {
        let plain = !text.iter().any(|&c| matches!(c, b'$' | b'`' | b'"' | b'\\'));
        if plain {
            if self.check_only {
                // Arithmetic is checked when it runs (as dash and bash do): nothing to do here.
                return Ok(Arith::Static { expr: ArithExpr::Number(0), text: Box::default() });
            }
            return Ok(static_or_dynamic(text));
        }
        self.enter()?;
        let mut none = NoSource;
        let mut sub = self.sub(&mut none, text, line);
        let parts = sub.lex_parts(Mode::Arith)?;
        self.reclaim(sub);
        self.leave();
        if self.check_only {
            return Ok(Arith::Static { expr: ArithExpr::Number(0), text: Box::default() });
        }
        // Everything in the text is quoted: double quotes only group, so drop them.
        let mut flat = Vec::with_capacity(parts.len());
        flatten(parts, &mut flat);
        if let [] | [WordPart::Quoted(_)] = flat.as_slice() {
            let text = match flat.pop() {
                Some(WordPart::Quoted(t)) => t,
                _ => Vec::new(),
            };
            return Ok(static_or_dynamic(text));
        }
        let template = super::arith::template(&flat);
        let word = Word { parts: vec![WordPart::DoubleQuoted(flat)], span: Span::default() };
        Ok(match template {
            Some((params, expr)) => Arith::Template { word, params, expr },
            None => Arith::Dynamic(word),
        })
    }

    /// After `$(`: the commands up to the matching `)`.
    pub(crate) fn command_sub(&mut self) -> PResult<List> {
        self.enter()?;
        let saved_pending = std::mem::take(&mut self.pending);
        let saved_ready = std::mem::take(&mut self.ready);
        let saved_peek = self.peeked.take();
        let (ts, te, tl) = (self.tok_start, self.tok_end, self.tok_line);
        let word_quoted = self.word_quoted;
        let mut list = self.compound_list(true)?;
        match self.take_tok()? {
            Tok::Op(Op::RParen) => {}
            Tok::Eof => return Err(self.eof_looking_for(')', None)),
            t => return Err(self.unexpected(&t)),
        }
        if !self.pending.is_empty() {
            return Err(self.error("syntax error: here-document not finished inside $(...)"));
        }
        self.fill_heredocs(&mut list);
        self.pending = saved_pending;
        self.ready = saved_ready;
        self.peeked = saved_peek;
        self.tok_start = ts;
        self.tok_end = te;
        self.tok_line = tl;
        self.word_quoted = word_quoted;
        self.leave();
        Ok(list)
    }

    /// After an opening backquote: the text up to the closing one with the backquote backslash
    /// rules applied, parsed as commands.
    pub(crate) fn backquote(&mut self, in_dq: bool) -> PResult<List> {
        let line = self.line;
        let opened = self.opened_here();
        let mut text = Vec::new();
        loop {
            let Some(c) = self.raw() else {
                return Err(self.eof_looking_for('`', Some(opened)));
            };
            self.bump();
            match c {
                b'`' => break,
                b'\\' => match self.raw() {
                    Some(n @ (b'$' | b'`' | b'\\')) => {
                        self.bump();
                        text.push(n);
                    }
                    Some(b'"') if in_dq => {
                        self.bump();
                        text.push(b'"');
                    }
                    Some(b'\n') => self.bump(),
                    _ => text.push(b'\\'),
                },
                _ => text.push(c),
            }
        }
        self.enter()?;
        let mut none = NoSource;
        let mut sub = self.sub(&mut none, text, line);
        let list = sub.program()?;
        self.reclaim(sub);
        self.leave();
        Ok(list)
    }
}

/// Text with nothing to expand: parsed now, or (a syntax error) kept to fail when it runs.
fn static_or_dynamic(text: Vec<u8>) -> Arith {
    match super::arith::parse(&text) {
        Ok(expr) => Arith::Static { expr, text: text.into() },
        Err(_) => Arith::Dynamic(Word { parts: vec![WordPart::Quoted(text)], span: Span::default() }),
    }
}

/// The parts of arithmetic text with double quotes taken away (all of it is quoted anyway).
fn flatten(parts: Vec<WordPart>, out: &mut Vec<WordPart>) {
    for p in parts {
        match p {
            WordPart::DoubleQuoted(inner) => flatten(inner, out),
            WordPart::Literal(t) => super::lexer::push_part(out, WordPart::Quoted(t)),
            p => super::lexer::push_part(out, p),
        }
    }
}
