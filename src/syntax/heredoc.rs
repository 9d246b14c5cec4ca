//! Here-documents: reading bodies after the newline that follows their operators, and attaching
//! them to their redirections.
//!
//! While a command is parsed, each `<<` leaves a placeholder in its `Redirect` and a [`Pending`]
//! entry. The newline token reads the bodies in order into `ready`; when the complete command
//! (or command substitution) is parsed, [`Core::fill_heredocs`] walks the tree in source order
//! and moves each body into its placeholder.

use super::lexer::PResult;
use super::ast::*;
use super::lexer::{Core, Mode, NoSource, Pending};

impl Core<'_> {
    /// Reads one physical line (with its newline, if any) from the input: its range in the
    /// buffer, `None` at the end.
    fn raw_line(&mut self) -> Option<(usize, usize)> {
        self.raw()?;
        let start = self.pos;
        loop {
            match super::find_newline(&self.buf[self.pos..]) {
                Some(i) => {
                    self.pos += i;
                    self.bump();
                    break;
                }
                None => {
                    self.pos = self.buf.len();
                    if self.raw().is_none() {
                        break;
                    }
                }
            }
        }
        Some((start, self.pos))
    }

    /// Reads the bodies of every pending here-document (called just after a newline token).
    pub(crate) fn read_heredocs(&mut self) -> PResult<()> {
        let pending = std::mem::take(&mut self.pending);
        for p in pending {
            let doc = self.read_heredoc(p)?;
            if !self.check_only {
                self.ready.push(doc);
            }
        }
        Ok(())
    }

    fn read_heredoc(&mut self, p: Pending) -> PResult<HereDoc> {
        let body_line = self.line;
        // Only checking syntax: a quoted body is never looked at.
        let keep = !(self.check_only && p.quoted);
        let mut body = Vec::new();
        let mut joined = Vec::new();
        let mut delimited = false;
        while let Some((start, end)) = self.raw_line() {
            let mut line = &self.buf[start..end];
            if !p.quoted && ends_with_continuation(line) {
                // A backslash-newline joins lines before the delimiter is looked for.
                joined.clear();
                joined.extend_from_slice(line);
                while ends_with_continuation(&joined) {
                    joined.truncate(joined.len() - 2);
                    match self.raw_line() {
                        Some((s, e)) => joined.extend_from_slice(&self.buf[s..e]),
                        None => break,
                    }
                }
                line = &joined;
            }
            let text: &[u8] = if p.strip {
                let n = line.iter().take_while(|&&c| c == b'\t').count();
                &line[n..]
            } else {
                line
            };
            let content = text.strip_suffix(b"\n").unwrap_or(text);
            if content == p.delimiter.as_slice() {
                delimited = true;
                break;
            }
            if keep {
                body.extend_from_slice(text);
            }
        }
        if !delimited {
            self.heredoc_at_eof = Some((p.line, p.delimiter.clone()));
        }
        let plain = p.quoted || !body.iter().any(|&c| c == b'$' || c == b'`' || c == b'\\');
        let word = if plain && self.check_only {
            Word::default()
        } else if plain {
            Word {
                parts: if body.is_empty() {
                    Vec::new()
                } else {
                    vec![WordPart::Literal(body)]
                },
                span: Span::default(),
            }
        } else {
            let mut none = NoSource;
            let mut sub = self.sub(&mut none, body, body_line);
            let parts = sub.lex_parts(Mode::HereDoc)?;
            self.reclaim(sub);
            Word {
                parts,
                span: Span::default(),
            }
        };
        Ok(HereDoc {
            delimiter: p.delimiter,
            quoted: p.quoted,
            body: word,
        })
    }

    /// Moves the bodies read so far into the placeholders of `list`, in source order.
    pub(crate) fn fill_heredocs(&mut self, list: &mut List) {
        if self.ready.is_empty() {
            return;
        }
        let mut ready = std::mem::take(&mut self.ready).into_iter();
        fill_list(list, &mut ready);
    }
}

