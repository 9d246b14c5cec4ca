//! Parameter expansion (XCU 2.6.2): `$x`, special parameters and every `${...}` form.

use super::param_ops::{self, Anchor, SliceError, Substitution};
use super::pattern::{MatchFlags, PatternRef};
use super::word::{Builder, Mode, expand_param_word, expand_parts};
use super::{ExpandError, Pattern, arith, fields};
use super::subscript;
use crate::shell::{Key, Shell, Value};
use crate::syntax::ast::{CaseTo, Element, Index, Param, ParamExp, ParamOp, SubArith, Substring, Word, WordPart};

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

/// `$@`, `$*`, `${a[@]}`, `${a[*]}`: several values.
fn is_multi(p: &Param) -> bool {
    match p {
        Param::Special(c) => matches!(c, b'@' | b'*'),
        Param::Element(e) => matches!(e.index, Index::All | Index::Star),
        _ => false,
    }
}

/// `$*` or `${a[*]}`: the values are joined with the first byte of IFS.
fn is_star(p: &Param) -> bool {
    match p {
        Param::Special(c) => *c == b'*',
        Param::Element(e) => matches!(e.index, Index::Star),
        _ => false,
    }
}

/// The values of a multi-valued parameter: the positional parameters, or an array's values.
fn multi_items<'a>(sh: &'a Shell, p: &Param) -> std::borrow::Cow<'a, [Vec<u8>]> {
    match p {
        Param::Element(e) => std::borrow::Cow::Owned(match sh.vars.value(&e.name) {
            Some(v) => v.values().map(<[u8]>::to_vec).collect(),
            None => Vec::new(),
        }),
        _ => std::borrow::Cow::Borrowed(&sh.positional),
    }
}

/// How many values a multi-valued parameter has.
fn multi_len(sh: &Shell, p: &Param) -> usize {
    match p {
        Param::Element(e) => sh.vars.value(&e.name).map_or(0, |v| v.len()),
        _ => sh.positional.len(),
    }
}

/// The name of a parameter for messages.
pub fn param_name(p: &Param) -> String {
    match p {
        Param::Var(n) => String::from_utf8_lossy(n).into_owned(),
        Param::Positional(n) => n.to_string(),
        Param::Special(c) => (*c as char).to_string(),
        Param::Indirect(r) => param_name(r),
        Param::Element(e) => {
            let mut t = Vec::new();
            crate::jobs::text::write_element(&mut t, e);
            String::from_utf8_lossy(&t).into_owned()
        }
    }
}

fn lookup<'a>(sh: &'a Shell, p: &Param) -> Val<'a> {
    match p {
        // LINENO is maintained by the executor in `sh.lineno`, not as a variable.
        Param::Var(name) if name.as_slice() == b"LINENO" => {
            Val::Own(arith::i64_bytes(sh.lineno as i64))
        }
        // `$_` is kept by the executor in `sh.last_arg`, not as a variable.
        Param::Var(name) if name.as_slice() == b"_" => Val::Ref(&sh.last_arg),
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
        // `${!ref}` of a name reference is the name it refers to (bash); other indirections
        // are resolved by `expand` before any lookup.
        Param::Indirect(r) => match r.as_ref() {
            Param::Var(n) => match sh.vars.var(n).and_then(|v| v.scalar()) {
                Some(target) if sh.vars.is_reference(n) => Val::Ref(target),
                _ => Val::Unset,
            },
            _ => Val::Unset,
        },
        Param::Element(e) => {
            let key = match &e.index {
                Index::Number(i) => Key::Index(*i),
                Index::Key(k) => Key::Name(k),
                Index::All => return Val::Own(join(&multi_items(sh, p), Some(b' '))),
                Index::Star => return Val::Own(join(&multi_items(sh, p), fields::star_join(sh))),
                // Resolved by `expand` before any lookup.
                Index::Expr(_) => return Val::Unset,
            };
            match sh.vars.element(&e.name, key) {
                Ok(Some(v)) => Val::Ref(v),
                _ => Val::Unset,
            }
        }
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
    if let Param::Element(_) = p {
        // An array element is bash's alone: its message, and its status 1.
        let mut e = ExpandError::new(format!("{}: unbound variable", param_name(p)));
        e.exit_status = Some(1);
        return e;
    }
    ExpandError::new(format!("{}: parameter not set", param_name(p)))
}

