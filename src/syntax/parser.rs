//! The recursive-descent parser for the grammar of XCU 2.10, on top of the lexer's tokens.
//!
//! Reserved words are recognised only where the grammar expects a command (or `in`/`do`/`esac`
//! where those belong); aliases are substituted there too (see `alias.rs`).

use std::rc::Rc;

use super::ParseError;
use super::lexer::PResult;
use super::ast::*;
use super::heredoc::delimiter;
use super::array::{self, split_assign};
use super::lexer::{Core, Lit, Op, Pending, Tok, remove_continuations};

/// Words that end a compound list (and so cannot start a command).
fn is_closer(s: &[u8]) -> bool {
    matches!(
        s,
        b"then" | b"else" | b"elif" | b"fi" | b"do" | b"done" | b"esac" | b"}" | b"]]"
    )
}

/// The text of a word that is one unquoted literal (an alias or assignment candidate).
pub(crate) fn plain(w: &Word) -> Option<&[u8]> {
    match w.parts.as_slice() {
        [WordPart::Literal(s)] => Some(s),
        _ => None,
    }
}

/// The token is the unquoted word `word` (a reserved word, `time` or `-p`).
fn tok_is(t: &Tok, word: &[u8]) -> bool {
    matches!(t, Tok::Word(_, Lit::Reserved(r)) if *r == word)
}

/// The token can start a command in a list (a closing reserved word cannot).
fn starts_command(t: &Tok) -> bool {
    match t {
        Tok::Word(_, lit) => !lit.reserved().is_some_and(is_closer),
        Tok::IoNumber(_) | Tok::IoName(_) | Tok::Op(Op::LParen | Op::Redir(_)) => true,
        _ => false,
    }
}

/// Adds `2>&1` after the redirections of `cmd` (for `|&`).
fn stderr_to_stdout(cmd: &mut Command) {
    let dup = Redirect {
        fd: Some(2),
        var: None,
        op: RedirOp::DupOutput,
        target: RedirTarget::Word(Word { parts: vec![WordPart::Literal(b"1".to_vec())], span: Span::default() }),
        span: Span::default(),
    };
    match cmd {
        Command::Simple(c) => c.redirects.push(dup),
        Command::Compound(_, redirects) => redirects.push(dup),
        // A function definition writes nothing itself.
        Command::FunctionDef(_) => {}
    }
}

/// Turns tilde parts that only an assignment may have (after `=` or `:`) back into text.
fn untilde(mut w: Word) -> Word {
    if w.parts
        .iter()
        .skip(1)
        .any(|p| matches!(p, WordPart::Tilde(_)))
    {
        let parts = std::mem::take(&mut w.parts);
        for (i, p) in parts.into_iter().enumerate() {
            match p {
                WordPart::Tilde(user) if i > 0 => {
                    let mut t = b"~".to_vec();
                    t.extend(user.unwrap_or_default());
                    super::lexer::push_part(&mut w.parts, WordPart::Literal(t));
                }
                p => super::lexer::push_part(&mut w.parts, p),
            }
        }
    }
    w
}

