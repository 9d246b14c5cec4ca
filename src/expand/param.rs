//! Parameter expansion (XCU 2.6.2): `$x`, special parameters and every `${...}` form.

use super::pattern::PatternRef;
use super::word::{Builder, Mode, expand_param_word, expand_parts};
use super::{ExpandError, Pattern, arith, fields};
use crate::shell::Shell;
use crate::syntax::ast::{Param, ParamExp, ParamOp, Word, WordPart};

/// A parameter's value, borrowed from the shell when possible.
enum Val<'a> {
    Unset,
    Ref(&'a [u8]),
    Own(Vec<u8>),
}

impl Val<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Val::Unset => b"",
            Val::Ref(s) => s,
            Val::Own(v) => v,
        }
    }
}

fn is_multi(p: &Param) -> bool {
    matches!(p, Param::Special(b'@') | Param::Special(b'*'))
}

/// The name of a parameter for messages.
pub fn param_name(p: &Param) -> String {
    match p {
        Param::Var(n) => String::from_utf8_lossy(n).into_owned(),
        Param::Positional(n) => n.to_string(),
        Param::Special(c) => (*c as char).to_string(),
    }
}

fn lookup<'a>(sh: &'a Shell, p: &Param) -> Val<'a> {
    match p {
        // LINENO is maintained by the executor in `sh.lineno`, not as a variable.
        Param::Var(name) if name.as_slice() == b"LINENO" => {
            Val::Own(arith::i64_bytes(sh.lineno as i64))
        }
        Param::Var(name) => match sh.vars.get(name) {
            Some(v) => Val::Ref(v),
            None => Val::Unset,
        },
        Param::Positional(0) => Val::Ref(&sh.arg0),
        Param::Positional(n) => match sh.positional.get(n - 1) {
            Some(v) => Val::Ref(v),
            None => Val::Unset,
        },
        Param::Special(c) => match c {
            b'?' => Val::Own(arith::i64_bytes(sh.last_status as i64)),
            b'$' => Val::Own(arith::i64_bytes(sh.shell_pid as i64)),
            b'!' => match sh.last_bg_pid {
                Some(pid) => Val::Own(arith::i64_bytes(pid as i64)),
                None => Val::Unset,
            },
            b'#' => Val::Own(arith::i64_bytes(sh.positional.len() as i64)),
            b'-' => Val::Own(sh.options.dollar_dash()),
            b'0' => Val::Ref(&sh.arg0),
            b'@' => Val::Own(join(&sh.positional, Some(b' '))),
            b'*' => Val::Own(join(&sh.positional, fields::star_join(sh))),
            _ => Val::Unset,
        },
    }
}

fn join(items: &[Vec<u8>], sep: Option<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            if let Some(s) = sep {
                out.push(s);
            }
        }
        out.extend_from_slice(it);
    }
    out
}

fn unset_error(p: &Param) -> ExpandError {
    ExpandError::new(format!("{}: parameter not set", param_name(p)))
}

/// Assigns `value` to variable `name` as an expansion does (`${x=w}`, arithmetic).
pub fn assign(sh: &mut Shell, name: &[u8], value: Vec<u8>) -> Result<(), ExpandError> {
    let r = if sh.options.allexport {
        sh.vars.set_exported(name, value)
    } else {
        sh.vars.set(name, value)
    };
    r.map_err(|e| ExpandError::new(e.to_string()))
}

/// Expands `pe` into `b`; `quoted` is true inside double quotes.
/// The value of a scalar parameter when it is a canonical decimal integer (see
/// `arith::canonical_decimal`); `None` otherwise, including unset.
pub(crate) fn decimal_value(sh: &Shell, p: &Param) -> Option<i64> {
    match p {
        Param::Special(b'?') => Some(sh.last_status as i64),
        Param::Special(b'#') => Some(sh.positional.len() as i64),
        _ if is_multi(p) => None,
        _ => arith::canonical_decimal(lookup(sh, p).bytes()),
    }
}