/// Assigns `value` to variable `name` as an expansion does (`${x=w}`, arithmetic).
pub fn assign(sh: &mut Shell, name: &[u8], value: Vec<u8>) -> Result<(), ExpandError> {
    Ok(crate::shell::assign::assign(sh, name, value, false)?)
}

/// Gives a dynamic variable (`RANDOM`, `FUNCNAME`, ...) its value before `p` is read.
#[inline]
pub(crate) fn refresh_dynamic(sh: &mut Shell, p: &Param) -> Result<(), ExpandError> {
    let go_on = match p {
        Param::Var(name) => crate::shell::dynamic::refresh(sh, name),
        Param::Element(e) => crate::shell::dynamic::refresh(sh, &e.name),
        _ => true,
    };
    if go_on { Ok(()) } else { Err(ExpandError::abandoned()) }
}

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

/// Expands `pe` into `b`; `quoted` is true inside double quotes.
pub(crate) fn expand(
    sh: &mut Shell,
    b: &mut Builder,
    pe: &ParamExp,
    quoted: bool,
) -> Result<(), ExpandError> {
    let target;
    let resolved;
    let p = match &pe.param {
        // `${!a[@]}`, `${!a[*]}`: the subscripts of an array.
        Param::Indirect(r) if is_multi(r) && matches!(**r, Param::Element(_)) => {
            return keys(sh, b, r, quoted);
        }
        // `${!ref}` of a name reference is the name it refers to (bash): see `lookup`.
        Param::Indirect(r) if is_reference(sh, r) => &pe.param,
        Param::Indirect(r) => {
            target = indirect_target(sh, r)?;
            &target
        }
        p => p,
    };
    let p = match p {
        Param::Element(e) if matches!(e.index, Index::Expr(_)) => {
            resolved = resolve_element(sh, e)?;
            &resolved
        }
        p => p,
    };
    refresh_dynamic(sh, p)?;
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
                multi_len(sh, p)
            } else {
                let v = lookup(sh, p);
                if let Val::Unset = v {
                    if sh.options.nounset {
                        return Err(unset_error(p));
                    }
                }
                let s = v.bytes();
                // Characters: bytes unless the value has some beyond ASCII in a UTF-8 locale.
                if s.is_ascii() || !param_ops::utf8_locale(sh) {
                    s.len()
                } else {
                    param_ops::char_count(s, true)
                }
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
        ParamOp::Replace { all, pattern, replacement } => {
            if unset_scalar(sh, p, b, quoted)? {
                return Ok(());
            }
            let (pattern, anchor) = substitution_pattern(sh, pattern, *all)?;
            // Bash 5.2's `patsub_replacement`, on by default.
            let amp = sh.options.shopt(crate::shell::options::Shopt::PatsubReplacement);
            let replacement = match replacement {
                Some(w) => {
                    let mut rb = Builder::new(if amp { Mode::Replacement } else { Mode::Single }, false, Vec::new());
                    expand_parts(sh, &mut rb, &w.parts, false)?;
                    rb.finish_single()?
                }
                None => Vec::new(),
            };
            let utf8 = param_ops::utf8_locale(sh);
            let flags = MatchFlags::case(&sh.options);
            let sub =
                Substitution::new(pattern, anchor, *all, replacement, amp, flags).in_utf8(utf8);
            apply_each(sh, b, p, quoted, |v, out| sub.apply(v, out));
        }
        ParamOp::Substring(sub) => substring(sh, b, p, sub, quoted)?,
        ParamOp::Case { to, all, pattern } => {
            if unset_scalar(sh, p, b, quoted)? {
                return Ok(());
            }
            let pattern = if pattern.parts.is_empty() { None } else { Some(pattern_of(sh, pattern)?) };
            let utf8 = param_ops::utf8_locale(sh);
            let (to, all) = (*to, *all);
            apply_each(sh, b, p, quoted, |v, out| {
                param_ops::change_case(v, to, all, pattern.as_ref(), utf8, out)
            });
        }
        ParamOp::Transform(op) => transform(sh, b, p, *op, quoted)?,
        ParamOp::Names { star } => {
            let Param::Var(prefix) = p else {
                return Ok(());
            };
            let mut names: Vec<Vec<u8>> = sh
                .vars
                .iter()
                .filter(|(name, var)| name.starts_with(prefix) && !var.value().is_unset())
                .map(|(name, _)| name.clone())
                .collect();
            names.sort_unstable();
            let like = Param::Special(if *star { b'*' } else { b'@' });
            push_multi(sh, b, &like, quoted, Some(names));
        }
        ParamOp::Invalid(text) => return Err(ExpandError::bad_substitution(text)),
    }
    Ok(())
}

