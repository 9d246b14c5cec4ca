//! The front end: lexer, parser and here-documents, producing the typed AST of [`ast`].
//!
//! The parser reads **one complete command at a time** from a [`LineSource`], so the shell runs
//! line 1 of a script (which may define an alias) before it parses line 2.

mod alias;
pub mod ansi_c;
pub(crate) mod array;
pub mod arith;
pub mod ast;
mod cond;
mod expansion;
mod heredoc;
mod lexer;
mod parse_bash;
mod parser;
pub mod print;
mod token;

use std::collections::HashMap;

/// Where the parser gets its input, a line at a time.
pub trait LineSource {
    /// The next line including its trailing newline (the last line may lack one), or `None` at
    /// end of input. `continuation` is true when the parser needs more input to finish a command
    /// (an interactive source then shows PS2 instead of PS1).
    fn next_line(&mut self, continuation: bool) -> Option<Vec<u8>>;

    /// Appends the next line to `buf` (or more whole lines, when they are at hand anyway); false
    /// at end of input. Sources that can avoid the intermediate `Vec` override this (the parser
    /// only calls this one).
    fn append_line(&mut self, buf: &mut Vec<u8>, continuation: bool) -> bool {
        match self.next_line(continuation) {
            Some(line) => {
                buf.extend_from_slice(&line);
                true
            }
            None => false,
        }
    }

    /// True when the source has nothing left to give (only sources that know say so).
    fn is_exhausted(&self) -> bool {
        false
    }
}

impl<S: LineSource + ?Sized> LineSource for &mut S {
    fn next_line(&mut self, continuation: bool) -> Option<Vec<u8>> {
        (**self).next_line(continuation)
    }

    fn append_line(&mut self, buf: &mut Vec<u8>, continuation: bool) -> bool {
        (**self).append_line(buf, continuation)
    }

    fn is_exhausted(&self) -> bool {
        (**self).is_exhausted()
    }
}

/// A whole buffer (script file, `-c` string, `eval` argument) as a line source.
pub struct SliceSource<'a> {
    rest: &'a [u8],
}

impl<'a> SliceSource<'a> {
    pub fn new(src: &'a [u8]) -> Self {
        SliceSource { rest: src }
    }
}

impl LineSource for SliceSource<'_> {
    fn next_line(&mut self, _continuation: bool) -> Option<Vec<u8>> {
        if self.rest.is_empty() {
            return None;
        }
        let end = self.rest.iter().position(|&c| c == b'\n').map_or(self.rest.len(), |i| i + 1);
        let (line, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(line.to_vec())
    }

    fn append_line(&mut self, buf: &mut Vec<u8>, _continuation: bool) -> bool {
        if self.rest.is_empty() {
            return false;
        }
        // Whole lines, a few KB at a time: the parser still parses one command per call, so
        // aliases work as before, but long scripts take few calls and copies.
        const CHUNK: usize = 4096;
        let end = if self.rest.len() <= CHUNK {
            self.rest.len()
        } else {
            match self.rest[..CHUNK].iter().rposition(|&c| c == b'\n') {
                Some(i) => i + 1,
                None => find_newline(&self.rest[CHUNK..]).map_or(self.rest.len(), |i| CHUNK + i + 1),
            }
        };
        let (line, rest) = self.rest.split_at(end);
        self.rest = rest;
        buf.extend_from_slice(line);
        true
    }

    fn is_exhausted(&self) -> bool {
        self.rest.is_empty()
    }
}

/// A file or pipe read a block at a time and handed to the parser whole lines at a time:
/// `-n` on a big script then needs neither the whole file in memory nor a copy of it.
pub struct ReadSource<R: std::io::Read> {
    reader: R,
    /// A block buffer reused for every read; `block[lo..hi]` is read but not handed out yet.
    block: Vec<u8>,
    lo: usize,
    hi: usize,
    done: bool,
    /// The error that ended reading early, if one did.
    pub error: Option<std::io::Error>,
}

impl<R: std::io::Read> ReadSource<R> {
    pub fn new(reader: R) -> Self {
        ReadSource { reader, block: Vec::new(), lo: 0, hi: 0, done: false, error: None }
    }

