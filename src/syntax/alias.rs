//! Alias substitution (XCU 2.3.1), done as dash does it: the word's text in the input buffer is
//! replaced by the alias value, which is then lexed as input like anything else. So an alias
//! may hold any tokens at all: an opening brace another alias closes, a newline, a quote, a
//! here-document operator.
//!
//! Where the parser looks for a command, or for a reserved word that ends a list, it peeks with
//! [`Core::peek_command_tok`], which substitutes first. Reserved words are recognised before
//! aliases and never substituted. Inside a simple command a word is a candidate only after the
//! text of an alias ending in a blank has been read through ([`Core::alias_candidate`]).

use super::lexer::{Core, Lit, PResult, Tok};
use super::parser::plain;

/// An alias whose text is in the buffer and not wholly read yet.
pub(crate) struct Expansion {
    name: Vec<u8>,
    /// Buffer index where its text ends (kept up to date as later substitutions splice text
    /// before it).
    end: usize,
    /// Its value ends in a blank: once its text is read, the next word is a candidate too.
    blank: bool,
}

/// The buffer lost its first `n` bytes (read already): forgets the expansions that ended there
/// and moves the others' ends.
pub(crate) fn forget_read_text(stack: &mut Vec<Expansion>, n: usize) {
    stack.retain_mut(|e| {
        e.end = e.end.saturating_sub(n);
        e.end > 0
    });
}

impl Core<'_> {
    /// Peeks the next token where a command may start (or a reserved word end a list): an alias
    /// there is replaced by its text first, as often as that applies.
    #[inline]
    pub(crate) fn peek_command_tok(&mut self) -> PResult<&Tok> {
        if !self.aliases.is_empty() {
            while self.expand_alias(true)? {}
        }
        self.peek_tok()
    }

    /// Skips newlines where a command may start: alias text may hold newlines too.
    pub(crate) fn skip_command_newlines(&mut self) -> PResult<()> {
        while matches!(self.peek_command_tok()?, Tok::Newline) {
            self.skip_tok()?;
        }
        Ok(())
    }

    /// If the peeked word names an alias, replaces it with the alias text. True when it did.
    /// `command_position`: where reserved words are recognised (and so never substituted).
    #[inline]
    pub(crate) fn try_alias(&mut self, command_position: bool) -> PResult<bool> {
        if self.aliases.is_empty() {
            return Ok(false);
        }
        self.expand_alias(command_position)
    }

    /// A simple command's peeked word: substitutes it when it is the command word
    /// (`command_word`) or an alias candidate. True when it did.
    #[inline(never)]
    pub(crate) fn simple_word_alias(&mut self, command_word: bool) -> PResult<bool> {
        let candidate = self.alias_candidate();
        if command_word || candidate {
            return self.expand_alias(command_word);
        }
        Ok(false)
    }

    /// Whether the peeked word is an alias candidate outside command position: the first word
    /// of an alias's own text, or the word after the text of one that ends in a blank. Called
    /// for each word of a simple command, so the state is consumed.
    pub(crate) fn alias_candidate(&mut self) -> bool {
        if self.alias_stack.is_empty() {
            return std::mem::take(&mut self.alias_next);
        }
        self.finish_expansions(self.tok_start);
        std::mem::take(&mut self.alias_next)
    }

    /// Forgets the expansions whose text ends at or before `at` (read through); one that ended
    /// in a blank makes the next word a candidate.
    fn finish_expansions(&mut self, at: usize) {
        while let Some(e) = self.alias_stack.last() {
            if e.end > at {
                break;
            }
            self.alias_next |= e.blank;
            self.alias_stack.pop();
        }
    }

    #[inline(never)]
    fn expand_alias(&mut self, command_position: bool) -> PResult<bool> {
        let name = match self.peek_tok()? {
            // Reserved words are recognised first; `time` is not one in POSIX.
            Tok::Word(_, Lit::Reserved(r)) if command_position && *r != b"time" => return Ok(false),
            Tok::Word(w, _) => match plain(w) {
                Some(s) => s.to_vec(),
                None => return Ok(false),
            },
            _ => return Ok(false),
        };
        let Some(value) = self.aliases.get(&name) else {
            return Ok(false);
        };
        let (start, end) = (self.tok_start, self.tok_end);
        self.finish_expansions(start);
        // Not inside its own text (directly or through other aliases).
        if self.alias_stack.iter().any(|e| e.name == name) {
            return Ok(false);
        }
        let delta = value.len() as isize - (end - start) as isize;
        for e in &mut self.alias_stack {
            if e.end >= end {
                e.end = (e.end as isize + delta) as usize;
            }
        }
        let blank = matches!(value.last(), Some(b' ' | b'\t'));
        let value_len = value.len();
        self.buf.splice(start..end, value.iter().copied());
        self.pos = start;
        self.peeked = None;
        self.alias_stack.push(Expansion { name, end: start + value_len, blank });
        // The first word of the text is a candidate wherever the alias was.
        self.alias_next = true;
        Ok(true)
    }
}