fn is_reference(sh: &Shell, p: &Param) -> bool {
    matches!(p, Param::Var(n) if sh.vars.is_reference(n))
}

/// The parameter `${!r}` names: the value of `r` read as a parameter name (bash).
fn indirect_target(sh: &Shell, r: &Param) -> Result<Param, ExpandError> {
    let v = lookup(sh, r);
    if let Val::Unset = v {
        return Err(ExpandError::abandons_line(format!(
            "{}: invalid indirect expansion",
            param_name(r)
        )));
    }
    let name = v.bytes();
    match name {
        [c] if b"@*#?-$!0".contains(c) => return Ok(Param::Special(*c)),
        _ if crate::shell::is_name(name) => return Ok(Param::Var(name.to_vec())),
        _ if !name.is_empty() && name.iter().all(u8::is_ascii_digit) => {
            let n = std::str::from_utf8(name).ok().and_then(|s| s.parse().ok()).unwrap_or(usize::MAX);
            return Ok(Param::Positional(n));
        }
        _ => {}
    }
    // `a[1]`, `a[@]`: an element (or all elements) of an array.
    if let Some(open) = name.iter().position(|&c| c == b'[')
        && name.len() > open + 2
        && name.ends_with(b"]")
        && crate::shell::is_name(&name[..open])
    {
        let sub = &name[open + 1..name.len() - 1];
        let index = match sub {
            b"@" => Index::All,
            b"*" => Index::Star,
            _ => Index::Expr(Word { parts: vec![WordPart::Literal(sub.to_vec())], span: Default::default() }),
        };
        return Ok(Param::Element(Box::new(Element { name: name[..open].to_vec(), index })));
    }
    Err(ExpandError::abandons_line(format!(
        "{}: invalid variable name",
        String::from_utf8_lossy(name)
    )))
}

/// For an operator whose words are not expanded when the parameter is unset (bash): true
/// when `p` is an unset scalar, after pushing its empty result (or the `set -u` error).
fn unset_scalar(sh: &Shell, p: &Param, b: &mut Builder, quoted: bool) -> Result<bool, ExpandError> {
    if is_multi(p) || !matches!(lookup(sh, p), Val::Unset) {
        return Ok(false);
    }
    if sh.options.nounset {
        return Err(unset_error(p));
    }
    b.push_value(sh, b"", quoted);
    Ok(true)
}