    /// Reads more bytes after `hi`, making room first; sets `done` at end of input.
    fn read_more(&mut self) {
        const BLOCK: usize = 8192;
        if self.hi == self.block.len() {
            // Keep the unfinished line, at the front; grow only for a line longer than that.
            self.block.copy_within(self.lo..self.hi, 0);
            self.hi -= self.lo;
            self.lo = 0;
            if self.hi + BLOCK / 2 > self.block.len() {
                self.block.resize(self.block.len().max(BLOCK / 2) * 2, 0);
            }
        }
        match self.reader.read(&mut self.block[self.hi..]) {
            Ok(0) => self.done = true,
            Ok(n) => self.hi += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                self.error = Some(e);
                self.done = true;
            }
        }
    }
}

impl<R: std::io::Read> LineSource for ReadSource<R> {
    fn next_line(&mut self, continuation: bool) -> Option<Vec<u8>> {
        let mut line = Vec::new();
        self.append_line(&mut line, continuation).then_some(line)
    }

    fn append_line(&mut self, buf: &mut Vec<u8>, _continuation: bool) -> bool {
        loop {
            let pending = &self.block[self.lo..self.hi];
            if let Some(i) = pending.iter().rposition(|&c| c == b'\n') {
                buf.extend_from_slice(&pending[..=i]);
                self.lo += i + 1;
                return true;
            }
            if self.done {
                if pending.is_empty() {
                    return false;
                }
                buf.extend_from_slice(pending);
                self.lo = self.hi;
                return true;
            }
            self.read_more();
        }
    }
}

/// The index of the first `\n` in `s`, eight bytes at a time (scripts are mostly long lines
/// of ordinary text and comments, and this is the parser's innermost loop).
pub fn find_newline(s: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const NL: u64 = LO * b'\n' as u64;
    let mut i = 0;
    while i + 8 <= s.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[i..i + 8]);
        let x = u64::from_le_bytes(w) ^ NL;
        // Some byte of x is zero exactly when this is non-zero (the classic has-zero-byte test).
        if (x.wrapping_sub(LO) & !x & HI) != 0 {
            break;
        }
        i += 8;
    }
    s[i..].iter().position(|&c| c == b'\n').map(|j| i + j)
}

/// A syntax error: where it is and what was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// e.g. `syntax error near unexpected token 'fi'`
    pub message: String,
    pub line: u32,
    pub column: u32,
    /// The input ended before the command was complete (an interactive shell may read more).
    pub incomplete: bool,
}

/// Parses commands one complete command at a time.
pub struct Parser<S: LineSource> {
    source: S,
    state: lexer::State,
    check_only: bool,
    extglob: bool,
    comments: bool,
}

impl<S: LineSource> Parser<S> {
    /// `first_line` is the line number of the first line the source yields (1 for a script).
    pub fn new(source: S, first_line: u32) -> Self {
        Parser {
            source,
            state: lexer::State { line: first_line, ..Default::default() },
            check_only: false,
            extglob: false,
            comments: true,
        }
    }

    /// Reads extended patterns (`@(a|b)`) as words from the next command on, as bash does
    /// while `shopt -s extglob` is on. The shell sets this before each command it reads.
    pub fn set_extglob(&mut self, on: bool) {
        self.extglob = on;
    }

    /// Whether `#` starts a comment (an interactive shell turns this off with bash's
    /// `shopt -u interactive_comments`).
    pub fn set_comments(&mut self, on: bool) {
        self.comments = on;
    }

    /// Only check the syntax (`-n`): `next_command` then returns empty lists, which is faster.
    pub fn set_check_only(&mut self, on: bool) {
        self.check_only = on;
    }

    /// Reads and parses the next complete command (a `complete_command` and its newline: one
    /// line's worth of and-or lists, more lines when a compound command or here-document
    /// continues). `Ok(None)` at end of input. Aliases are expanded with `aliases` as it is now.
    pub fn next_command(
        &mut self,
        aliases: &HashMap<Vec<u8>, Vec<u8>>,
    ) -> Result<Option<ast::List>, ParseError> {
        let mut st = std::mem::take(&mut self.state);
        // Drop what earlier commands consumed (now and then: the buffer may hold many lines).
        if st.pos > 0 && (st.pos == st.buf.len() || st.pos >= 4096) {
            st.buf.drain(..st.pos);
            alias::forget_read_text(&mut st.alias_stack, st.pos);
            st.base = st.base.wrapping_add(st.pos as u32);
            st.line_start = st.line_start.saturating_sub(st.pos);
            st.pos = 0;
        }
        let mut core = lexer::Core::new(&mut self.source, aliases, st);
        core.check_only = self.check_only;
        core.extglob = self.extglob;
        core.comments = self.comments;
        let result = core.complete_command();
        self.state = core.into_state();
        result.map_err(|e| *e)
    }

