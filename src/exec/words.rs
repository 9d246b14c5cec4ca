//! The executor's door to word expansion (`crate::expand`), with its errors in one type.

use crate::shell::Shell;
use crate::syntax::ast::Word;

/// An expansion error, to be reported with this message.
#[derive(Debug)]
pub struct ExpandFail {
    pub message: String,
    /// It ends a non-interactive shell (not when memory ran out).
    pub fatal: bool,
    /// An arithmetic error (see `ExpandError::arith`).
    pub arith: bool,
    /// The status a non-interactive shell exits with, when not the usual one.
    pub exit_status: Option<i32>,
}

impl From<crate::expand::ExpandError> for ExpandFail {
    fn from(e: crate::expand::ExpandError) -> Self {
        ExpandFail { message: e.message, fatal: e.fatal, arith: e.arith, exit_status: e.exit_status }
    }
}

/// The error of an expansion; one that abandons the line (`ExpandError::abandons_line`)
/// makes the shell leave the rest of it.
pub fn failed(sh: &mut Shell, e: crate::expand::ExpandError) -> ExpandFail {
    if e.abandons_line {
        sh.flow = Some(crate::shell::Flow::Interrupt);
    }
    e.into()
}

/// Expands command words: fields after splitting and globbing.
#[inline]
pub fn expand_words(sh: &mut Shell, words: &[Word]) -> Result<Vec<Vec<u8>>, ExpandFail> {
    crate::expand::expand_words(sh, words).map_err(|e| failed(sh, e))
}

/// Expands the words of a simple command (declaration utilities keep assignments whole).
#[inline]
pub fn expand_command_words(sh: &mut Shell, words: &[Word]) -> Result<Vec<Vec<u8>>, ExpandFail> {
    crate::expand::expand_command_words(sh, words).map_err(|e| failed(sh, e))
}

/// Expands one word without field splitting or globbing.
#[inline]
pub fn expand_word(sh: &mut Shell, word: &Word) -> Result<Vec<u8>, ExpandFail> {
    crate::expand::expand_word(sh, word).map_err(|e| failed(sh, e))
}

/// Expands the value of an assignment.
#[inline]
pub fn expand_assignment_value(sh: &mut Shell, word: &Word) -> Result<Vec<u8>, ExpandFail> {
    crate::expand::expand_assignment_value(sh, word).map_err(|e| failed(sh, e))
}

/// Whether `subject` matches the pattern `word` (`case`).
pub fn pattern_matches(sh: &mut Shell, word: &Word, subject: &[u8]) -> Result<bool, ExpandFail> {
    let flags = crate::expand::MatchFlags::case(&sh.options);
    crate::expand::pattern_matches(sh, word, subject, flags).map_err(|e| failed(sh, e))
}

/// The words `word` brace-expands to, when `set -B` is on and it has a brace expression.
#[inline]
pub fn brace_words(sh: &Shell, word: &Word) -> Option<Vec<Word>> {
    crate::expand::brace_words(sh, word)
}