/// Applies `f` to the value of `p` (to each positional parameter for `$@` and `$*`) and
/// pushes the results with the usual field rules.
fn apply_each(sh: &Shell, b: &mut Builder, p: &Param, quoted: bool, mut f: impl FnMut(&[u8], &mut Vec<u8>)) {
    if is_multi(p) {
        let items = multi_items(sh, p)
            .iter()
            .map(|v| {
                let mut out = Vec::with_capacity(v.len());
                f(v, &mut out);
                out
            })
            .collect();
        push_multi(sh, b, p, quoted, Some(items));
        return;
    }
    let v = lookup(sh, p);
    let mut out = Vec::with_capacity(v.bytes().len() + 8);
    f(v.bytes(), &mut out);
    b.push_value(sh, &out, quoted);
}

/// The pattern of `${x/pat/rep}` in escaped form, and where it is anchored: bash looks for
/// `#` or `%` at the start of the expanded pattern, when not quoted, and not after `//`.
fn substitution_pattern(sh: &mut Shell, w: &Word, all: bool) -> Result<(Vec<u8>, Anchor), ExpandError> {
    if let ([WordPart::Literal(l)], false) = (w.parts.as_slice(), all) {
        return Ok(match l.split_first() {
            Some((b'#', rest)) => (rest.to_vec(), Anchor::Start),
            Some((b'%', rest)) => (rest.to_vec(), Anchor::End),
            _ => (l.clone(), Anchor::Any),
        });
    }
    let mut pb = Builder::new(Mode::Pattern, false, Vec::new());
    let mut first_unquoted = None;
    for part in &w.parts {
        let before = pb.len();
        expand_parts(sh, &mut pb, std::slice::from_ref(part), false)?;
        if first_unquoted.is_none() && pb.len() > before {
            first_unquoted = Some(!matches!(
                part,
                WordPart::Quoted(_) | WordPart::DoubleQuoted(_) | WordPart::Tilde(_)
            ));
        }
    }
    let mut pat = pb.finish_single()?;
    let anchor = match (first_unquoted, pat.first()) {
        _ if all => Anchor::Any,
        (Some(true), Some(b'#')) => Anchor::Start,
        (Some(true), Some(b'%')) => Anchor::End,
        _ => Anchor::Any,
    };
    if anchor != Anchor::Any {
        pat.remove(0);
    }
    Ok((pat, anchor))
}

/// Evaluates the offset or length of `${x:off:len}`.
fn sub_arith(sh: &mut Shell, p: &Param, a: &SubArith) -> Result<i64, ExpandError> {
    let prefix = |e: ExpandError| ExpandError { message: format!("{}: {}", param_name(p), e.message), ..e };
    if let Some(expr) = &a.expr {
        return arith::eval(sh, expr, &a.text).map_err(prefix);
    }
    let mut sb = Builder::new(Mode::Single, false, Vec::new());
    expand_parts(sh, &mut sb, &a.word.parts, true)?;
    let text = sb.finish_single()?;
    arith::eval_text(sh, &text).map_err(prefix)
}

fn negative_length(a: &SubArith) -> ExpandError {
    ExpandError::abandons_line(format!(
        "{}: substring expression < 0",
        String::from_utf8_lossy(&a.text)
    ))
}

/// `${a[@]:off:count}`: the elements of an indexed array from index `off` on (counted back
/// from the highest index plus one when negative), at most `count` of them; an associative
/// array's values from position `off` in its order.
fn slice(sh: &Shell, name: &[u8], offset: i64, count: usize) -> Vec<Vec<u8>> {
    match sh.vars.value(name) {
        Some(Value::Indexed(a)) => {
            let start = if offset < 0 {
                match a.max_index().map(|m| m + 1 + offset) {
                    Some(s) if s >= 0 => s,
                    _ => return Vec::new(),
                }
            } else {
                offset
            };
            a.iter_from(start).take(count).map(|(_, v)| v.to_vec()).collect()
        }
        Some(v) => {
            let n = v.len() as i64;
            let start = if offset < 0 { n + offset } else { offset };
            if start < 0 {
                return Vec::new();
            }
            v.values().skip(start as usize).take(count).map(<[u8]>::to_vec).collect()
        }
        None => Vec::new(),
    }
}