impl Core<'_> {
    // ---- tokens ----------------------------------------------------------------------------

    #[inline]
    pub(crate) fn peek_tok(&mut self) -> PResult<&Tok> {
        if self.peeked.is_none() {
            self.lex_peeked()?;
        }
        Ok(self.peeked.as_ref().unwrap_or(&Tok::Eof))
    }

    /// Lexes the next token into `peeked` (kept out of line: `peek_tok` is everywhere).
    #[inline(never)]
    fn lex_peeked(&mut self) -> PResult<()> {
        let t = self.next_tok()?;
        self.peeked = Some(t);
        Ok(())
    }

    pub(crate) fn take_tok(&mut self) -> PResult<Tok> {
        let t = match self.peeked.take() {
            Some(t) => t,
            None => self.next_tok()?,
        };
        self.last_end = self.tok_end;
        Ok(t)
    }

    /// Takes a token nobody looks at (a reserved word, an operator).
    pub(crate) fn skip_tok(&mut self) -> PResult<()> {
        self.take_tok()?;
        Ok(())
    }

    /// The error for an unexpected token `t` (just peeked or taken).
    #[cold]
    #[inline(never)]
    pub(crate) fn unexpected(&self, t: &Tok) -> Box<ParseError> {
        let text = match t {
            Tok::Eof => {
                let mut e =
                    self.error_at("syntax error: unexpected end of file", self.line, self.pos);
                e.incomplete = true;
                return e;
            }
            Tok::Newline => "newline".to_string(),
            Tok::Op(op) => op.text().to_string(),
            Tok::Word(..) | Tok::IoNumber(_) | Tok::IoName(_) => {
                let end = self.tok_end.min(self.buf.len());
                let start = self.tok_start.min(end);
                // The token as the parser saw it: without backslash-newlines.
                String::from_utf8_lossy(&remove_continuations(&self.buf[start..end])).into_owned()
            }
        };
        self.error_at(
            format!("syntax error near unexpected token '{text}'"),
            self.tok_line,
            self.tok_start,
        )
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn peek_unexpected(&mut self) -> Box<ParseError> {
        match self.peek_tok() {
            Ok(t) => {
                let t = t.clone();
                self.unexpected(&t)
            }
            Err(e) => e,
        }
    }

    /// Takes a token that was just peeked as a word.
    fn take_word(&mut self) -> PResult<Word> {
        match self.take_tok()? {
            Tok::Word(w, _) => Ok(w),
            t => Err(self.unexpected(&t)),
        }
    }

    fn skip_newlines(&mut self) -> PResult<()> {
        while matches!(self.peek_tok()?, Tok::Newline) {
            self.skip_tok()?;
        }
        Ok(())
    }

    /// Takes the reserved word `word` or fails.
    fn expect_word(&mut self, word: &[u8]) -> PResult<()> {
        if tok_is(self.peek_tok()?, word) {
            self.skip_tok()?;
            Ok(())
        } else {
            Err(self.peek_unexpected())
        }
    }

    fn expect_op(&mut self, op: Op) -> PResult<()> {
        if matches!(self.peek_tok()?, Tok::Op(o) if *o == op) {
            self.skip_tok()?;
            Ok(())
        } else {
            Err(self.peek_unexpected())
        }
    }

    // ---- lists -----------------------------------------------------------------------------

    /// Adds an item to a list; when only checking syntax the and-or list is dropped at once.
    fn keep(&mut self, list: &mut List, and_or: AndOr, is_async: bool, start: usize, line: u32) {
        if !self.check_only {
            let span = self.span(start, line);
            list.items.push(ListItem { and_or, is_async, span });
        }
    }

    /// The next complete command at top level: `Ok(None)` at end of input.
    pub(crate) fn complete_command(&mut self) -> PResult<Option<List>> {
        loop {
            match self.peek_command_tok()? {
                Tok::Newline => {
                    self.skip_tok()?;
                    self.in_command = false;
                }
                Tok::Eof => return Ok(None),
                _ => break,
            }
        }
        let mut list = List::default();
        loop {
            let start = self.tok_start;
            let line = self.tok_line;
            let and_or = self.and_or()?;
            let is_async = match self.peek_tok()? {
                Tok::Op(Op::Semi) => {
                    self.skip_tok()?;
                    false
                }
                Tok::Op(Op::Amp) => {
                    self.skip_tok()?;
                    true
                }
                Tok::Newline | Tok::Eof => false,
                _ => return Err(self.peek_unexpected()),
            };
            self.keep(&mut list, and_or, is_async, start, line);
            match self.peek_command_tok()? {
                Tok::Newline => {
                    self.skip_tok()?;
                    break;
                }
                Tok::Eof => break,
                _ => {}
            }
        }
        self.finish_heredocs(&mut list)?;
        Ok(Some(list))
    }

    /// Here-documents whose body never came (input ended right after the operator).
    fn finish_heredocs(&mut self, list: &mut List) -> PResult<()> {
        if !self.pending.is_empty() {
            self.read_heredocs()?;
        }
        self.fill_heredocs(list);
        Ok(())
    }

    /// Every command up to the end of the input (backquote bodies).
    pub(crate) fn program(&mut self) -> PResult<List> {
        let mut list = List::default();
        while let Some(cmd) = self.complete_command()? {
            list.items.extend(cmd.items);
        }
        Ok(list)
    }

    /// A `compound_list`: and-or lists separated by `;`, `&` or newlines, up to a token that
    /// cannot start a command. Empty only when `allow_empty`.
    pub(crate) fn compound_list(&mut self, allow_empty: bool) -> PResult<List> {
        let mut list = List::default();
        let mut parsed = 0;
        loop {
            // An alias here may stand for a reserved word that ends the list.
            self.skip_command_newlines()?;
            if !starts_command(self.peek_tok()?) {
                break;
            }
            let start = self.tok_start;
            let line = self.tok_line;
            let and_or = self.and_or()?;
            let (is_async, more) = match self.peek_tok()? {
                Tok::Op(Op::Semi) => (false, true),
                Tok::Op(Op::Amp) => (true, true),
                Tok::Newline => (false, true),
                _ => (false, false),
            };
            if more {
                self.skip_tok()?;
            }
            self.keep(&mut list, and_or, is_async, start, line);
            parsed += 1;
            if !more {
                break;
            }
        }
        if parsed == 0 && !allow_empty {
            return Err(self.peek_unexpected());
        }
        Ok(list)
    }

    fn and_or(&mut self) -> PResult<AndOr> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let op = match self.peek_tok()? {
                Tok::Op(Op::AndIf) => AndOrOp::And,
                Tok::Op(Op::OrIf) => AndOrOp::Or,
                _ => break,
            };
            self.skip_tok()?;
            self.skip_command_newlines()?;
            let p = self.pipeline()?;
            if !self.check_only {
                rest.push((op, p));
            }
        }
        Ok(AndOr { first, rest })
    }

    fn pipeline(&mut self) -> PResult<Pipeline> {
        let start = self.tok_start;
        let line = self.tok_line;
        let mut negated = false;
        let mut timed = Timed::No;
        let mut first_word = None;
        // `time` (only when a command follows) and `!`, before any alias expansion.
        while self.try_alias(true)? {}
        if tok_is(self.peek_tok()?, b"time") {
            let w = self.take_word()?;
            let (ts, te, tl) = (self.tok_start, self.tok_end, self.tok_line);
            if starts_command(self.peek_tok()?) {
                timed = Timed::Yes;
                if tok_is(self.peek_tok()?, b"-p") {
                    self.skip_tok()?;
                    timed = Timed::Posix;
                }
            } else {
                first_word = Some((w, ts, te, tl));
            }
        }
        if first_word.is_none() && tok_is(self.peek_tok()?, b"!") {
            self.skip_tok()?;
            negated = true;
        }
        // When only checking syntax each command is freed at once: no vector per pipeline.
        let mut commands = Vec::new();
        let first = self.command(first_word)?;
        if !self.check_only {
            commands.push(first);
        }
        while let Tok::Op(pipe @ (Op::Pipe | Op::PipeAmp)) = *self.peek_tok()? {
            self.skip_tok()?;
            // `|&` is `2>&1 |`, after the command's own redirections.
            if pipe == Op::PipeAmp {
                if let Some(last) = commands.last_mut() {
                    stderr_to_stdout(last);
                }
            }
            self.skip_command_newlines()?;
            let cmd = self.command(None)?;
            if !self.check_only {
                commands.push(cmd);
            }
        }
        Ok(Pipeline {
            negated,
            timed,
            commands,
            span: self.span(start, line),
        })
    }

    // ---- commands --------------------------------------------------------------------------

    /// One command. `first` is a word already taken (`time` that turned out to be a command).
    fn command(&mut self, first: Option<(Word, usize, usize, u32)>) -> PResult<Command> {
        if let Some((w, start, _, line)) = first {
            return self.simple(Some(w), start, line);
        }
        loop {
            let start = self.tok_start;
            let line = self.tok_line;
            let reserved = match self.peek_tok()? {
                Tok::Word(_, lit) => lit.reserved(),
                Tok::Op(Op::LParen) => Some(&b"("[..]),
                Tok::IoNumber(_) | Tok::IoName(_) | Tok::Op(Op::Redir(_)) => {
                    return self.simple(None, start, line);
                }
                _ => return Err(self.peek_unexpected()),
            };
            if let Some(r) = reserved {
                if r == b"function" {
                    return self.function_keyword(start, line);
                }
                if let Some(c) = self.compound(r)? {
                    let redirects = self.redirects()?;
                    return Ok(Command::Compound(c, redirects));
                }
                if is_closer(r) || r == b"!" || r == b"in" {
                    return Err(self.peek_unexpected());
                }
            }
            if self.try_alias(true)? {
                continue;
            }
            // The command word uses up the candidacy of the next word.
            if !self.aliases.is_empty() {
                self.alias_candidate();
            }
            let (w, lit) = match self.take_tok()? {
                Tok::Word(w, lit) => (w, lit),
                t => return Err(self.unexpected(&t)),
            };
            let w = self.regroup_subscript(w, false)?;
            let compound = self.compound_follows();
            if compound {
                // `a=(...)`: the `(` is still unlexed.
                return self.simple(Some(w), start, line);
            }
            let raw = self.last_word_raw();
            let first = if is_assignment_word(raw) {
                FirstWord::Assignment
            } else if array::is_declaration_utility(raw) {
                FirstWord::Declares
            } else {
                FirstWord::Command
            };
            if matches!(self.peek_tok()?, Tok::Op(Op::LParen)) {
                return self.function_def(w, lit, start, line);
            }
            return self.simple_after(w, start, line, first);
        }
    }

    /// A compound command starting with the reserved word `r` (peeked), or `None`.
    pub(crate) fn compound(&mut self, r: &[u8]) -> PResult<Option<CompoundCommand>> {
        let line = self.tok_line;
        let start = self.tok_start;
        if r == b"(" {
            if let Some(c) = self.arith_command(start, line)? {
                return Ok(Some(c));
            }
        }
        let c = match r {
            b"{" | b"(" | b"if" | b"while" | b"until" | b"for" | b"case" | b"select" | b"[[" => {
                self.skip_tok()?;
                self.enter()?;
                let c = match r {
                    b"{" => {
                        let body = self.compound_list(false)?;
                        self.expect_word(b"}")?;
                        CompoundCommand::BraceGroup(body)
                    }
                    b"(" => {
                        let body = self.compound_list(false)?;
                        self.expect_op(Op::RParen)?;
                        CompoundCommand::Subshell(body)
                    }
                    b"if" => self.if_clause(start, line)?,
                    b"while" | b"until" => {
                        let cond = self.compound_list(false)?;
                        let body = self.do_group()?;
                        let span = self.span(start, line);
                        if r == b"while" {
                            CompoundCommand::While { cond, body, span }
                        } else {
                            CompoundCommand::Until { cond, body, span }
                        }
                    }
                    b"for" => self.for_clause(start, line)?,
                    b"select" => self.select_clause(start, line)?,
                    b"[[" => self.double_bracket(start, line)?,
                    _ => self.case_clause(start, line)?,
                };
                self.leave();
                c
            }
            _ => return Ok(None),
        };
        Ok(Some(c))
    }

    fn do_group(&mut self) -> PResult<List> {
        self.expect_word(b"do")?;
        let body = self.compound_list(false)?;
        self.expect_word(b"done")?;
        Ok(body)
    }

    fn if_clause(&mut self, start: usize, line: u32) -> PResult<CompoundCommand> {
        let mut branches = Vec::new();
        let mut else_body = None;
        loop {
            let cond = self.compound_list(false)?;
            self.expect_word(b"then")?;
            let body = self.compound_list(false)?;
            if !self.check_only {
                branches.push((cond, body));
            }
            let t = self.take_tok()?;
            if tok_is(&t, b"elif") {
                continue;
            } else if tok_is(&t, b"else") {
                else_body = Some(self.compound_list(false)?);
                self.expect_word(b"fi")?;
            } else if !tok_is(&t, b"fi") {
                return Err(self.unexpected(&t));
            }
            break;
        }
        Ok(CompoundCommand::If {
            branches,
            else_body,
            span: self.span(start, line),
        })
    }

    fn for_clause(&mut self, start: usize, line: u32) -> PResult<CompoundCommand> {
        if matches!(self.peek_tok()?, Tok::Op(Op::LParen)) && self.raw_at(0) == Some(b'(') {
            return self.arith_for(start, line);
        }
        let var = match self.take_tok()? {
            // A name is one literal part (no parts at all when only checking syntax).
            Tok::Word(w, lit) if lit.is_name() => plain(&w).map(<[u8]>::to_vec).unwrap_or_default(),
            Tok::Word(..) => {
                return Err(self.error_at(
                    "syntax error: bad for loop variable",
                    self.tok_line,
                    self.tok_start,
                ));
            }
            t => return Err(self.unexpected(&t)),
        };
        // `in` and `do` may come from aliases (as in dash).
        self.skip_command_newlines()?;
        let mut words = None;
        if tok_is(self.peek_tok()?, b"in") {
            self.skip_tok()?;
            let mut list = Vec::new();
            loop {
                match self.take_tok()? {
                    Tok::Word(w, _) if !self.check_only => list.push(untilde(w)),
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
        let body = self.do_group()?;
        Ok(CompoundCommand::For {
            var,
            words,
            body,
            span: self.span(start, line),
        })
    }

    fn case_clause(&mut self, start: usize, line: u32) -> PResult<CompoundCommand> {
        let word = match self.take_tok()? {
            Tok::Word(w, _) => untilde(w),
            t => return Err(self.unexpected(&t)),
        };
        self.skip_newlines()?;
        self.expect_word(b"in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_newlines()?;
            if tok_is(self.peek_tok()?, b"esac") {
                self.skip_tok()?;
                break;
            }
            if matches!(self.peek_tok()?, Tok::Op(Op::LParen)) {
                self.skip_tok()?;
            }
            let mut patterns = Vec::new();
            loop {
                match self.take_tok()? {
                    Tok::Word(w, _) if !self.check_only => patterns.push(untilde(w)),
                    Tok::Word(..) => {}
                    t => return Err(self.unexpected(&t)),
                }
                match self.take_tok()? {
                    Tok::Op(Op::Pipe) => continue,
                    Tok::Op(Op::RParen) => break,
                    t => return Err(self.unexpected(&t)),
                }
            }
            let body = self.compound_list(true)?;
            let terminator = match self.peek_tok()? {
                Tok::Op(Op::DSemi) => CaseTerminator::Break,
                Tok::Op(Op::SemiAnd) => CaseTerminator::FallThrough,
                Tok::Op(Op::DSemiAnd) => CaseTerminator::TestNext,
                t if tok_is(t, b"esac") => CaseTerminator::Break,
                _ => return Err(self.peek_unexpected()),
            };
            if !tok_is(self.peek_tok()?, b"esac") {
                self.skip_tok()?;
            }
            if !self.check_only {
                arms.push(CaseArm {
                    patterns,
                    body,
                    terminator,
                });
            }
        }
        Ok(CompoundCommand::Case {
            word,
            arms,
            span: self.span(start, line),
        })
    }

    fn function_def(
        &mut self,
        name: Word,
        lit: Lit,
        start: usize,
        line: u32,
    ) -> PResult<Command> {
        let name = self.function_name(&name, lit, start, line)?;
        self.expect_op(Op::LParen)?;
        self.expect_op(Op::RParen)?;
        self.skip_command_newlines()?;
        let r = match self.peek_tok()? {
            Tok::Word(_, lit) => lit.reserved(),
            Tok::Op(Op::LParen) => Some(&b"("[..]),
            _ => None,
        };
        let body = match r {
            Some(r) => self.compound(r)?,
            None => None,
        };
        let body = match body {
            Some(b) => b,
            None => {
                // dash accepts a simple command as a function body.
                let s = self.tok_start;
                let l = self.tok_line;
                let cmd = self.command(None)?;
                if self.check_only {
                    return self.function_end();
                }
                let item = ListItem {
                    and_or: AndOr {
                        first: Pipeline {
                            negated: false,
                            timed: Timed::No,
                            commands: vec![cmd],
                            span: self.span(s, l),
                        },
                        rest: Vec::new(),
                    },
                    is_async: false,
                    span: self.span(s, l),
                };
                CompoundCommand::BraceGroup(List { items: vec![item] })
            }
        };
        if self.check_only {
            return self.function_end();
        }
        let redirects = self.redirects()?;
        Ok(Command::FunctionDef(Rc::new(FunctionDef {
            name,
            body,
            redirects,
            span: self.span(start, line),
        })))
    }

    /// Check-only mode: the redirections after a function body, and a stand-in for the
    /// definition (the tree is thrown away).
    fn function_end(&mut self) -> PResult<Command> {
        self.redirects()?;
        Ok(Command::Simple(SimpleCommand::default()))
    }

    /// Redirections after a compound command.
    pub(crate) fn redirects(&mut self) -> PResult<Vec<Redirect>> {
        let mut v = Vec::new();
        while matches!(self.peek_tok()?, Tok::IoNumber(_) | Tok::IoName(_) | Tok::Op(Op::Redir(_))) {
            let r = self.redirect()?;
            if !self.check_only {
                v.push(r);
            }
        }
        Ok(v)
    }

    fn redirect(&mut self) -> PResult<Redirect> {
        let start = self.tok_start;
        let line = self.tok_line;
        let mut fd = None;
        let mut var = None;
        let mut t = self.take_tok()?;
        if let Tok::IoNumber(n) = t {
            fd = Some(n);
            t = self.take_tok()?;
        } else if let Tok::IoName(name) = t {
            var = Some(name);
            t = self.take_tok()?;
        }
        let Tok::Op(Op::Redir(op)) = t else {
            return Err(self.unexpected(&t));
        };
        let word = match self.take_tok()? {
            Tok::Word(w, _) => w,
            t => return Err(self.unexpected(&t)),
        };
        let target = if matches!(op, RedirOp::HereDoc | RedirOp::HereDocStrip) {
            let raw = self.buf[self.tok_start.min(self.tok_end)..self.tok_end].to_vec();
            let (delim, quoted) = delimiter(&raw);
            self.pending.push(Pending {
                delimiter: delim.clone(),
                line: self.line,
                quoted,
                strip: op == RedirOp::HereDocStrip,
            });
            RedirTarget::HereDoc(HereDoc {
                delimiter: delim,
                quoted,
                body: Word::default(),
            })
        } else {
            RedirTarget::Word(untilde(word))
        };
        Ok(Redirect {
            fd,
            var,
            op,
            target,
            span: self.span(start, line),
        })
    }

    /// A simple command; `first` is its first word when already taken (and nothing peeked
    /// after it).
    fn simple(&mut self, first: Option<Word>, start: usize, line: u32) -> PResult<Command> {
        let mut b = SimpleBuilder::new();
        if let Some(w) = first {
            self.simple_word(&mut b, w)?;
        }
        self.simple_rest(b, start, line)
    }

    /// A simple command whose first word, of kind `kind`, was taken and a token peeked after.
    fn simple_after(&mut self, w: Word, start: usize, line: u32, kind: FirstWord) -> PResult<Command> {
        let mut b = SimpleBuilder::new();
        b.add_word(w, self.check_only);
        b.command_word_seen = kind != FirstWord::Assignment;
        b.declares = kind == FirstWord::Declares;
        self.simple_rest(b, start, line)
    }

    fn simple_rest(&mut self, mut b: SimpleBuilder, start: usize, line: u32) -> PResult<Command> {
        loop {
            match self.peek_tok()? {
                Tok::IoNumber(_) | Tok::IoName(_) | Tok::Op(Op::Redir(_)) => {
                    self.alias_next = false;
                    let r = self.redirect()?;
                    b.any = true;
                    if !self.check_only {
                        b.cmd.redirects.push(r);
                    }
                }
                Tok::Word(..) => {
                    if !self.aliases.is_empty() && self.simple_word_alias(b.words == 0)? {
                        continue;
                    }
                    let w = self.take_word()?;
                    let w = if b.command_word_seen { w } else { self.regroup_subscript(w, false)? };
                    self.simple_word(&mut b, w)?;
                }
                _ => break,
            }
        }
        if !b.any {
            return Err(self.peek_unexpected());
        }
        b.cmd.span = self.span(start, line);
        Ok(Command::Simple(b.cmd))
    }

    /// Adds the word just taken to a simple command; a compound array assignment
    /// (`a=(...)`) in assignment position or as a declaration utility's argument takes its
    /// `(...)` too.
    fn simple_word(&mut self, b: &mut SimpleBuilder, w: Word) -> PResult<()> {
        if self.compound_follows() && (!b.command_word_seen || b.declares) {
            let prefix = self.last_word_raw().to_vec();
            let span = w.span;
            let (items, raw) = self.compound_value()?;
            b.any = true;
            if b.command_word_seen {
                b.words += 1;
                if !self.check_only {
                    b.cmd.words.push(array::compound_argument(prefix, raw, span));
                }
            } else if !self.check_only
                && let Ok(mut a) = split_assign(w)
            {
                a.value = AssignValue::Array(items);
                a.span = self.span(span.start.saturating_sub(self.base) as usize, span.line);
                b.cmd.assigns.push(a);
            }
            return Ok(());
        }
        if !b.command_word_seen && self.peeked.is_none() {
            let raw = self.last_word_raw();
            if !is_assignment_word(raw) {
                let declares = array::is_declaration_utility(raw);
                b.command_word_seen = true;
                b.declares = declares;
            }
        }
        b.add_word(w, self.check_only);
        Ok(())
    }
}

/// The raw text of a word starts like an assignment (`name=`, `name+=`, `name[`...`]=`).
fn is_assignment_word(raw: &[u8]) -> bool {
    let n = raw.iter().take_while(|&&c| c.is_ascii_alphanumeric() || c == b'_').count();
    if n == 0 || raw[0].is_ascii_digit() {
        return false;
    }
    matches!(raw.get(n), Some(b'=' | b'[')) || raw[n..].starts_with(b"+=")
}

/// What the first word of a simple command is, found from its text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FirstWord {
    Assignment,
    /// The name of a declaration utility.
    Declares,
    Command,
}

impl SimpleBuilder {
    fn new() -> Self {
        SimpleBuilder {
            cmd: SimpleCommand::default(),
            words: 0,
            any: false,
            declaration: false,
            declares: false,
            command_word_seen: false,
        }
    }
}

/// A simple command being built.
struct SimpleBuilder {
    /// A command word has come: later words are no assignments (counted from the source
    /// text, also when only checking syntax).
    command_word_seen: bool,
    cmd: SimpleCommand,
    /// Command words so far (assignments before the first do not count).
    words: usize,
    /// Any word or redirection at all.
    any: bool,
    /// The command is `export` or `readonly`: its arguments keep tildes after `=` and `:`.
    declaration: bool,
    /// The command is a declaration utility: its `name=(...)` arguments are compound
    /// assignments.
    declares: bool,
}

impl SimpleBuilder {
    /// Adds a word: an assignment while no command word has come, else a command word. When
    /// only checking syntax the word is dropped (nothing looks at its parts).
    fn add_word(&mut self, w: Word, check_only: bool) {
        self.any = true;
        if check_only {
            self.words += 1;
        } else if self.words == 0 {
            match split_assign(w) {
                Ok(a) => self.cmd.assigns.push(a),
                Err(w) => {
                    self.words += 1;
                    self.declaration = matches!(plain(&w), Some(b"export" | b"readonly"));
                    self.cmd.words.push(untilde(w));
                }
            }
        } else {
            self.words += 1;
            if self.declaration {
                self.cmd.words.push(w);
            } else {
                self.cmd.words.push(untilde(w));
            }
        }
    }
}