pub(crate) fn expand(
    sh: &mut Shell,
    b: &mut Builder,
    pe: &ParamExp,
    quoted: bool,
) -> Result<(), ExpandError> {
    let p = &pe.param;
    match &pe.op {
        ParamOp::Plain => {
            if is_multi(p) {
                push_multi(sh, b, p, quoted, None);
                return Ok(());
            }
            let v = lookup(sh, p);
            if let Val::Unset = v {
                if sh.options.nounset {
                    return Err(unset_error(p));
                }
            }
            b.push_value(sh, v.bytes(), quoted);
        }
        ParamOp::Length => {
            let n = if is_multi(p) {
                sh.positional.len()
            } else {
                let v = lookup(sh, p);
                if let Val::Unset = v {
                    if sh.options.nounset {
                        return Err(unset_error(p));
                    }
                }
                v.bytes().len()
            };
            b.push_value(sh, &arith::i64_bytes(n as i64), quoted);
        }
        ParamOp::Default { colon, word } => {
            if use_word(sh, p, *colon, quoted || b.mode != Mode::Fields) {
                expand_param_word(sh, b, &word.parts, quoted)?;
            } else {
                plain(sh, b, p, quoted);
            }
        }
        ParamOp::Alternative { colon, word } => {
            if !use_word(sh, p, *colon, quoted || b.mode != Mode::Fields) {
                expand_param_word(sh, b, &word.parts, quoted)?;
            } else {
                b.push_value(sh, b"", quoted);
            }
        }
        ParamOp::Assign { colon, word } => {
            if use_word(sh, p, *colon, quoted || b.mode != Mode::Fields) {
                let Param::Var(name) = p else {
                    return Err(ExpandError::new(format!(
                        "{}: cannot assign in this way",
                        param_name(p)
                    )));
                };
                let value = expand_single(sh, word)?;
                assign(sh, name, value)?;
                if name.as_slice() == b"IFS" {
                    b.invalidate_ifs();
                }
                let v = lookup(sh, p);
                b.push_value(sh, v.bytes(), quoted);
            } else {
                plain(sh, b, p, quoted);
            }
        }
        ParamOp::Error { colon, word } => {
            if use_word(sh, p, *colon, quoted || b.mode != Mode::Fields) {
                let msg = if word.parts.is_empty() {
                    if *colon {
                        "parameter not set or null".to_string()
                    } else {
                        "parameter not set".to_string()
                    }
                } else {
                    String::from_utf8_lossy(&expand_single(sh, word)?).into_owned()
                };
                return Err(ExpandError::new(format!("{}: {}", param_name(p), msg)));
            }
            plain(sh, b, p, quoted);
        }
        ParamOp::RemoveSmallestSuffix(w) => remove(sh, b, p, w, quoted, false, false)?,
        ParamOp::RemoveLargestSuffix(w) => remove(sh, b, p, w, quoted, false, true)?,
        ParamOp::RemoveSmallestPrefix(w) => remove(sh, b, p, w, quoted, true, false)?,
        ParamOp::RemoveLargestPrefix(w) => remove(sh, b, p, w, quoted, true, true)?,
        ParamOp::Invalid(text) => {
            return Err(ExpandError::new(format!(
                "${{{}}}: bad substitution",
                String::from_utf8_lossy(text)
            )));
        }
    }
    Ok(())
}

/// Should the word of `${p-w}` / `${p:-w}` (and friends) be used?
/// `joined`: `$*` is joined into one string here (quoted, or no field splitting).
fn use_word(sh: &Shell, p: &Param, colon: bool, joined: bool) -> bool {
    if is_multi(p) {
        if sh.positional.is_empty() {
            return true;
        }
        if !colon || !sh.positional.iter().all(|v| v.is_empty()) {
            return false;
        }
        // All empty: null when they join to nothing. `"$*"` joins with the first byte of
        // IFS (none when IFS is empty: `IFS=; "${*:-w}"` is `w` in dash and bash).
        let joined_by_nothing = joined
            && matches!(p, Param::Special(b'*'))
            && sh.vars.get(b"IFS").is_some_and(|v| v.is_empty());
        return sh.positional.len() <= 1 || joined_by_nothing;
    }
    match lookup(sh, p) {
        Val::Unset => true,
        v => colon && v.bytes().is_empty(),
    }
}

/// The value of a set parameter (no nounset check needed).
fn plain(sh: &Shell, b: &mut Builder, p: &Param, quoted: bool) {
    if is_multi(p) {
        push_multi(sh, b, p, quoted, None);
    } else {
        let v = lookup(sh, p);
        b.push_value(sh, v.bytes(), quoted);
    }
}

