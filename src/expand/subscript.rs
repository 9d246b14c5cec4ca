//! Array subscripts at run time: `a[i]` evaluates `i` as arithmetic for an indexed array (or a
//! variable that is not an associative array yet); `m[k]` takes the expanded `k` as the key of
//! an associative array.

use super::{ExpandError, arith};
use crate::shell::{Key, Shell};
use crate::syntax::ast::Word;

/// A subscript evaluated for a given variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subscript {
    Index(i64),
    Key(Vec<u8>),
}

impl Subscript {
    pub fn key(&self) -> Key<'_> {
        match self {
            Subscript::Index(i) => Key::Index(*i),
            Subscript::Key(k) => Key::Name(k),
        }
    }
}

/// Evaluates the subscript word `sub` of variable `name`. An empty key is an error (bash's
/// `bad array subscript`, with `shown` as the text of the whole reference).
pub fn evaluate(sh: &mut Shell, name: &[u8], sub: &Word, shown: impl FnOnce() -> String) -> Result<Subscript, ExpandError> {
    let text = super::expand_word(sh, sub)?;
    from_text(sh, name, &text, shown)
}

/// Evaluates an already expanded subscript (`unset 'a[i]'`, `[[ -v a[i] ]]`, arithmetic).
pub fn from_text(sh: &mut Shell, name: &[u8], text: &[u8], shown: impl FnOnce() -> String) -> Result<Subscript, ExpandError> {
    if sh.vars.is_assoc(name) {
        if text.is_empty() {
            return Err(bad_subscript(&shown()));
        }
        return Ok(Subscript::Key(text.to_vec()));
    }
    Ok(Subscript::Index(index(sh, text)?))
}

/// The arithmetic value of an indexed array's subscript: a plain number directly, anything
/// else parsed and evaluated.
pub fn index(sh: &mut Shell, text: &[u8]) -> Result<i64, ExpandError> {
    if let Some(n) = arith::canonical_decimal(text) {
        return Ok(n);
    }
    arith::eval_text(sh, text)
}

/// A bad subscript is bash's alone: its status 1 when it ends a script (also in POSIX mode).
pub fn bad_subscript(shown: &str) -> ExpandError {
    let mut e = ExpandError::new(format!("{shown}: bad array subscript"));
    e.exit_status = Some(1);
    e
}

/// `[[ -v ref ]]` / `test -v ref`: whether variable `name` (element 0 of an array) or the
/// element `name[sub]` is set; `name[@]` and `name[*]`: whether the array has an element. A
/// negative index before the first element is reported as bash does, and is not set.
pub fn is_set(sh: &mut Shell, reference: &[u8]) -> Result<bool, ExpandError> {
    let Some(open) = reference.iter().position(|&c| c == b'[') else {
        return Ok(sh.vars.is_set(reference));
    };
    let (name, sub) = match reference[open + 1..].strip_suffix(b"]") {
        Some(sub) => (&reference[..open], sub),
        None => return Ok(false),
    };
    if matches!(sub, b"@" | b"*") {
        return Ok(sh.vars.value(name).is_some_and(|v| !v.is_empty()));
    }
    if sh.vars.is_assoc(name) && sub.is_empty() {
        return Ok(false);
    }
    let shown = || String::from_utf8_lossy(name).into_owned();
    let key = from_text(sh, name, sub, shown)?;
    match sh.vars.element(name, key.key()) {
        Ok(v) => Ok(v.is_some()),
        Err(e) => {
            sh.report_error(&e.to_string());
            Ok(false)
        }
    }
}
