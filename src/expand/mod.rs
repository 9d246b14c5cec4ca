//! Word expansion (XCU 2.6): tilde, parameters, command substitution, arithmetic, field
//! splitting, pathname expansion and quote removal, all over bytes.
//!
//! Entry points:
//! - [`expand_words`]: command words and `for` lists (every step, may yield 0..n fields);
//! - [`expand_word`]: one string, no field splitting or globbing (assignment values,
//!   redirection targets, the `case` subject, here-document bodies);
//! - [`expand_pattern`]: a pattern that remembers which characters were quoted;
//! - [`pattern_matches`]: one pattern word against a subject (`case`, `[[ == ]]`; fast for
//!   plain words);
//! - [`fields::split_for_read`] / [`fields::split_for_read_masked`]: IFS splitting for `read`.
//!
//! Errors are [`ExpandError`]s: the executor prints them and decides whether the shell exits.

pub mod arith;
pub mod brace;
pub mod cond;
pub mod declaration;
pub mod extglob;
pub mod fields;
pub mod glob;
pub mod param;
pub mod subscript;
pub mod param_ops;
pub mod pattern;
pub mod tilde;
mod word;

use crate::shell::Shell;
use crate::syntax::ast::{Word, WordPart};

pub use fields::{Ifs, split_for_read, split_for_read_masked};
pub use pattern::{MatchFlags, Pattern, PatternRef};
use word::{Builder, Mode};

/// An expansion failed: the command is not run. The executor prints `message` with the
/// shell's prefix and, when `fatal`, a non-interactive shell exits (XCU 2.8.1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExpandError {
    /// e.g. `x: parameter not set`, `division by zero`, `x: bad substitution`.
    pub message: String,
    /// False when memory ran out: only that command fails (status 1), the shell goes on.
    pub fatal: bool,
    /// An arithmetic error (a bad expression, division by 0, a readonly target): `((...))`
    /// and `let` fail with status 1 and the shell goes on; `$((...))` ends a non-interactive
    /// shell with status 1, as bash does.
    pub arith: bool,
    /// The message shows the expression (`1/0: division by 0 ...`): `((` and `let` put their
    /// name before it.
    pub named: bool,
    /// The status a non-interactive shell exits with when `fatal`; `None` for the usual
    /// [`crate::shell::FATAL_ERROR_STATUS`].
    pub exit_status: Option<i32>,
    /// Not fatal, but the rest of the line it was read in is abandoned (see
    /// [`ExpandError::abandons_line`]).
    pub abandons_line: bool,
}

impl ExpandError {
    pub fn new(message: impl Into<String>) -> Self {
        ExpandError { message: message.into(), fatal: true, arith: false, named: false, exit_status: None, abandons_line: false }
    }

    /// No error: the command is abandoned because the subshell it ran in goes on in a child
    /// (see `exec::virtual_subshell::need_process`), which runs it. Nothing is reported.
    pub fn abandoned() -> Self {
        ExpandError::new(String::new())
    }

    /// An arithmetic error (see `arith`).
    pub fn arith(message: impl Into<String>) -> Self {
        ExpandError { message: message.into(), fatal: true, arith: true, named: true, exit_status: None, abandons_line: false }
    }

    /// A bash form that is malformed (`${x@Z}`, `${x!}`): the shell exits with status 1, as
    /// bash and `bash --posix` both do.
    pub fn bad_substitution(text: &[u8]) -> Self {
        ExpandError {
            message: format!("${{{}}}: bad substitution", String::from_utf8_lossy(text)),
            fatal: true,
            arith: false,
            named: false,
            exit_status: Some(1),
            abandons_line: false,
        }
    }

    /// An error after which only the command fails (status 1) and the shell goes on.
    pub fn command_failure(message: impl Into<String>) -> Self {
        ExpandError { message: message.into(), fatal: false, arith: false, named: false, exit_status: None, abandons_line: false }
    }

    /// An error that abandons the rest of the line it was read in (status 1), in a script as
    /// at the prompt; the shell goes on with the next line, as bash does: `substring expression
    /// < 0`, `invalid indirect expansion`, `invalid variable name`, failglob's `no match`.
    pub fn abandons_line(message: impl Into<String>) -> Self {
        ExpandError { abandons_line: true, ..ExpandError::command_failure(message) }
    }

    /// A result too big for the memory left (`ulimit -v`): a `$(...)` output, a concatenation.
    pub fn out_of_memory() -> Self {
        ExpandError::command_failure("cannot allocate memory")
    }
}

/// Expands command words (or a `for` list) into fields: tilde, parameter, command and
/// arithmetic expansion, field splitting, pathname expansion (unless `set -f`) and quote
/// removal.
pub fn expand_words(sh: &mut Shell, words: &[Word]) -> Result<Vec<Vec<u8>>, ExpandError> {
    let mut b = Builder::new(
        Mode::Fields,
        !sh.options.noglob,
        Vec::with_capacity(words.len()),
    );
    b.glob_options = glob::GlobOptions::of(&sh.options);
    for w in words {
        match brace_words(sh, w) {
            Some(ws) => ws.iter().try_for_each(|w| expand_into(sh, &mut b, w))?,
            None => expand_into(sh, &mut b, w)?,
        }
    }
    b.finish_fields(sh)
}

