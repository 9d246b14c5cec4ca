//! The words of declaration utilities (XCU 2.9.1.1, POSIX 2024): when the command name is
//! `export`, `readonly`, `local`, `declare` or `typeset` (also after `command`), an argument
//! that would be an
//! assignment on its own is expanded as an assignment value is: tilde expansion after the `=`
//! and after each unquoted `:`, no field splitting and no pathname expansion. The other
//! arguments are expanded as usual. As in dash, the command name is known once expanded, so
//! `\export` and `$cmd` count too.
//!
//! A compound value (`declare -a a=(1 'x y')`) reaches the utility as its text, which it
//! parses and expands once it knows the variable's attributes (bash does the same). Its `=` is
//! followed by a NUL, which no expanded word holds, so that the utility can tell it from a
//! quoted `a='(1 2)'`.

use super::word::{self, Builder, Mode};
use super::{ExpandError, tilde};
use crate::shell::Shell;
use crate::syntax::ast::{Word, WordPart};

/// Names of the declaration utilities.
fn is_declaration(name: &[u8]) -> bool {
    matches!(name, b"export" | b"readonly" | b"local" | b"declare" | b"typeset")
}

/// Marks a compound value in a declaration utility's argument (see the module's text).
pub const COMPOUND_MARK: u8 = 0;

/// The parser's text of a compound argument, `name=(...)` or `name+=(...)`: an unquoted `(`
/// cannot be in a word otherwise.
fn compound_text(w: &Word) -> Option<&[u8]> {
    let [WordPart::Literal(s)] = w.parts.as_slice() else {
        return None;
    };
    let eq = s.iter().position(|&c| c == b'=')?;
    let name = s[..eq].strip_suffix(b"+").unwrap_or(&s[..eq]);
    (crate::shell::vars::is_name(name) && s[eq + 1..].starts_with(b"(")).then_some(s)
}

/// Could `words` be the words of a declaration utility? False for the usual plain command name,
/// which is then expanded with no further look.
pub(super) fn may_declare(words: &[Word]) -> bool {
    match words.first().map(|w| w.parts.as_slice()) {
        Some([WordPart::Literal(name)]) => is_declaration(name) || name.as_slice() == b"command",
        Some(_) => true,
        None => false,
    }
}

/// Expands the words of a simple command whose name may be a declaration utility.
pub(super) fn expand_command_words(
    sh: &mut Shell,
    words: &[Word],
) -> Result<Vec<Vec<u8>>, ExpandError> {
    let mut b = Builder::new(
        Mode::Fields,
        !sh.options.noglob,
        Vec::with_capacity(words.len()),
    );
    b.glob_options = super::glob::GlobOptions::of(&sh.options);
    // Fields looked at for the command name (`command` may come before it), then the verdict.
    let mut examined = 0;
    let mut declaration = None;
    let braced: Vec<Word>;
    let words = if sh.options.braceexpand.0 && words.iter().any(super::brace::may_expand) {
        braced = brace_all(words);
        &braced[..]
    } else {
        words
    };
    for w in words {
        if declaration == Some(true) {
            if let Some(text) = compound_text(w) {
                let eq = text.iter().position(|&c| c == b'=').expect("checked") + 1;
                let mut field = Vec::with_capacity(text.len() + 1);
                field.extend_from_slice(&text[..eq]);
                field.push(COMPOUND_MARK);
                field.extend_from_slice(&text[eq..]);
                b.push_field(field);
                continue;
            }
        }
        if declaration == Some(true) && assignment_form(w) {
            let value = expand_assignment_word(sh, w)?;
            b.push_field(value);
            continue;
        }
        super::expand_into(sh, &mut b, w)?;
        while declaration.is_none() && examined < b.fields().len() {
            let name = b.fields()[examined].as_slice();
            examined += 1;
            if is_declaration(name) {
                declaration = Some(true);
            } else if name != b"command" {
                declaration = Some(false);
            }
        }
    }
    b.finish_fields(sh)
}

/// The words after brace expansion (`export x={a,b}` is `export x=a x=b` in bash).
fn brace_all(words: &[Word]) -> Vec<Word> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        match super::brace::expand(w) {
            Some(ws) => out.extend(ws),
            None => out.push(w.clone()),
        }
    }
    out
}

/// The word starts with an unquoted `name=`.
fn assignment_form(w: &Word) -> bool {
    match w.parts.first() {
        Some(WordPart::Literal(s)) => s
            .iter()
            .position(|&c| c == b'=')
            .is_some_and(|eq| crate::shell::vars::is_name(&s[..eq])),
        _ => false,
    }
}

/// Expands an assignment-form word to one string, as the value of an assignment.
fn expand_assignment_word(sh: &mut Shell, w: &Word) -> Result<Vec<u8>, ExpandError> {
    let mut b = Builder::new(Mode::Single, false, Vec::new());
    b.assignment = true;
    let parts = w.parts.as_slice();
    for (i, part) in parts.iter().enumerate() {
        match part {
            // The parser leaves tildes after `=` and `:` as text unless the name was a literal
            // `export` or `readonly`.
            WordPart::Literal(s) => push_with_tildes(sh, &mut b, s, i == 0, i + 1 == parts.len()),
            _ => word::expand_parts(sh, &mut b, std::slice::from_ref(part), false)?,
        }
    }
    b.finish_single()
}

/// Pushes unquoted text of an assignment word, expanding the tilde prefixes that begin right
/// after the first `=` (in the `first` part) or after a `:`. A prefix runs to a `/`, a `:` or
/// the end of the word; one that runs into the next part holds quoted or expanded text and
/// stays as written.
fn push_with_tildes(sh: &Shell, b: &mut Builder, s: &[u8], first: bool, last: bool) {
    let from = if first {
        s.iter().position(|&c| c == b'=').map_or(s.len(), |eq| eq + 1)
    } else {
        0
    };
    let mut done = 0;
    let mut t = from;
    while t < s.len() {
        let prefix_start = s[t] == b'~' && ((first && t == from) || (t > from && s[t - 1] == b':'));
        if !prefix_start {
            t += 1;
            continue;
        }
        let end = s[t + 1..]
            .iter()
            .position(|&c| matches!(c, b'/' | b':'))
            .map(|k| t + 1 + k);
        let Some(end) = end.or(last.then_some(s.len())) else {
            break;
        };
        let user = &s[t + 1..end];
        let user = (!user.is_empty()).then_some(user);
        if tilde::is_login_name(user)
            && let Some(dir) = tilde::expand(sh, user)
        {
            b.push_lit(&s[done..t]);
            b.push_quoted(&dir);
            done = end;
        }
        t = end;
    }
    b.push_lit(&s[done..]);
}
