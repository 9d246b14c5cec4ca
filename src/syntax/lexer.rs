//! The byte-level lexer: input buffer, line continuation, tokens and words.
//!
//! The lexer works directly on the bytes of a growing buffer that is refilled a line at a time
//! from the [`LineSource`] only when a construct is not finished yet; so the parser never reads
//! past the newline that ends a complete command. Words are lexed straight into typed parts
//! (dash and Oils style modes: unquoted, double-quoted, `${...}` word, here-doc, arithmetic).

use std::collections::HashMap;
use std::rc::Rc;

use super::ast::*;
use super::{LineSource, ParseError};
pub(crate) use super::token::{Lit, Op, Tok};

/// The parser's results: errors are boxed so the common path moves small values (a syntax
/// error is rare; every `?` pays for the size of the error type).
pub(crate) type PResult<T> = Result<T, Box<ParseError>>;

/// Deepest nesting of compound commands, substitutions and quotes we accept. Deeper input gets
/// an error instead of overflowing the stack.
pub(crate) const MAX_DEPTH: u32 = 1000;

/// How the bytes of a word are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A shell word: ends at a blank or operator.
    Unquoted,
    /// Inside `"..."`: ends at `"`.
    DQuote,
    /// The word of `${x-word}`: ends at `}`. `dq` when the `${` is inside double quotes;
    /// `pattern` for `# ## % %%` (single quotes quote even inside double quotes).
    Param { dq: bool, pattern: bool },
    /// An unquoted here-document body: only `$`, `` ` `` and `\` are special.
    HereDoc,
    /// The text of a `$((...))` or `((...))` holding expansions or quotes: like a here-doc,
    /// plus `\"` and double quotes (removed, as bash does).
    Arith,
}

/// How the next word is read inside `[[ ]]`, where bash reads the right side of some operators
/// with rules of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum CondWord {
    #[default]
    Normal,
    /// After `=~`: `|` is part of the word and `( ... )` groups hold blanks, `;`, `&`, `|`, `<`,
    /// `>` and newlines literally.
    Regex,
    /// After `== = !=`: the extended patterns `@( ) ?( ) *( ) +( ) !( )` are part of the word
    /// (with their `|`), as if `shopt -s extglob` were on.
    Pattern,
}

/// `( ... )` inside a `[[ ]]` regex or extended pattern: is `c` part of the word? Updates the
/// nesting `depth`; `glob_before` says an unquoted `@ ? * + !` came right before.
fn cond_word_byte(c: u8, kind: CondWord, depth: &mut u32, glob_before: bool) -> bool {
    if *depth > 0 {
        match c {
            b'(' => *depth += 1,
            b')' => *depth -= 1,
            _ => {}
        }
        return true;
    }
    match c {
        b'|' => kind == CondWord::Regex,
        b'(' if kind == CondWord::Regex || glob_before => {
            *depth = 1;
            true
        }
        _ => false,
    }
}

/// A here-document whose body has not been read yet.
pub(crate) struct Pending {
    pub delimiter: Vec<u8>,
    /// The line of its `<<` operator.
    pub line: u32,
    pub quoted: bool,
    pub strip: bool,
}

/// The part of the lexer state that lives from one command to the next.
#[derive(Default)]
pub(crate) struct State {
    pub buf: Vec<u8>,
    pub pos: usize,
    pub base: u32,
    pub line: u32,
    pub line_start: usize,
    pub eof: bool,
    /// The last here-document ended by the end of input: (line of `<<`, delimiter).
    pub heredoc_at_eof: Option<(u32, Vec<u8>)>,
    /// Buffers kept from one command to the next so each command does not allocate anew.
    pub scratch: Vec<Vec<u8>>,
    /// Aliases whose text is not wholly read yet: it may hold more than one command.
    pub alias_stack: Vec<super::alias::Expansion>,
}

/// A source with nothing in it, for parsing text already in the buffer.
pub(crate) struct NoSource;

impl LineSource for NoSource {
    fn next_line(&mut self, _continuation: bool) -> Option<Vec<u8>> {
        None
    }
}