/// `${x:off:len}`, and `${@:off:len}` over the positional parameters with `$0` at index 0.
fn substring(sh: &mut Shell, b: &mut Builder, p: &Param, sub: &Substring, quoted: bool) -> Result<(), ExpandError> {
    if unset_scalar(sh, p, b, quoted)? {
        return Ok(());
    }
    let offset = sub_arith(sh, p, &sub.offset)?;
    let length = match &sub.length {
        Some(a) => Some((sub_arith(sh, p, a)?, a)),
        None => None,
    };
    if is_multi(p) {
        if let Some((l, a)) = length
            && l < 0
        {
            return Err(negative_length(a));
        }
        if let Param::Element(e) = p {
            let count = length.map_or(usize::MAX, |(l, _)| l as usize);
            let items = slice(sh, &e.name, offset, count);
            push_multi(sh, b, p, quoted, Some(items));
            return Ok(());
        }
        // Bash counts `$0` in: `${@: -1}` is the last one, `${@:0}` starts with `$0`.
        let n = sh.positional.len() as i64;
        let len = n + 1 + i64::from(offset == 0);
        let start = if offset < 0 { offset + len } else { offset };
        let items: Vec<Vec<u8>> = if start < 0 || start > len {
            Vec::new()
        } else {
            let count = length.map_or(usize::MAX, |(l, _)| l as usize);
            std::iter::once(&sh.arg0)
                .chain(sh.positional.iter())
                .skip(start as usize)
                .take(count)
                .cloned()
                .collect()
        };
        push_multi(sh, b, p, quoted, Some(items));
        return Ok(());
    }
    let v = lookup(sh, p);
    let s = v.bytes();
    let utf8 = !s.is_ascii() && param_ops::utf8_locale(sh);
    match param_ops::substring(s, offset, length.map(|(l, _)| l), utf8) {
        Ok(part) => b.push_value(sh, part, quoted),
        Err(SliceError::OutOfRange) => b.push_value(sh, b"", quoted),
        Err(SliceError::Negative) => {
            return Err(negative_length(length.map(|(_, a)| a).unwrap_or(&sub.offset)));
        }
    }
    Ok(())
}

