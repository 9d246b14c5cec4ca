//! The front end: lexer, parser and here-documents, producing the typed AST of [`ast`].
//!
//! The parser reads **one complete command at a time** from a [`LineSource`], so the shell runs
//! line 1 of a script (which may define an alias) before it parses line 2.

pub mod arith;
pub mod ast;
mod expansion;
mod heredoc;
mod lexer;
mod parser;

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
}

impl<S: LineSource + ?Sized> LineSource for &mut S {
    fn next_line(&mut self, continuation: bool) -> Option<Vec<u8>> {
        (**self).next_line(continuation)
    }

    fn append_line(&mut self, buf: &mut Vec<u8>, continuation: bool) -> bool {
        (**self).append_line(buf, continuation)
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
}

/// A file or pipe read a block at a time and handed to the parser whole lines at a time:
/// `-n` on a big script then needs neither the whole file in memory nor a copy of it.
pub struct ReadSource<R: std::io::Read> {
    reader: R,
    /// Bytes read but not handed out yet (the start of a line).
    pending: Vec<u8>,
    done: bool,
    /// The error that ended reading early, if one did.
    pub error: Option<std::io::Error>,
}

impl<R: std::io::Read> ReadSource<R> {
    pub fn new(reader: R) -> Self {
        ReadSource { reader, pending: Vec::new(), done: false, error: None }
    }
}

impl<R: std::io::Read> LineSource for ReadSource<R> {
    fn next_line(&mut self, continuation: bool) -> Option<Vec<u8>> {
        let mut line = Vec::new();
        self.append_line(&mut line, continuation).then_some(line)
    }

    fn append_line(&mut self, buf: &mut Vec<u8>, _continuation: bool) -> bool {
        const BLOCK: usize = 8192;
        loop {
            if let Some(i) = self.pending.iter().rposition(|&c| c == b'\n') {
                buf.extend_from_slice(&self.pending[..=i]);
                self.pending.drain(..=i);
                return true;
            }
            if self.done {
                if self.pending.is_empty() {
                    return false;
                }
                buf.append(&mut self.pending);
                return true;
            }
            let len = self.pending.len();
            self.pending.resize(len + BLOCK, 0);
            match self.reader.read(&mut self.pending[len..]) {
                Ok(n) => {
                    self.pending.truncate(len + n);
                    self.done = n == 0;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => self.pending.truncate(len),
                Err(e) => {
                    self.pending.truncate(len);
                    self.error = Some(e);
                    self.done = true;
                }
            }
        }
    }
}

/// The index of the first `\n` in `s`, eight bytes at a time (scripts are mostly long lines
/// of ordinary text and comments, and this is the parser's innermost loop).
pub(crate) fn find_newline(s: &[u8]) -> Option<usize> {
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
}

impl<S: LineSource> Parser<S> {
    /// `first_line` is the line number of the first line the source yields (1 for a script).
    pub fn new(source: S, first_line: u32) -> Self {
        Parser { source, state: lexer::State { line: first_line, ..Default::default() }, check_only: false }
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
            st.base = st.base.wrapping_add(st.pos as u32);
            st.line_start = st.line_start.saturating_sub(st.pos);
            st.pos = 0;
        }
        let mut core = lexer::Core::new(&mut self.source, aliases, st);
        core.check_only = self.check_only;
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

    /// True when input already read is not parsed yet (the rest of a line).
    pub fn has_unparsed_input(&self) -> bool {
        self.state.pos < self.state.buf.len()
    }

    /// The line number the parser has reached.
    pub fn line(&self) -> u32 {
        self.state.line
    }
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