pub(crate) struct Core<'a> {
    pub src: &'a mut dyn LineSource,
    pub aliases: &'a HashMap<Vec<u8>, Vec<u8>>,
    pub buf: Vec<u8>,
    pub pos: usize,
    /// Source offset of `buf[0]` (for spans).
    pub base: u32,
    pub line: u32,
    pub line_start: usize,
    pub eof: bool,
    pub heredoc_at_eof: Option<(u32, Vec<u8>)>,
    /// A token of the current command has been seen: more input is a continuation (PS2).
    pub in_command: bool,
    pub depth: u32,
    pub peeked: Option<Tok>,
    pub tok_start: usize,
    pub tok_end: usize,
    pub tok_line: u32,
    /// End (buffer index) of the last token taken.
    pub last_end: usize,
    pub pending: Vec<Pending>,
    pub ready: Vec<HereDoc>,
    /// Aliases whose text is being read (recursion guard, trailing blanks).
    pub alias_stack: Vec<super::alias::Expansion>,
    /// The next word is an alias candidate even outside command position.
    pub alias_next: bool,
    /// Only checking syntax (`-n`): words get no parts (the parser reads reserved words and
    /// names from [`Lit`]) and the tree is thrown away as it is built.
    pub check_only: bool,
    /// The word being lexed is thrown away unseen: build no parts at all.
    pub discarding: bool,
    /// The unquoted word being lexed has had a quote or an expansion (so it is `Lit::Quoted`).
    pub word_quoted: bool,
    /// A backslash-newline has been removed since this was last cleared.
    pub continued: bool,
    /// The `"..."` being lexed is the word of a double-quoted `"${x-"..."}"`: `\}` is an
    /// escape there, as in dash and bash.
    pub dq_in_dq_param: bool,
    /// Inside a bash `${x/pat/rep}` or `${x:off:len}`: the byte that ends the current part
    /// (`/` or `:`) besides `}`, and where the part began.
    pub param_stop: Option<(u8, usize)>,
    /// Reused buffers for the text of words being lexed (one per nesting level in use).
    pub scratch: Vec<Vec<u8>>,
    /// Lexing an assignment word again (see `array.rs`): where it starts and at what depth;
    /// blanks inside its open subscript do not end it.
    pub subscript_at: Option<(usize, u32)>,
    /// How the next unquoted word is read (`[[ ]]` sets it for one word).
    pub cond_word: CondWord,
    /// `shopt -s extglob` was on when this command was read: `@(a|b)` and the like are words
    /// (a `(` right after an unquoted `? * + @ !` opens a group that runs to its `)`).
    pub extglob: bool,
    /// `#` at the start of a word begins a comment (off only at a prompt with bash's
    /// `interactive_comments` turned off).
    pub comments: bool,
}

#[inline]
pub(crate) fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

#[inline]
pub(crate) fn is_name_char(c: u8) -> bool {
    NAME_CHAR[c as usize]
}