/// `${x@op}`.
fn transform(sh: &mut Shell, b: &mut Builder, p: &Param, op: u8, quoted: bool) -> Result<(), ExpandError> {
    if op != b'A' && op != b'a' && unset_scalar(sh, p, b, quoted)? {
        return Ok(());
    }
    let utf8 = param_ops::utf8_locale(sh);
    match op {
        b'K' | b'k' if matches!(p, Param::Element(_)) && is_multi(p) => {
            array_pairs(sh, b, p, op == b'K', quoted, utf8)
        }
        b'Q' | b'K' | b'k' => apply_each(sh, b, p, quoted, |v, out| param_ops::quote(v, utf8, out)),
        b'E' => apply_each(sh, b, p, quoted, |v, out| param_ops::unescape_ansi_c(v, utf8, out)),
        b'U' => apply_each(sh, b, p, quoted, |v, out| param_ops::change_case(v, CaseTo::Upper, true, None, utf8, out)),
        b'u' => apply_each(sh, b, p, quoted, |v, out| param_ops::change_case(v, CaseTo::Upper, false, None, utf8, out)),
        b'L' => apply_each(sh, b, p, quoted, |v, out| param_ops::change_case(v, CaseTo::Lower, true, None, utf8, out)),
        b'P' => {
            let values: Vec<Vec<u8>> = if is_multi(p) {
                multi_items(sh, p).into_owned()
            } else {
                match lookup(sh, p) {
                    Val::Unset => Vec::new(),
                    v => vec![v.bytes().to_vec()],
                }
            };
            let expanded: Vec<Vec<u8>> = values.iter().map(|v| prompt(sh, v)).collect();
            if is_multi(p) {
                push_multi(sh, b, p, quoted, Some(expanded));
            } else {
                b.push_value(sh, expanded.first().map_or(&b""[..], |v| v), quoted);
            }
        }
        b'A' if is_multi(p) && matches!(p, Param::Element(_)) => {
            // `declare -a a=([0]="x")`: in "${a[@]@A}" the declaration's words (bash).
            let Param::Element(e) = p else { return Ok(()) };
            let mut text = Vec::new();
            if let Some(var) = sh.vars.var(&e.name)
                && !var.value().is_unset()
            {
                crate::builtins::declare::declaration(&mut text, &e.name, var, utf8);
            }
            while text.last() == Some(&b'\n') {
                text.pop();
            }
            let items: Vec<Vec<u8>> = if text.is_empty() {
                Vec::new()
            } else if is_star(p) {
                vec![text]
            } else {
                text.splitn(3, |&c| c == b' ').map(<[u8]>::to_vec).collect()
            };
            push_multi(sh, b, p, quoted, Some(items));
        }
        b'A' if is_multi(p) => {
            // `set -- 'a' 'b'`: in "${@@A}" a field per word, in "${*@A}" one (bash).
            let mut items: Vec<Vec<u8>> = sh
                .positional
                .iter()
                .map(|v| {
                    let mut q = Vec::new();
                    param_ops::quote(v, utf8, &mut q);
                    q
                })
                .collect();
            if items.is_empty() {
                // Nothing, as in bash.
            } else if matches!(p, Param::Special(b'@')) {
                items.splice(0..0, [b"set".to_vec(), b"--".to_vec()]);
            } else if let Some(first) = items.first_mut() {
                first.splice(0..0, b"set -- ".iter().copied());
            }
            push_multi(sh, b, p, quoted, Some(items));
        }
        b'A' => {
            let text = assignment_text(sh, p, utf8);
            b.push_value(sh, &text, quoted);
        }
        b'a' => {
            let text = match p {
                Param::Var(name) => attribute_letters(sh, name),
                Param::Element(e) => attribute_letters(sh, &e.name),
                _ => Vec::new(),
            };
            if is_multi(p) {
                let items = (0..multi_len(sh, p)).map(|_| text.clone()).collect();
                push_multi(sh, b, p, quoted, Some(items));
            } else {
                b.push_value(sh, &text, quoted);
            }
        }
        _ => return Err(ExpandError::bad_substitution(&[b'@', op])),
    }
    Ok(())
}

/// `${a[@]@K}`: one word of keys and double-quoted values (`0 "x" 1 "y"`); `${a[@]@k}`:
/// keys and values as separate words (bash 5.2).
fn array_pairs(sh: &Shell, b: &mut Builder, p: &Param, quote_values: bool, quoted: bool, utf8: bool) {
    let Param::Element(e) = p else { return };
    let mut items: Vec<Vec<u8>> = Vec::new();
    if let Some(value) = sh.vars.value(&e.name) {
        for (k, v) in value.keys().zip(value.values()) {
            items.push(k.to_bytes());
            items.push(if quote_values { crate::shell::quote::declare_quote(v, utf8) } else { v.to_vec() });
        }
    }
    if !quote_values {
        push_multi(sh, b, p, quoted, Some(items));
        return;
    }
    // One word; an associative array's pairs each end with a space, as bash writes them.
    let assoc = sh.vars.is_assoc(&e.name);
    let mut word = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 && !(assoc && i % 2 == 0) {
            word.push(b' ');
        }
        word.extend_from_slice(it);
        if assoc && i % 2 == 1 {
            word.push(b' ');
        }
    }
    b.push_value(sh, &word, quoted);
}

/// `${x@P}`: the value expanded as a prompt string is.
fn prompt(sh: &mut Shell, v: &[u8]) -> Vec<u8> {
    use crate::interactive::prompt;
    let decoded = prompt::decode_escapes(sh, v, prompt::Which::Ps2);
    prompt::expand_text(sh, &decoded)
}