    /// After an error: drops the rest of the current line so parsing can resume (interactive).
    pub fn recover(&mut self) {
        let st = &mut self.state;
        let pos = st.pos.min(st.buf.len());
        match st.buf[pos..].iter().position(|&c| c == b'\n') {
            Some(i) => {
                st.pos = pos + i + 1;
                st.line += 1;
                st.line_start = st.pos;
            }
            None => st.pos = st.buf.len(),
        }
    }

    /// True when the input holds nothing but blanks after the command just parsed: it was the
    /// last one (so `-c` may exec it in place of the shell).
    pub fn at_end(&self) -> bool {
        let st = &self.state;
        st.buf[st.pos.min(st.buf.len())..].iter().all(|c| matches!(c, b' ' | b'\t' | b'\n'))
            && (st.eof || self.source.is_exhausted())
    }

    /// True when input already read is not parsed yet (the rest of a line).
    pub fn has_unparsed_input(&self) -> bool {
        self.state.pos < self.state.buf.len()
    }

    /// The here-document of the command just parsed that the end of input ended (line of its
    /// `<<`, delimiter), once.
    pub fn take_heredoc_at_eof(&mut self) -> Option<(u32, Vec<u8>)> {
        self.state.heredoc_at_eof.take()
    }

    /// The line number the parser has reached.
    pub fn line(&self) -> u32 {
        self.state.line
    }
}

/// Parses the items of a compound array assignment whose text between the parentheses is
/// `body` (a declaration utility's `name=(...)` argument, parsed once the utility knows the
/// attributes, as bash does).
pub fn parse_array_items(body: &[u8]) -> Result<Vec<ast::ArrayItem>, String> {
    let mut text = Vec::with_capacity(body.len() + 2);
    text.push(b'(');
    text.extend_from_slice(body);
    text.push(b')');
    let len = text.len();
    let mut src = lexer::NoSource;
    let aliases = HashMap::new();
    let st = lexer::State { buf: text, line: 1, eof: true, ..Default::default() };
    let mut core = lexer::Core::new(&mut src, &aliases, st);
    core.in_command = true;
    let (items, _) = core.compound_value().map_err(|e| e.message)?;
    if core.pos != len {
        return Err("syntax error: unexpected text after `)'".into());
    }
    Ok(items)
}

/// Parses a whole buffer with no aliases (tests, `-n`).
pub fn parse_program(src: &[u8]) -> Result<ast::List, ParseError> {
    let mut parser = Parser::new(SliceSource::new(src), 1);
    let aliases = HashMap::new();
    let mut list = ast::List::default();
    while let Some(cmd) = parser.next_command(&aliases)? {
        list.items.extend(cmd.items);
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    /// A reader that hands out a few bytes per read, as a pipe may.
    struct Trickle<'a>(&'a [u8], usize);

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.1 = self.1 % 7 + 1;
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn read_source_hands_out_whole_lines_of_any_length() {
        use super::LineSource;
        let mut text = b"echo a\n\nif true; then\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', 20_000));
        text.extend_from_slice(b"\nfi\nno newline at the end");
        for trickle in [false, true] {
            let mut out = Vec::new();
            let mut calls = 0;
            if trickle {
                let mut src = super::ReadSource::new(Trickle(&text, 0));
                while src.append_line(&mut out, false) {
                    assert!(out.ends_with(b"\n") || out.ends_with(b"end"), "a line was split");
                    calls += 1;
                }
            } else {
                let mut src = super::ReadSource::new(&text[..]);
                while src.append_line(&mut out, false) {
                    assert!(out.ends_with(b"\n") || out.ends_with(b"end"), "a line was split");
                    calls += 1;
                }
            }
            assert_eq!(out, text);
            assert!(calls >= 2);
        }
    }

    #[test]
    fn find_newline_agrees_with_a_plain_search() {
        let mut s = vec![b'a'; 40];
        for len in 0..40 {
            for nl in 0..=len {
                let mut t = s[..len].to_vec();
                if nl < len {
                    t[nl] = b'\n';
                }
                // Bytes next to '\n' in value must not give false hits.
                if nl + 1 < len {
                    t[nl + 1] = 0x0b;
                }
                assert_eq!(super::find_newline(&t), t.iter().position(|&c| c == b'\n'), "{t:?}");
            }
        }
        s[33] = 0x8a;
        assert_eq!(super::find_newline(&s), None);
    }
}