static NAME_CHAR: [bool; 256] =
    special_table(b"_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

pub(crate) fn is_name(s: &[u8]) -> bool {
    !s.is_empty() && is_name_start(s[0]) && s.iter().all(|&c| is_name_char(c))
}

/// Bytes that end an unquoted word or need a closer look inside one.
static UNQUOTED_SPECIAL: [bool; 256] = special_table(b" \t\n;&|<>()'\"\\$`=:~");
/// Bytes that end an unquoted word.
static WORD_END: [bool; 256] = special_table(b" \t\n;&|<>()");
static DQUOTE_SPECIAL: [bool; 256] = special_table(b"\n\"\\$`");
static PARAM_SPECIAL: [bool; 256] = special_table(b"\n}'\"\\$`");
/// The same in a part of `${x/pat/rep}` or `${x:off:len}`, which may also end at `/` or `:`.
static PARAM_STOP_SPECIAL: [bool; 256] = special_table(b"\n}'\"\\$`/:");
static HEREDOC_SPECIAL: [bool; 256] = special_table(b"\n\\$`");
/// In arithmetic text double quotes are removed too, as bash does.
static ARITH_SPECIAL: [bool; 256] = special_table(b"\n\\$`\"");

const fn special_table(chars: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < chars.len() {
        t[chars[i] as usize] = true;
        i += 1;
    }
    t
}

/// `quoted_text` value of a mode whose parts are not needed (syntax check of nested text).
const DISCARD: Option<bool> = None;

/// Appends a part, merging text with text of the same kind.
pub(crate) fn push_part(parts: &mut Vec<WordPart>, part: WordPart) {
    match (parts.last_mut(), part) {
        // An empty literal is a mark for brace expansion (`$a{x,y}`): text is not merged
        // into it.
        (Some(WordPart::Literal(a)), WordPart::Literal(b)) if !a.is_empty() => a.extend_from_slice(&b),
        (Some(WordPart::Quoted(a)), WordPart::Quoted(b)) if !a.is_empty() && !b.is_empty() => {
            a.extend_from_slice(&b)
        }
        (_, part) => parts.push(part),
    }
}

/// Moves pending text into `parts`; the common nothing-pending case stays inline.
#[inline(always)]
fn flush(parts: &mut Vec<WordPart>, lit: &mut Vec<u8>, quoted: Option<bool>) {
    if !lit.is_empty() {
        flush_text(parts, lit, quoted);
    }
}

#[inline(never)]
fn flush_text(parts: &mut Vec<WordPart>, lit: &mut Vec<u8>, quoted: Option<bool>) {
    if quoted == DISCARD {
        lit.clear();
        return;
    }
    // An exact-size copy: `lit` is a scratch buffer reused from word to word.
    let text = lit.as_slice().to_vec();
    lit.clear();
    push_part(
        parts,
        if quoted == Some(true) {
            WordPart::Quoted(text)
        } else {
            WordPart::Literal(text)
        },
    );
}

impl<'a> Core<'a> {
    pub(crate) fn new(
        src: &'a mut dyn LineSource,
        aliases: &'a HashMap<Vec<u8>, Vec<u8>>,
        st: State,
    ) -> Self {
        Core {
            src,
            aliases,
            buf: st.buf,
            pos: st.pos,
            base: st.base,
            line: st.line,
            line_start: st.line_start,
            eof: st.eof,
            heredoc_at_eof: st.heredoc_at_eof,
            in_command: false,
            depth: 0,
            peeked: None,
            tok_start: st.pos,
            tok_end: st.pos,
            tok_line: st.line,
            last_end: st.pos,
            pending: Vec::new(),
            ready: Vec::new(),
            alias_stack: st.alias_stack,
            alias_next: false,
            scratch: st.scratch,
            check_only: false,
            extglob: false,
            comments: true,
            discarding: false,
            word_quoted: false,
            continued: false,
            dq_in_dq_param: false,
            subscript_at: None,
            param_stop: None,
            cond_word: CondWord::Normal,
        }
    }

    pub(crate) fn into_state(self) -> State {
        State {
            buf: self.buf,
            pos: self.pos,
            base: self.base,
            line: self.line,
            line_start: self.line_start,
            eof: self.eof,
            heredoc_at_eof: self.heredoc_at_eof,
            scratch: self.scratch,
            alias_stack: self.alias_stack,
        }
    }

    /// Takes back the scratch buffers lent to a sub-core.
    pub(crate) fn reclaim(&mut self, sub: Core<'_>) {
        self.scratch = sub.scratch;
    }

    /// A core over text already in hand (backquotes, here-doc bodies, `$((...))`).
    /// The scratch buffers are lent to it (give them back with `reclaim`).
    pub(crate) fn sub<'b>(&mut self, src: &'b mut NoSource, text: Vec<u8>, line: u32) -> Core<'b>
    where
        'a: 'b,
    {
        let mut c = Core::new(
            src,
            self.aliases,
            State {
                buf: text,
                pos: 0,
                base: 0,
                line,
                line_start: 0,
                eof: true,
                heredoc_at_eof: None,
                scratch: std::mem::take(&mut self.scratch),
                alias_stack: Vec::new(),
            },
        );
        c.depth = self.depth;
        c.in_command = true;
        c.check_only = self.check_only;
        c.extglob = self.extglob;
        c
    }

    /// Adds a part, unless the word is being thrown away (check-only mode).
    #[inline]
    pub(crate) fn put(&self, parts: &mut Vec<WordPart>, make: impl FnOnce() -> WordPart) {
        if !self.discarding {
            push_part(parts, make());
        }
    }

    // ---- errors ----------------------------------------------------------------------------

    #[cold]
    #[inline(never)]
    pub(crate) fn error_at(&self, message: impl Into<String>, line: u32, at: usize) -> Box<ParseError> {
        Box::new(ParseError {
            message: message.into(),
            line,
            column: (at.saturating_sub(self.line_start) + 1) as u32,
            incomplete: false,
        })
    }

    #[cold]
    pub(crate) fn error(&self, message: impl Into<String>) -> Box<ParseError> {
        self.error_at(message, self.line, self.pos)
    }

    /// An error caused by the input ending too soon.
    #[cold]
    pub(crate) fn eof_error(&self, message: impl Into<String>) -> Box<ParseError> {
        let mut e = self.error(message);
        e.incomplete = true;
        e
    }

    /// Where the input is now: where a quote or an expansion opens, for the message if the
    /// input ends inside it.
    pub(crate) fn opened_here(&self) -> Opened {
        Opened { line: self.line, at: self.pos, line_start: self.line_start }
    }

    /// bash's message for input that ends inside a quote or an expansion closed by `close`,
    /// at the line where it opened (or here, for `None`).
    #[cold]
    pub(crate) fn eof_looking_for(&self, close: char, opened: Option<Opened>) -> Box<ParseError> {
        let o = opened.unwrap_or_else(|| self.opened_here());
        Box::new(ParseError {
            message: format!("unexpected EOF while looking for matching '{close}'"),
            line: o.line,
            column: (o.at.saturating_sub(o.line_start) + 1) as u32,
            incomplete: true,
        })
    }

    pub(crate) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH || crate::sys::stack::exhausted_deeper() {
            return Err(self.error("syntax error: nesting too deep"));
        }
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // ---- bytes -----------------------------------------------------------------------------

    /// Reads one more line into the buffer; false at end of input.
    fn fill(&mut self) -> bool {
        while !self.eof {
            let before = self.buf.len();
            if !self.src.append_line(&mut self.buf, self.in_command) {
                self.eof = true;
                continue;
            }
            // NUL bytes are dropped from the input, as dash and bash do.
            if crate::sys::mem::find_byte(&self.buf[before..], 0).is_some() {
                drop_nuls(&mut self.buf, before);
            }
            if self.buf.len() > before {
                return true;
            }
        }
        false
    }

    /// The byte `k` places ahead, reading more input if needed; no continuation removal.
    #[inline]
    pub(crate) fn raw_at(&mut self, k: usize) -> Option<u8> {
        while self.pos + k >= self.buf.len() {
            if !self.fill() {
                return None;
            }
        }
        Some(self.buf[self.pos + k])
    }

    #[inline]
    pub(crate) fn raw(&mut self) -> Option<u8> {
        if self.pos < self.buf.len() {
            Some(self.buf[self.pos])
        } else {
            self.raw_at(0)
        }
    }

    /// The next byte with backslash-newline pairs removed.
    #[inline]
    pub(crate) fn peek(&mut self) -> Option<u8> {
        match self.buf.get(self.pos) {
            Some(&c) if c != b'\\' => Some(c),
            _ => self.peek_slow(),
        }
    }

    /// `peek` at a backslash or at the end of the buffer.
    #[inline(never)]
    fn peek_slow(&mut self) -> Option<u8> {
        loop {
            let c = self.raw()?;
            if c == b'\\' && self.raw_at(1) == Some(b'\n') {
                self.continued = true;
                self.pos += 2;
                self.line += 1;
                self.line_start = self.pos;
                continue;
            }
            return Some(c);
        }
    }

    /// Consumes the byte at `pos` (which must exist), counting lines.
    #[inline]
    pub(crate) fn bump(&mut self) {
        if self.buf[self.pos] == b'\n' {
            self.line += 1;
            self.line_start = self.pos + 1;
        }
        self.pos += 1;
    }

    pub(crate) fn span(&self, start: usize, line: u32) -> Span {
        Span {
            start: self.base + start as u32,
            end: self.base + self.last_end.max(start) as u32,
            line,
        }
    }

    // ---- tokens ----------------------------------------------------------------------------

    /// Skips blanks and a comment before a token.
    #[inline]
    fn skip_blanks(&mut self) {
        while let Some(&c) = self.buf.get(self.pos) {
            match c {
                b' ' | b'\t' => self.pos += 1,
                b'#' | b'\\' => break,
                _ => return,
            }
        }
        self.skip_blanks_slow();
    }

    /// `skip_blanks` at a comment, a backslash or the end of the buffer.
    #[inline(never)]
    fn skip_blanks_slow(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t') => self.pos += 1,
                Some(b'#') if self.comments => {
                    // Up to the end of the line (normally already wholly in the buffer).
                    loop {
                        let rest = &self.buf[self.pos..];
                        match super::find_newline(rest) {
                            Some(i) => {
                                self.pos += i;
                                return;
                            }
                            None => {
                                self.pos = self.buf.len();
                                if !self.fill() {
                                    return;
                                }
                            }
                        }
                    }
                }
                _ => return,
            }
        }
    }

    pub(crate) fn next_tok(&mut self) -> PResult<Tok> {
        self.skip_blanks();
        self.tok_start = self.pos;
        self.tok_line = self.line;
        let tok = self.lex_tok()?;
        self.tok_end = self.pos;
        Ok(tok)
    }

    fn lex_tok(&mut self) -> PResult<Tok> {
        let Some(c) = self.peek() else {
            return Ok(Tok::Eof);
        };
        if c == b'\n' {
            self.bump();
            if !self.pending.is_empty() {
                self.read_heredocs()?;
            }
            return Ok(Tok::Newline);
        }
        self.in_command = true;
        if self.cond_word == CondWord::Regex && matches!(c, b'(' | b'|') {
            return self.lex_word_tok();
        }
        let op = match c {
            b';' => {
                self.pos += 1;
                match self.peek() {
                    Some(b';') => {
                        self.pos += 1;
                        if self.peek() == Some(b'&') {
                            self.pos += 1;
                            Op::DSemiAnd
                        } else {
                            Op::DSemi
                        }
                    }
                    Some(b'&') => {
                        self.pos += 1;
                        Op::SemiAnd
                    }
                    _ => Op::Semi,
                }
            }
            b'&' => {
                self.pos += 1;
                match self.peek() {
                    Some(b'&') => {
                        self.pos += 1;
                        Op::AndIf
                    }
                    // `&>` and `&>>` (bash, also in its POSIX mode).
                    Some(b'>') => {
                        self.pos += 1;
                        if self.peek() == Some(b'>') {
                            self.pos += 1;
                            Op::Redir(RedirOp::AppendBoth)
                        } else {
                            Op::Redir(RedirOp::OutputBoth)
                        }
                    }
                    _ => Op::Amp,
                }
            }
            b'|' => {
                self.pos += 1;
                match self.peek() {
                    Some(b'|') => {
                        self.pos += 1;
                        Op::OrIf
                    }
                    Some(b'&') => {
                        self.pos += 1;
                        Op::PipeAmp
                    }
                    _ => Op::Pipe,
                }
            }
            b'(' => {
                self.pos += 1;
                Op::LParen
            }
            b')' => {
                self.pos += 1;
                Op::RParen
            }
            b'<' | b'>' if self.raw_at(1) == Some(b'(') => return self.lex_word_tok(),
            b'<' => {
                self.pos += 1;
                Op::Redir(match self.peek() {
                    Some(b'<') => {
                        self.pos += 1;
                        match self.peek() {
                            Some(b'-') => {
                                self.pos += 1;
                                RedirOp::HereDocStrip
                            }
                            Some(b'<') => {
                                self.pos += 1;
                                RedirOp::HereString
                            }
                            _ => RedirOp::HereDoc,
                        }
                    }
                    Some(b'&') => {
                        self.pos += 1;
                        RedirOp::DupInput
                    }
                    Some(b'>') => {
                        self.pos += 1;
                        RedirOp::ReadWrite
                    }
                    _ => RedirOp::Input,
                })
            }
            b'>' => {
                self.pos += 1;
                Op::Redir(match self.peek() {
                    Some(b'>') => {
                        self.pos += 1;
                        RedirOp::Append
                    }
                    Some(b'&') => {
                        self.pos += 1;
                        RedirOp::DupOutput
                    }
                    Some(b'|') => {
                        self.pos += 1;
                        RedirOp::Clobber
                    }
                    _ => RedirOp::Output,
                })
            }
            _ => return self.lex_word_tok(),
        };
        Ok(Tok::Op(op))
    }

    pub(crate) fn lex_word_tok(&mut self) -> PResult<Tok> {
        let start = self.pos;
        let line = self.line;
        // Most words are a run of ordinary bytes ended by a blank, a newline or an operator.
        let mut end = start;
        while end < self.buf.len() && !UNQUOTED_SPECIAL[self.buf[end] as usize] {
            end += 1;
        }
        let (parts, lit) = if end > start
            && end < self.buf.len()
            && WORD_END[self.buf[end] as usize]
            && self.subscript_at.is_none()
            && self.cond_word == CondWord::Normal
            && !(matches!(self.buf[end], b'<' | b'>') && self.buf.get(end + 1) == Some(&b'('))
            && !self.opens_ext_group(end)
        {
            self.pos = end;
            let raw = &self.buf[start..end];
            let parts = if self.check_only {
                Vec::new()
            } else {
                vec![WordPart::Literal(raw.to_vec())]
            };
            (parts, Lit::of(raw))
        } else {
            self.word_quoted = false;
            self.continued = false;
            let parts = self.lex_parts(Mode::Unquoted)?;
            let raw = &self.buf[start..self.pos];
            let lit = if self.word_quoted {
                Lit::Quoted
            } else if self.continued {
                // Only backslash-newlines can be left in unquoted text.
                Lit::of(&remove_continuations(raw))
            } else {
                Lit::of(raw)
            };
            (parts, lit)
        };
        if lit == Lit::Other {
            if let Some(n) = self.io_number(start) {
                return Ok(Tok::IoNumber(n));
            }
            if let Some(name) = self.io_name(start) {
                return Ok(Tok::IoName(name));
            }
        }
        Ok(Tok::Word(
            Word {
                parts,
                span: Span {
                    start: self.base + start as u32,
                    end: self.base + self.pos as u32,
                    line,
                },
            },
            lit,
        ))
    }

    /// A blank inside the open subscript of an assignment word being lexed again.
    #[inline]
    fn blank_in_subscript(&self) -> bool {
        match self.subscript_at {
            Some((start, depth)) if depth == self.depth => {
                super::array::unclosed_subscript(&self.buf[start..self.pos], true)
            }
            _ => false,
        }
    }

    /// Does the `(` at `buf[i]` open an extended group (`@(`), the byte before it being an
    /// unquoted part of the same word? Only under extglob.
    #[inline]
    fn opens_ext_group(&self, i: usize) -> bool {
        self.extglob
            && self.buf[i] == b'('
            && i > 0
            && matches!(self.buf[i - 1], b'?' | b'*' | b'+' | b'@' | b'!')
    }

    /// The number of an IO_NUMBER token: the word from `start` is all digits (backslash-newlines
    /// aside) and a redirection operator follows.
    #[inline]
    fn io_number(&mut self, start: usize) -> Option<u32> {
        let mut n = 0u32;
        let mut digits = 0;
        let mut i = start;
        while i < self.pos {
            match self.buf[i] {
                d @ b'0'..=b'9' => {
                    digits += 1;
                    n = n.wrapping_mul(10).wrapping_add((d - b'0') as u32);
                    i += 1;
                }
                b'\\' if self.buf.get(i + 1) == Some(&b'\n') => i += 2,
                _ => return None,
            }
        }
        if digits == 0 || digits > 9 || !matches!(self.peek(), Some(b'<' | b'>')) {
            return None;
        }
        Some(n)
    }

    /// `{name}` (bash) from `start`, right before a redirection operator: the variable that
    /// receives the descriptor the shell picks.
    #[inline]
    fn io_name(&mut self, start: usize) -> Option<Vec<u8>> {
        let raw = &self.buf[start..self.pos];
        if raw.len() < 3 || raw[0] != b'{' || raw[raw.len() - 1] != b'}' || !is_name(&raw[1..raw.len() - 1]) {
            return None;
        }
        let name = raw[1..raw.len() - 1].to_vec();
        matches!(self.peek(), Some(b'<' | b'>')).then_some(name)
    }

    // ---- words -----------------------------------------------------------------------------

    /// Lexes word parts in `mode` up to its terminator (consumed for `"` and `}`).
    pub(crate) fn lex_parts(&mut self, mode: Mode) -> PResult<Vec<WordPart>> {
        let opened = self.opened_here();
        let table: &[bool; 256] = match mode {
            Mode::Unquoted => &UNQUOTED_SPECIAL,
            Mode::DQuote => &DQUOTE_SPECIAL,
            Mode::Param { .. } if self.param_stop.is_some() => &PARAM_STOP_SPECIAL,
            Mode::Param { .. } => &PARAM_SPECIAL,
            Mode::HereDoc => &HEREDOC_SPECIAL,
            Mode::Arith => &ARITH_SPECIAL,
        };
        let quoted_text = if self.check_only {
            DISCARD
        } else {
            // In "${x#pat}" the pattern is not quoted by the outer double quotes (XCU 2.6.2):
            // its unquoted text stays Literal so `*` keeps its meaning.
            Some(matches!(
                mode,
                Mode::DQuote | Mode::Arith | Mode::Param { dq: true, pattern: false }
            ))
        };
        let discarding = std::mem::replace(&mut self.discarding, quoted_text == DISCARD);
        // A word that is thrown away needs no parts; the others mostly one. Pending text goes
        // to a scratch buffer kept from word to word.
        let mut parts: Vec<WordPart> =
            if self.discarding { Vec::new() } else { Vec::with_capacity(1) };
        let mut lit = self.scratch.pop().unwrap_or_default();
        lit.clear();
        let unquoted = mode == Mode::Unquoted;
        // A `[[ ]]` word's own rules apply to it only, not to the words nested in it.
        let mut cond = if unquoted { std::mem::take(&mut self.cond_word) } else { CondWord::Normal };
        // Under extglob every word reads extended groups as `[[ == ]]`'s right side does.
        if unquoted && cond == CondWord::Normal && self.extglob {
            cond = CondWord::Pattern;
        }
        let mut cond_depth = 0;
        let mut glob_before = false;
        // An unquoted word that starts `name=` is an assignment candidate: tildes after `=`/`:`.
        let mut assign = false;
        // Tilde prefixes: at the start of a word, and of the word in an unquoted `${x-word}`.
        if !self.discarding
            && matches!(mode, Mode::Unquoted | Mode::Param { dq: false, .. })
            && self.peek() == Some(b'~')
        {
            self.tilde(&mut parts, false, mode != Mode::Unquoted);
        }
        loop {
            // Fast path: a run of ordinary bytes.
            let run = self.pos;
            while self.pos < self.buf.len() && !table[self.buf[self.pos] as usize] {
                self.pos += 1;
            }
            // Text that will be thrown away is not copied (check-only mode).
            if self.pos > run && !self.discarding {
                lit.extend_from_slice(&self.buf[run..self.pos]);
            }
            if cond == CondWord::Pattern {
                glob_before =
                    self.pos > run && matches!(self.buf[self.pos - 1], b'@' | b'?' | b'*' | b'+' | b'!');
            }
            let Some(c) = self.peek() else {
                if cond_depth > 0 {
                    return Err(self.eof_error("unexpected EOF while looking for matching ')'"));
                }
                return match mode {
                    Mode::DQuote => Err(self.eof_looking_for('"', Some(opened))),
                    Mode::Param { .. } => Err(self.eof_looking_for('}', Some(opened))),
                    _ => {
                        self.finish_parts(&mut parts, lit, quoted_text);
                        self.discarding = discarding;
                        Ok(parts)
                    }
                };
            };
            if table[c as usize] == false {
                continue;
            }
            match c {
                // `<(list)` and `>(list)` (bash), also inside a word.
                b'<' | b'>' if mode == Mode::Unquoted && self.raw_at(1) == Some(b'(') => {
                    self.word_quoted = true;
                    flush(&mut parts, &mut lit, quoted_text);
                    let output = c == b'>';
                    self.pos += 2;
                    let list = self.command_sub()?;
                    self.put(&mut parts, || WordPart::ProcessSub { list: Rc::new(list), output });
                }
                b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')'
                    if cond != CondWord::Normal
                        && cond_word_byte(c, cond, &mut cond_depth, glob_before) =>
                {
                    if !self.discarding {
                        lit.push(c);
                    }
                    self.bump();
                }
                b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')'
                    if mode == Mode::Unquoted =>
                {
                    if matches!(c, b' ' | b'\t') && self.blank_in_subscript() {
                        if !self.discarding {
                            lit.push(c);
                        }
                        self.pos += 1;
                        continue;
                    }
                    break;
                }
                b'\n' => {
                    if !self.discarding {
                        lit.push(c);
                    }
                    self.bump();
                }
                b'"' if mode == Mode::DQuote => {
                    self.pos += 1;
                    break;
                }
                b'}' if matches!(mode, Mode::Param { .. }) => {
                    self.pos += 1;
                    break;
                }
                b'/' | b':' if matches!(mode, Mode::Param { .. }) => {
                    // Only reached in a part of `${x/pat/rep}` or `${x:off:len}`.
                    self.pos += 1;
                    if self.at_param_stop(c) {
                        break;
                    }
                    if !self.discarding {
                        lit.push(c);
                    }
                }
                b'=' | b':' | b'~' => {
                    // Only reached in unquoted mode. Tildes after `=` and `:` only matter to
                    // the parts of the word.
                    self.pos += 1;
                    if self.discarding {
                        continue;
                    }
                    lit.push(c);
                    if c == b'=' && !assign && parts.is_empty() && is_name(&lit[..lit.len() - 1]) {
                        assign = true;
                        if self.peek() == Some(b'~') {
                            flush(&mut parts, &mut lit, Some(false));
                            self.tilde(&mut parts, true, false);
                        }
                    } else if c == b':' && assign && self.peek() == Some(b'~') {
                        flush(&mut parts, &mut lit, Some(false));
                        self.tilde(&mut parts, true, false);
                    }
                }
                b'\'' => {
                    let dq_literal = match mode {
                        Mode::Param { dq, pattern } => dq && !pattern,
                        _ => false,
                    };
                    if dq_literal {
                        self.pos += 1;
                        lit.push(c);
                        continue;
                    }
                    self.word_quoted |= unquoted;
                    flush(&mut parts, &mut lit, quoted_text);
                    self.pos += 1;
                    let text = self.single_quoted()?;
                    self.put(&mut parts, || WordPart::Quoted(text));
                }
                b'"' => {
                    self.word_quoted |= unquoted;
                    flush(&mut parts, &mut lit, quoted_text);
                    self.pos += 1;
                    self.enter()?;
                    let in_param = matches!(mode, Mode::Param { dq: true, pattern: false });
                    let outer = std::mem::replace(&mut self.dq_in_dq_param, in_param);
                    let inner = self.lex_parts(Mode::DQuote);
                    self.dq_in_dq_param = outer;
                    let inner = inner?;
                    self.leave();
                    self.put(&mut parts, || WordPart::DoubleQuoted(inner));
                }
                b'\\' => {
                    self.pos += 1;
                    let Some(n) = self.raw() else {
                        lit.push(b'\\');
                        continue;
                    };
                    let escapes = match mode {
                        // The pattern of `"${x#pat}"` is not quoted by the double quotes.
                        Mode::Unquoted | Mode::Param { dq: false, .. } => true,
                        Mode::Param { pattern: true, .. } => true,
                        Mode::DQuote if self.dq_in_dq_param => {
                            matches!(n, b'$' | b'`' | b'"' | b'\\' | b'}')
                        }
                        Mode::DQuote | Mode::Arith => matches!(n, b'$' | b'`' | b'"' | b'\\'),
                        Mode::Param { dq: true, .. } => {
                            matches!(n, b'$' | b'`' | b'"' | b'\\' | b'}')
                        }
                        Mode::HereDoc => matches!(n, b'$' | b'`' | b'\\'),
                    };
                    if !escapes {
                        lit.push(b'\\');
                        continue;
                    }
                    self.word_quoted |= unquoted;
                    flush(&mut parts, &mut lit, quoted_text);
                    self.bump();
                    if mode == Mode::HereDoc {
                        lit.push(n);
                    } else {
                        self.put(&mut parts, || WordPart::Quoted(vec![n]));
                    }
                }
                b'$' => {
                    self.word_quoted |= unquoted;
                    flush(&mut parts, &mut lit, quoted_text);
                    self.dollar(mode, &mut parts, &mut lit)?;
                }
                b'`' => {
                    self.word_quoted |= unquoted;
                    flush(&mut parts, &mut lit, quoted_text);
                    self.pos += 1;
                    let list = self
                        .backquote(matches!(mode, Mode::DQuote | Mode::Param { dq: true, .. }))?;
                    self.put(&mut parts, || WordPart::CommandSub(Rc::new(list)));
                }
                _ => {
                    if !self.discarding {
                        lit.push(c);
                    }
                    self.pos += 1;
                }
            }
        }
        self.finish_parts(&mut parts, lit, quoted_text);
        self.discarding = discarding;
        Ok(parts)
    }

    /// Does the `/` or `:` just read (at `pos - 1`) end the current part of a bash `${...}`?
    /// A `:` that answers a `?` in the text of an offset is the ternary operator's (bash).
    fn at_param_stop(&self, c: u8) -> bool {
        match self.param_stop {
            Some((b':', start)) if c == b':' => {
                let text = &self.buf[start..self.pos - 1];
                let count = |b| text.iter().filter(|&&t| t == b).count();
                count(b'?') <= count(b':')
            }
            Some((stop, _)) => stop == c,
            None => false,
        }
    }

    /// Moves the last text into `parts` and keeps the text buffer for the next word.
    #[inline]
    fn finish_parts(&mut self, parts: &mut Vec<WordPart>, mut lit: Vec<u8>, quoted: Option<bool>) {
        flush(parts, &mut lit, quoted);
        self.scratch.push(lit);
    }

    /// `'...'` after the opening quote: raw bytes up to the closing one.
    fn single_quoted(&mut self) -> PResult<Vec<u8>> {
        let opened = self.opened_here();
        let mut text = Vec::new();
        loop {
            let run = self.pos;
            while self.pos < self.buf.len()
                && self.buf[self.pos] != b'\''
                && self.buf[self.pos] != b'\n'
            {
                self.pos += 1;
            }
            if !self.check_only {
                text.extend_from_slice(&self.buf[run..self.pos]);
            }
            match self.raw() {
                None => return Err(self.eof_looking_for('\'', Some(opened))),
                Some(b'\'') => {
                    self.pos += 1;
                    return Ok(text);
                }
                Some(c) => {
                    if !self.check_only {
                        text.push(c);
                    }
                    self.bump();
                }
            }
        }
    }

    /// A tilde prefix at `pos` (which holds `~`): `~`, `~user`, up to `/` (or `:` in an
    /// assignment) or the end of the word. Anything quoted or expanded in it: plain text.
    fn tilde(&mut self, parts: &mut Vec<WordPart>, assign: bool, in_braces: bool) {
        // Backslash-newlines may split the prefix: read it with `peek`, and go back when it
        // turns out not to be one.
        let (pos, line, line_start) = (self.pos, self.line, self.line_start);
        self.pos += 1;
        let mut user = Vec::new();
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'+') => {
                    user.push(c);
                    self.pos += 1;
                }
                None | Some(b'/') => break,
                // In `${x-~ }` the blank is part of the word, hence of the tilde prefix.
                Some(b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')')
                    if !in_braces =>
                {
                    break;
                }
                Some(b':') if assign => break,
                Some(b'}') if in_braces => break,
                Some(_) => {
                    (self.pos, self.line, self.line_start) = (pos + 1, line, line_start);
                    push_part(parts, WordPart::Literal(b"~".to_vec()));
                    return;
                }
            }
        }
        parts.push(WordPart::Tilde(if user.is_empty() {
            None
        } else {
            Some(user)
        }));
    }
}

/// Removes the NUL bytes of `buf[from..]`.
#[cold]
fn drop_nuls(buf: &mut Vec<u8>, from: usize) {
    let mut kept = from;
    for i in from..buf.len() {
        if buf[i] != 0 {
            buf[kept] = buf[i];
            kept += 1;
        }
    }
    buf.truncate(kept);
}

/// Removes backslash-newline pairs.
pub(crate) fn remove_continuations(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'\\' && text.get(i + 1) == Some(&b'\n') {
            i += 2;
            continue;
        }
        out.push(text[i]);
        i += 1;
    }
    out
}

/// A position in the input: where a quote or an expansion opened (see `eof_looking_for`).
#[derive(Clone, Copy)]
pub(crate) struct Opened {
    line: u32,
    at: usize,
    line_start: usize,
}