/// `$@` / `$*` (optionally each element transformed), with their field rules.
fn push_multi(sh: &Shell, b: &mut Builder, p: &Param, quoted: bool, items: Option<Vec<Vec<u8>>>) {
    let items: &[Vec<u8>] = match &items {
        Some(v) => v,
        None => &sh.positional,
    };
    let star = matches!(p, Param::Special(b'*'));
    if b.mode == Mode::Fields && !(quoted && star) {
        if quoted {
            // "$@": one field per element; none at all when there are no elements.
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    b.force_delimit();
                }
                b.push_quoted(it);
            }
        } else {
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    b.delimit();
                }
                b.push_value(sh, it, false);
            }
        }
        return;
    }
    // "$*", or any context without fields: join.
    let sep = if star {
        fields::star_join(sh)
    } else {
        Some(b' ')
    };
    if items.is_empty() {
        b.push_value(sh, b"", quoted);
    }
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            if let Some(s) = sep {
                b.push_value(sh, &[s], quoted);
            }
        }
        b.push_value(sh, it, quoted);
    }
}

/// `${p#w}`, `${p##w}`, `${p%w}`, `${p%%w}`.
fn remove(
    sh: &mut Shell,
    b: &mut Builder,
    p: &Param,
    w: &Word,
    quoted: bool,
    prefix: bool,
    longest: bool,
) -> Result<(), ExpandError> {
    // A literal word (the usual `*/`, `.*`) is used in place, without building a pattern.
    let owned;
    // The value as it was before the pattern was expanded, when expanding it may assign:
    // `${x#${x=y}}` cuts the old value of x (dash, bash).
    let mut before = None;
    let pat = match w.parts.as_slice() {
        [WordPart::Literal(l)] => PatternRef::new(l),
        _ => {
            if !is_multi(p) {
                match lookup(sh, p) {
                    // The pattern of an unset parameter is not needed, so not expanded: no
                    // command substitution runs and no `${w=...}` in it assigns (dash, bash).
                    Val::Unset => {
                        if sh.options.nounset {
                            return Err(unset_error(p));
                        }
                        b.push_value(sh, b"", quoted);
                        return Ok(());
                    }
                    v if may_assign(&w.parts) => before = Some(v.bytes().to_vec()),
                    _ => {}
                }
            }
            owned = pattern_of(sh, w)?;
            owned.as_ref()
        }
    };
    let cut = |s: &[u8]| -> std::ops::Range<usize> {
        if prefix {
            pat.prefix_len(s, longest)..s.len()
        } else {
            0..s.len() - pat.suffix_len(s, longest)
        }
    };
    if is_multi(p) {
        let items: Vec<Vec<u8>> = sh.positional.iter().map(|s| s[cut(s)].to_vec()).collect();
        push_multi(sh, b, p, quoted, Some(items));
        return Ok(());
    }
    if let Some(s) = before {
        b.push_value(sh, &s[cut(&s)], quoted);
        return Ok(());
    }
    let v = lookup(sh, p);
    if let Val::Unset = v {
        if sh.options.nounset {
            return Err(unset_error(p));
        }
    }
    let s = v.bytes();
    b.push_value(sh, &s[cut(s)], quoted);
    Ok(())
}

/// Can expanding `parts` assign a variable (`${x=...}`, `$((x=1))`)? Command substitutions
/// run in a subshell and cannot.
fn may_assign(parts: &[WordPart]) -> bool {
    parts.iter().any(|part| match part {
        WordPart::Arith(_) => true,
        WordPart::DoubleQuoted(inner) => may_assign(inner),
        WordPart::Param(pe) => match &pe.op {
            ParamOp::Assign { .. } => true,
            ParamOp::Default { word, .. }
            | ParamOp::Alternative { word, .. }
            | ParamOp::Error { word, .. }
            | ParamOp::RemoveSmallestSuffix(word)
            | ParamOp::RemoveLargestSuffix(word)
            | ParamOp::RemoveSmallestPrefix(word)
            | ParamOp::RemoveLargestPrefix(word) => may_assign(&word.parts),
            ParamOp::Plain | ParamOp::Length | ParamOp::Invalid(_) => false,
        },
        WordPart::Literal(_) | WordPart::Quoted(_) | WordPart::CommandSub(_) | WordPart::Tilde(_) => false,
    })
}

fn pattern_of(sh: &mut Shell, w: &Word) -> Result<Pattern, ExpandError> {
    let mut pb = Builder::new(Mode::Pattern, false, Vec::new());
    expand_parts(sh, &mut pb, &w.parts, false)?;
    Ok(Pattern::new(pb.finish_single()?))
}

fn expand_single(sh: &mut Shell, w: &Word) -> Result<Vec<u8>, ExpandError> {
    let mut sb = Builder::new(Mode::Single, false, Vec::new());
    expand_param_word(sh, &mut sb, &w.parts, false)?;
    sb.finish_single()
}