/// Expands the words of a simple command: as [`expand_words`], except that the arguments of
/// a declaration utility (`export v=$x`) that have the form of an assignment are expanded as
/// assignment values (see [`declaration`]).
pub fn expand_command_words(sh: &mut Shell, words: &[Word]) -> Result<Vec<Vec<u8>>, ExpandError> {
    if declaration::may_declare(words) {
        declaration::expand_command_words(sh, words)
    } else {
        expand_words(sh, words)
    }
}

/// Expands one word into fields, appending them to `out`.
pub fn expand_word_into(
    sh: &mut Shell,
    word: &Word,
    out: &mut Vec<Vec<u8>>,
) -> Result<(), ExpandError> {
    let mut b = Builder::new(Mode::Fields, !sh.options.noglob, std::mem::take(out));
    b.glob_options = glob::GlobOptions::of(&sh.options);
    let r = match brace_words(sh, word) {
        Some(ws) => ws.iter().try_for_each(|w| expand_into(sh, &mut b, w)),
        None => expand_into(sh, &mut b, word),
    };
    *out = b.finish_fields(sh)?;
    r
}

/// The words `word` brace-expands to, when it has a brace expression and `set -B` is on.
#[inline]
pub fn brace_words(sh: &Shell, word: &Word) -> Option<Vec<Word>> {
    if sh.options.braceexpand.0 && brace::may_expand(word) { brace::expand(word) } else { None }
}

fn expand_into(sh: &mut Shell, b: &mut Builder, word: &Word) -> Result<(), ExpandError> {
    // Fast path: a plain word expands to itself with one allocation.
    if let [part] = word.parts.as_slice() {
        match part {
            WordPart::Literal(s)
                if sh.options.noglob || !pattern::has_magic_with(s, b.glob_options.extglob) =>
            {
                b.push_field(s.clone());
                return Ok(());
            }
            WordPart::Quoted(s) => {
                b.push_field(s.clone());
                return Ok(());
            }
            _ => {}
        }
    }
    word::expand_parts(sh, b, &word.parts, false)?;
    b.end_word();
    Ok(())
}

/// Evaluates an arithmetic expression (`$((...))`, `((...))`, a `for ((...))` clause).
pub fn eval_arith(sh: &mut Shell, a: &crate::syntax::ast::Arith) -> Result<i64, ExpandError> {
    word::eval_arith(sh, a)
}

/// Expands one word to a single string: no field splitting, no pathname expansion.
pub fn expand_word(sh: &mut Shell, word: &Word) -> Result<Vec<u8>, ExpandError> {
    if let [WordPart::Literal(s) | WordPart::Quoted(s)] = word.parts.as_slice() {
        return Ok(s.clone());
    }
    let mut b = Builder::new(Mode::Single, false, Vec::new());
    word::expand_parts(sh, &mut b, &word.parts, false)?;
    b.finish_single()
}

/// Expands the value of an assignment (`x=value`, and `export x=value`): one string, as
/// [`expand_word`]; a tilde prefix in the word of `${u-~:}` ends at a `:`.
pub fn expand_assignment_value(sh: &mut Shell, word: &Word) -> Result<Vec<u8>, ExpandError> {
    if let [WordPart::Literal(s) | WordPart::Quoted(s)] = word.parts.as_slice() {
        return Ok(s.clone());
    }
    let mut b = Builder::new(Mode::Single, false, Vec::new());
    b.assignment = true;
    word::expand_parts(sh, &mut b, &word.parts, false)?;
    b.finish_single()
}

/// Expands a word as a pattern (`case` patterns, `[[ == ]]`, `${x#pat}`): quoted characters
/// are literal. `flags`: [`MatchFlags::case`], [`MatchFlags::cond`], ... as the use asks.
pub fn expand_pattern(sh: &mut Shell, word: &Word, flags: MatchFlags) -> Result<Pattern, ExpandError> {
    let mut b = Builder::new(Mode::Pattern, false, Vec::new());
    word::expand_parts(sh, &mut b, &word.parts, false)?;
    Ok(Pattern::with_flags(b.finish_single()?, flags))
}

/// Expands one word to a single string in which each quoted byte is preceded by
/// `word::QUOTE_MARK` (see [`cond`], which decodes it).
fn expand_marked(sh: &mut Shell, word: &Word) -> Result<Vec<u8>, ExpandError> {
    let mut b = Builder::new(Mode::Marked, false, Vec::new());
    word::expand_parts(sh, &mut b, &word.parts, false)?;
    b.finish_single()
}

/// Does the pattern word `pattern` match `subject` (`case` with [`MatchFlags::case`], `[[ ==
/// ]]` with [`MatchFlags::cond`])? Plain words are matched in place, without building a
/// pattern.
pub fn pattern_matches(
    sh: &mut Shell,
    pattern: &Word,
    subject: &[u8],
    flags: MatchFlags,
) -> Result<bool, ExpandError> {
    match pattern.parts.as_slice() {
        [WordPart::Literal(p)] => Ok(PatternRef::with_flags(p, flags).matches(subject)),
        [WordPart::Quoted(p)] if flags.nocase => Ok(p.eq_ignore_ascii_case(subject)),
        [WordPart::Quoted(p)] => Ok(p.as_slice() == subject),
        _ => Ok(expand_pattern(sh, pattern, flags)?.matches(subject)),
    }
}