fn ends_with_continuation(line: &[u8]) -> bool {
    let Some(rest) = line.strip_suffix(b"\n") else {
        return false;
    };
    let n = rest.iter().rev().take_while(|&&c| c == b'\\').count();
    n % 2 == 1
}

type Bodies = std::vec::IntoIter<HereDoc>;

fn fill_list(list: &mut List, ready: &mut Bodies) {
    for item in &mut list.items {
        fill_pipeline(&mut item.and_or.first, ready);
        for (_, p) in &mut item.and_or.rest {
            fill_pipeline(p, ready);
        }
    }
}

fn fill_pipeline(p: &mut Pipeline, ready: &mut Bodies) {
    for cmd in &mut p.commands {
        match cmd {
            Command::Simple(s) => fill_redirects(&mut s.redirects, ready),
            Command::Compound(c, r) => {
                fill_compound(c, ready);
                fill_redirects(r, ready);
            }
            Command::FunctionDef(f) => {
                if let Some(f) = std::rc::Rc::get_mut(f) {
                    fill_compound(&mut f.body, ready);
                    fill_redirects(&mut f.redirects, ready);
                }
            }
        }
    }
}

fn fill_compound(c: &mut CompoundCommand, ready: &mut Bodies) {
    match c {
        CompoundCommand::BraceGroup(l) | CompoundCommand::Subshell(l) => fill_list(l, ready),
        CompoundCommand::For { body, .. }
        | CompoundCommand::ArithFor { body, .. }
        | CompoundCommand::Select { body, .. } => fill_list(body, ready),
        CompoundCommand::Arith { .. } => {}
        CompoundCommand::Case { arms, .. } => {
            for arm in arms {
                fill_list(&mut arm.body, ready);
            }
        }
        CompoundCommand::If {
            branches,
            else_body,
            ..
        } => {
            for (c, b) in branches {
                fill_list(c, ready);
                fill_list(b, ready);
            }
            if let Some(e) = else_body {
                fill_list(e, ready);
            }
        }
        CompoundCommand::While { cond, body, .. } | CompoundCommand::Until { cond, body, .. } => {
            fill_list(cond, ready);
            fill_list(body, ready);
        }
        CompoundCommand::DoubleBracket(..) => {}
    }
}

fn fill_redirects(redirects: &mut [Redirect], ready: &mut Bodies) {
    for r in redirects {
        if let RedirTarget::HereDoc(doc) = &mut r.target {
            if let Some(body) = ready.next() {
                *doc = body;
            }
        }
    }
}

/// The delimiter of `<<word`: the word's text after quote removal, and whether any of it was
/// quoted.
pub(crate) fn delimiter(raw: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(raw.len());
    let mut quoted = false;
    let mut i = 0;
    let mut dq = false;
    while i < raw.len() {
        let c = raw[i];
        match c {
            b'\\' if raw.get(i + 1) == Some(&b'\n') => i += 1,
            b'\\' if !dq || matches!(raw.get(i + 1), Some(b'$' | b'`' | b'"' | b'\\')) => {
                quoted = true;
                if let Some(&n) = raw.get(i + 1) {
                    out.push(n);
                }
                i += 1;
            }
            // `$'...'` and `$"..."` quote in a delimiter too, as in bash.
            b'$' if !dq && raw.get(i + 1) == Some(&b'\'') => {
                quoted = true;
                let body = &raw[i + 2..];
                let end = super::ansi_c::closing_quote(body).unwrap_or(body.len());
                out.extend_from_slice(&super::ansi_c::decode(&body[..end]));
                i += 2 + end;
            }
            b'$' if !dq && raw.get(i + 1) == Some(&b'"') => {}
            b'"' => {
                quoted = true;
                dq = !dq;
            }
            b'\'' if !dq => {
                quoted = true;
                i += 1;
                while i < raw.len() && raw[i] != b'\'' {
                    out.push(raw[i]);
                    i += 1;
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    (out, quoted)
}