/// The attributes of variable `name` as `${x@a}` shows them, in bash's order.
fn attribute_letters(sh: &Shell, name: &[u8]) -> Vec<u8> {
    sh.vars.attrs(name).letters().into_bytes()
}

/// `${x@A}`: an assignment (a `declare` command when there are attributes) that recreates
/// the variable; `set -- ...` for the positional parameters.
fn assignment_text(sh: &Shell, p: &Param, utf8: bool) -> Vec<u8> {
    let mut out = Vec::new();
    match p {
        Param::Var(name) => {
            // A name reference stands for the variable it refers to (bash).
            let name: &[u8] = &sh.vars.resolve_name(name).unwrap_or(std::borrow::Cow::Borrowed(name));
            let attrs = attribute_letters(sh, name);
            let value = sh.vars.get(name);
            if value.is_none() && attrs.is_empty() {
                return out;
            }
            if !attrs.is_empty() {
                out.extend_from_slice(b"declare -");
                out.extend_from_slice(&attrs);
                out.push(b' ');
            }
            out.extend_from_slice(name);
            if let Some(v) = value {
                out.push(b'=');
                param_ops::quote(v, utf8, &mut out);
            }
        }
        _ if is_multi(p) => {
            // Handled by `transform`.
        }
        // `${a[1]@A}`: the array's declaration with that element as its value (bash).
        Param::Element(e) => {
            let v = lookup(sh, p);
            if matches!(v, Val::Unset) {
                return out;
            }
            let attrs = attribute_letters(sh, &e.name);
            if !attrs.is_empty() {
                out.extend_from_slice(b"declare -");
                out.extend_from_slice(&attrs);
                out.push(b' ');
            }
            out.extend_from_slice(&e.name);
            out.push(b'=');
            param_ops::quote(v.bytes(), utf8, &mut out);
        }
        _ => {
            let v = lookup(sh, p);
            if !matches!(v, Val::Unset) {
                param_ops::quote(v.bytes(), utf8, &mut out);
            }
        }
    }
    out
}

/// `${!a[@]}` / `${!a[*]}`: the indices or keys of array `r`, as `$@` / `$*` give values.
fn keys(sh: &Shell, b: &mut Builder, r: &Param, quoted: bool) -> Result<(), ExpandError> {
    let Param::Element(e) = r else { return Ok(()) };
    let keys: Vec<Vec<u8>> = match sh.vars.value(&e.name) {
        Some(v) => v.keys().map(|k| k.to_bytes()).collect(),
        None => Vec::new(),
    };
    push_multi(sh, b, r, quoted, Some(keys));
    Ok(())
}

/// `${a[sub]}`: the subscript evaluated (arithmetic for an indexed array, the key of an
/// associative one). A negative index is counted from the end; one before the first element
/// is reported (not fatal, as in bash) and expands to nothing.
fn resolve_element(sh: &mut Shell, e: &Element) -> Result<Param, ExpandError> {
    let Index::Expr(w) = &e.index else { return Ok(Param::Element(Box::new(e.clone()))) };
    let text = super::expand_word(sh, w)?;
    let name = String::from_utf8_lossy(&e.name).into_owned();
    let index = if sh.vars.is_assoc(&e.name) {
        if text.is_empty() {
            sh.report_error(&format!("{name}: bad array subscript"));
        }
        Index::Key(text)
    } else {
        let i = subscript::index(sh, &text)?;
        if i < 0 && sh.vars.element(&e.name, Key::Index(i)).is_err() {
            sh.report_error(&format!("{name}: bad array subscript"));
        }
        match sh.vars.value(&e.name) {
            Some(Value::Indexed(a)) => Index::Number(a.resolve(i).unwrap_or(i)),
            Some(Value::Scalar(_)) if i == -1 => Index::Number(0),
            _ => Index::Number(i),
        }
    };
    Ok(Param::Element(Box::new(Element { name: e.name.clone(), index })))
}

/// Should the word of `${p-w}` / `${p:-w}` (and friends) be used?
/// `joined`: `$*` is joined into one string here (quoted, or no field splitting).
fn use_word(sh: &Shell, p: &Param, colon: bool, joined: bool) -> bool {
    if is_multi(p) {
        let items = multi_items(sh, p);
        if items.is_empty() {
            return true;
        }
        if !colon || !items.iter().all(|v| v.is_empty()) {
            return false;
        }
        // All empty: null when they join to nothing. `"$*"` joins with the first byte of
        // IFS (none when IFS is empty: `IFS=; "${*:-w}"` is `w` in dash and bash).
        let joined_by_nothing =
            joined && is_star(p) && sh.vars.get(b"IFS").is_some_and(|v| v.is_empty());
        return items.len() <= 1 || joined_by_nothing;
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
    let star = is_star(p);
    match (&items, p) {
        (Some(v), _) => push_fields(sh, b, star, quoted, v.iter().map(Vec::as_slice)),
        // An array's values straight from the store: one pass, no copy ("${a[@]}").
        (None, Param::Element(e)) => match sh.vars.value(&e.name) {
            Some(v) => push_fields(sh, b, star, quoted, v.values()),
            None => push_fields(sh, b, star, quoted, std::iter::empty()),
        },
        (None, _) => push_fields(sh, b, star, quoted, sh.positional.iter().map(Vec::as_slice)),
    }
}

/// Values as `$@` (`star` false) or `$*` give them, with their field rules.
fn push_fields<'v>(
    sh: &Shell,
    b: &mut Builder,
    star: bool,
    quoted: bool,
    items: impl Iterator<Item = &'v [u8]>,
) {
    if b.mode == Mode::Fields && !(quoted && star) {
        if quoted {
            // "$@": one field per element; none at all when there are no elements.
            for (i, it) in items.enumerate() {
                if i > 0 {
                    b.force_delimit();
                }
                b.push_quoted(it);
            }
        } else {
            for (i, it) in items.enumerate() {
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
    let mut items = items.peekable();
    if items.peek().is_none() {
        b.push_value(sh, b"", quoted);
    }
    for (i, it) in items.enumerate() {
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
        [WordPart::Literal(l)] => PatternRef::with_flags(l, MatchFlags::removal(&sh.options)),
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
        let items: Vec<Vec<u8>> = multi_items(sh, p).iter().map(|s| s[cut(s)].to_vec()).collect();
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
            ParamOp::Replace { pattern, replacement, .. } => {
                may_assign(&pattern.parts) || replacement.as_ref().is_some_and(|r| may_assign(&r.parts))
            }
            ParamOp::Case { pattern, .. } => may_assign(&pattern.parts),
            ParamOp::Substring(_) => true,
            ParamOp::Plain
            | ParamOp::Length
            | ParamOp::Transform(_)
            | ParamOp::Names { .. }
            | ParamOp::Invalid(_) => false,
        },
        WordPart::Literal(_)
        | WordPart::Quoted(_)
        | WordPart::CommandSub(_)
        | WordPart::ProcessSub { .. }
        | WordPart::Tilde(_) => false,
    })
}

fn pattern_of(sh: &mut Shell, w: &Word) -> Result<Pattern, ExpandError> {
    let mut pb = Builder::new(Mode::Pattern, false, Vec::new());
    expand_parts(sh, &mut pb, &w.parts, false)?;
    Ok(Pattern::with_flags(pb.finish_single()?, MatchFlags::removal(&sh.options)))
}

fn expand_single(sh: &mut Shell, w: &Word) -> Result<Vec<u8>, ExpandError> {
    let mut sb = Builder::new(Mode::Single, false, Vec::new());
    expand_param_word(sh, &mut sb, &w.parts, false)?;
    sb.finish_single()
}
