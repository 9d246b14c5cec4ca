//! Evaluating bash's `[[ expression ]]` from its tree ([`CondExpr`]): words are expanded
//! without field splitting or pathname expansion, the right side of `== = !=` is a pattern and
//! that of `=~` a POSIX extended regular expression (quoted parts literal in both), and the
//! operands of `-eq` and the others are arithmetic expressions, parsed once when their text is
//! known at parse time.
//!
//! A primary's result is a status as in bash: 0 true, 1 false, 2 for a regex that does not
//! compile, which `&&`, `||` and `!` treat as false.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use super::pattern::{MatchFlags, PatternRef, push_quoted};
use super::word::QUOTE_MARK;
use super::{ExpandError, arith, expand_marked, expand_word, param, subscript};
use crate::shell::Shell;
use crate::shell::vars::{IndexedArray, Value};
use crate::sys::regex::Regex;
use crate::syntax::ast::{
    ArithCmp, ArithExpr, ArithOperand, CondArith, CondBinary, CondBinaryOp, CondExpr, OperandExpr,
    Word, WordPart,
};

/// Evaluates `[[ e ]]`: its status (0, 1 or 2), or an expansion error (which the executor
/// reports and which may end the shell, as for any command).
pub fn eval(sh: &mut Shell, e: &CondExpr) -> Result<i32, ExpandError> {
    eval_expr(sh, e, false)
}

/// `negated`: an odd number of `!` stand right before this primary, which `set -x` shows.
fn eval_expr(sh: &mut Shell, e: &CondExpr, negated: bool) -> Result<i32, ExpandError> {
    Ok(match e {
        CondExpr::And(a, b) => match eval_expr(sh, a, false)? {
            0 => eval_expr(sh, b, false)?,
            st => st,
        },
        CondExpr::Or(a, b) => match eval_expr(sh, a, false)? {
            0 => 0,
            _ => eval_expr(sh, b, false)?,
        },
        CondExpr::Not(x) => (eval_expr(sh, x, !negated)? == 0) as i32,
        CondExpr::Group(x) => eval_expr(sh, x, false)?,
        CondExpr::Unary { op, word } => status(unary(sh, *op, word, negated)?),
        CondExpr::Binary(b) => binary(sh, b, negated)?,
        CondExpr::Arith(a) => status(arith_compare(sh, a, negated)?),
    })
}

fn status(b: bool) -> i32 {
    if b { 0 } else { 1 }
}

/// A word as one string; a plain word is not copied.
fn string<'w>(sh: &mut Shell, w: &'w Word) -> Result<Cow<'w, [u8]>, ExpandError> {
    match w.parts.as_slice() {
        [WordPart::Literal(s) | WordPart::Quoted(s)] => Ok(Cow::Borrowed(s)),
        _ => expand_word(sh, w).map(Cow::Owned),
    }
}

/// `set -x`: `[[ items ]]` as bash shows a primary (words as they expanded, unquoted).
fn trace(sh: &mut Shell, negated: bool, items: &[&[u8]]) {
    let mut line: Vec<Vec<u8>> = Vec::with_capacity(items.len() + 3);
    line.push(b"[[".to_vec());
    if negated {
        line.push(b"!".to_vec());
    }
    line.extend(items.iter().map(|s| s.to_vec()));
    line.push(b"]]".to_vec());
    crate::exec::simple::xtrace(sh, &line);
}

// ---- unary primaries --------------------------------------------------------------------------

fn unary(sh: &mut Shell, op: u8, word: &Word, negated: bool) -> Result<bool, ExpandError> {
    let x = string(sh, word)?;
    if sh.options.xtrace {
        trace(sh, negated, &[&[b'-', op], &x]);
    }
    Ok(match op {
        b'n' => !x.is_empty(),
        b'z' => x.is_empty(),
        b'v' => variable_is_set(sh, &x)?,
        b'o' => option_is_on(sh, &x),
        b't' => fd_is_terminal(&x),
        b'R' => is_nameref(sh, &x),
        b'a' => crate::builtins::test::unary(b"-e", &x).unwrap_or(false),
        b'N' => modified_since_read(&x),
        _ => crate::builtins::test::unary(&[b'-', op], &x).unwrap_or(false),
    })
}

/// The unary primaries that look at the shell, not at files, for `test` and `[`: `-v name`,
/// `-o option`, `-R name`. `None` for the other operators.
pub(crate) fn shell_primary(sh: &mut Shell, op: &[u8], x: &[u8]) -> Option<Result<bool, ExpandError>> {
    Some(match op {
        b"-v" => variable_is_set(sh, x),
        b"-o" => Ok(option_is_on(sh, x)),
        b"-R" => Ok(is_nameref(sh, x)),
        _ => return None,
    })
}

/// `-v name`: a set variable, a set element (`-v 'a[i]'`, `-v 'm[key]'`, `-v 'a[@]'` for a
/// non-empty array), or a set positional parameter (`-v 1`).
fn variable_is_set(sh: &mut Shell, name: &[u8]) -> Result<bool, ExpandError> {
    if !name.is_empty() && name.iter().all(u8::is_ascii_digit) {
        return Ok(match std::str::from_utf8(name).ok().and_then(|s| s.parse::<usize>().ok()) {
            Some(0) => true,
            Some(n) => n <= sh.positional.len(),
            None => false,
        });
    }
    let Some((array, sub)) = element_reference(name) else {
        return Ok(sh.vars.is_set(name));
    };
    if matches!(sub, b"@" | b"*") {
        return Ok(sh.vars.value(array).is_some_and(|v| !v.is_empty()));
    }
    if sub.is_empty() {
        return Ok(false);
    }
    // An arithmetic error in the index ends the command as in `$((...))`, as in bash.
    let key = subscript::from_text(sh, array, sub, || String::from_utf8_lossy(name).into_owned())?;
    match sh.vars.element(array, key.key()) {
        Ok(v) => Ok(v.is_some()),
        Err(e) => {
            sh.report_error(&e.to_string());
            Ok(false)
        }
    }
}

/// `name[sub]` (the subscript's brackets balanced, the last `]` ending the text): the name
/// and the subscript.
fn element_reference(s: &[u8]) -> Option<(&[u8], &[u8])> {
    let open = s.iter().position(|&c| c == b'[')?;
    let name = &s[..open];
    if !crate::shell::is_name(name) {
        return None;
    }
    let mut depth = 0;
    for (i, &c) in s.iter().enumerate().skip(open) {
        match c {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return (i + 1 == s.len()).then(|| (name, &s[open + 1..i]));
                }
            }
            _ => {}
        }
    }
    None
}

/// `-o name`: the `set -o` option is on (an unknown name is false, as in bash).
fn option_is_on(sh: &Shell, name: &[u8]) -> bool {
    std::str::from_utf8(name).is_ok_and(|name| crate::builtins::set::option_state(&sh.options, name))
}

/// `-t fd`: an integer (blanks and a sign allowed) naming an open terminal; anything else is
/// false, without the error `test -t` gives.
fn fd_is_terminal(s: &[u8]) -> bool {
    let t = s.trim_ascii();
    let digits = t.strip_prefix(b"+").or_else(|| t.strip_prefix(b"-")).unwrap_or(t);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    std::str::from_utf8(t)
        .ok()
        .and_then(|s| s.parse::<i32>().ok())
        .is_some_and(crate::sys::io::isatty)
}

/// `-R name`: the variable itself (not what it refers to) is a name reference.
fn is_nameref(sh: &Shell, name: &[u8]) -> bool {
    sh.vars.var(name).is_some_and(|v| v.attrs().contains(crate::shell::vars::Attrs::NAMEREF))
}

/// `-N file`: modified since it was last read (its modification time is after its access time).
fn modified_since_read(path: &[u8]) -> bool {
    use std::os::unix::fs::MetadataExt;
    crate::builtins::test::stat(path)
        .is_some_and(|m| (m.mtime(), m.mtime_nsec()) > (m.atime(), m.atime_nsec()))
}

// ---- binary primaries -------------------------------------------------------------------------

fn binary(sh: &mut Shell, b: &CondBinary, negated: bool) -> Result<i32, ExpandError> {
    let left = string(sh, &b.left)?;
    match b.op {
        CondBinaryOp::Match | CondBinaryOp::MatchEq | CondBinaryOp::NoMatch => {
            let matched = pattern_matches(sh, &left, b, negated)?;
            Ok(status(matched != (b.op == CondBinaryOp::NoMatch)))
        }
        CondBinaryOp::Regex => regex_matches(sh, &left, &b.right, negated),
        op => {
            let right = string(sh, &b.right)?;
            if sh.options.xtrace {
                trace(sh, negated, &[&left, op.text().as_bytes(), &right]);
            }
            // Byte order is the C locale's collation, the only one chitin has.
            Ok(status(match op {
                CondBinaryOp::Less => left < right,
                CondBinaryOp::Greater => left > right,
                _ => crate::builtins::test::binary(&left, op.text().as_bytes(), &right)
                    .unwrap_or(false),
            }))
        }
    }
}

/// `subject == pattern` (and `=`, `!=`): the right side is a pattern whose quoted parts match
/// literally; extended patterns are always on here, as in bash 5.2.
fn pattern_matches(
    sh: &mut Shell,
    subject: &[u8],
    b: &CondBinary,
    negated: bool,
) -> Result<bool, ExpandError> {
    if sh.options.xtrace {
        // bash shows every quoted character of the pattern with a backslash.
        let marked = expand_marked(sh, &b.right)?;
        let (pattern, shown) = pattern_from_marked(&marked);
        trace(sh, negated, &[subject, b.op.text().as_bytes(), &shown]);
        let flags = MatchFlags::cond(&sh.options);
        return Ok(PatternRef::with_flags(&pattern, flags).matches(subject));
    }
    let flags = MatchFlags::cond(&sh.options);
    Ok(super::pattern_matches(sh, &b.right, subject, flags)?)
}

/// Decodes a marked pattern word: its escaped pattern form, and bash's `set -x` form (every
/// quoted character after a backslash).
fn pattern_from_marked(marked: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let mut pattern = Vec::with_capacity(marked.len());
    let mut shown = Vec::with_capacity(marked.len());
    let mut i = 0;
    while i < marked.len() {
        if marked[i] == QUOTE_MARK && i + 1 < marked.len() {
            let c = marked[i + 1];
            push_quoted(&mut pattern, &[c]);
            shown.push(b'\\');
            shown.push(c);
            i += 2;
        } else {
            pattern.push(marked[i]);
            shown.push(marked[i]);
            i += 1;
        }
    }
    (pattern, shown)
}

// ---- =~ ---------------------------------------------------------------------------------------

/// `subject =~ regex`: sets `BASH_REMATCH`; a regex that does not compile gives status 2,
/// silently, as in bash.
fn regex_matches(sh: &mut Shell, subject: &[u8], word: &Word, negated: bool) -> Result<i32, ExpandError> {
    let marked = expand_marked(sh, word)?;
    let text = regex_from_marked(&marked);
    if sh.options.xtrace {
        trace(sh, negated, &[subject, b"=~", &text]);
    }
    let Some(re) = compiled(&text, nocasematch(sh)) else {
        return Ok(2);
    };
    let mut spans = Vec::new();
    let matched = SCRATCH.with(|buf| re.find(subject, &mut buf.borrow_mut(), &mut spans));
    set_rematch(sh, subject, matched.then_some(spans.as_slice()));
    Ok(status(matched))
}

/// The shell's `nocasematch` option (`shopt`).
fn nocasematch(sh: &Shell) -> bool {
    sh.options.shopt(crate::shell::options::Shopt::Nocasematch)
}

/// Sets `BASH_REMATCH` after a match attempt: the whole match and each group (empty for a
/// group that took no part), or nothing when there was no match.
fn set_rematch(sh: &mut Shell, subject: &[u8], spans: Option<&[Option<(usize, usize)>]>) {
    let mut values: Vec<Vec<u8>> = Vec::new();
    if let Some(spans) = spans {
        values.extend(spans.iter().map(|s| match *s {
            Some((a, b)) if b <= subject.len() => subject[a..b].to_vec(),
            _ => Vec::new(),
        }));
    }
    // A readonly BASH_REMATCH stays as it is, silently, as in bash.
    let array = Value::Indexed(Box::new(IndexedArray::from_values(values)));
    let _ = sh.vars.set_value(b"BASH_REMATCH", array);
}

/// Turns a marked regex word into the regex given to the C library, as bash's
/// `quote_string_for_globbing` does for `=~`: a quoted character that is special in an ERE
/// gets a backslash, and inside a bracket expression quoted characters are taken as they are
/// (a backslash there would be literal).
pub(crate) fn regex_from_marked(m: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(m.len() + 8);
    let mut i = 0;
    while i < m.len() {
        let c = m[i];
        if c == QUOTE_MARK && i + 1 < m.len() {
            let q = m[i + 1];
            if is_ere_special(q) {
                out.push(b'\\');
            }
            out.push(q);
            i += 2;
            continue;
        }
        if c == b'['
            && let Some(next) = bracket_expression(m, i, &mut out)
        {
            i = next;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The bracket expression opening at `m[open]` (an unquoted `[`), copied to `out` without
/// its quote marks; the index after its `]`. `None` when it does not close (the `[` is then an
/// ordinary character). As in bash, the character after `[` is always part of it, and `]`
/// closes it unless it ends a `[:class:]`, `[=e=]` or `[.c.]`.
fn bracket_expression(m: &[u8], open: usize, out: &mut Vec<u8>) -> Option<usize> {
    let start_len = out.len();
    out.push(b'[');
    let mut i = open + 1;
    let (mut class, mut equiv, mut collating) = (false, false, false);
    let mut c = m.get(i).copied();
    i += 1;
    loop {
        let Some(ch) = c else {
            out.truncate(start_len);
            return None;
        };
        let next = m.get(i).copied();
        match (ch, next) {
            (QUOTE_MARK, Some(q)) => {
                out.push(q);
                i += 1;
            }
            (b'[', Some(b':')) => {
                out.extend_from_slice(b"[:");
                i += 1;
                class = true;
            }
            (b':', Some(b']')) if class => {
                out.extend_from_slice(b":]");
                i += 1;
                class = false;
            }
            (b'[', Some(n @ (b'=' | b'.'))) => {
                out.extend_from_slice(&[b'[', n]);
                i += 1;
                // `[=]=]` and `[.].]` may hold a `]` right away.
                if m.get(i) == Some(&b']') {
                    out.push(b']');
                    i += 1;
                }
                if n == b'=' {
                    equiv = true;
                } else {
                    collating = true;
                }
            }
            (b'=', Some(b']')) if equiv => {
                out.extend_from_slice(b"=]");
                i += 1;
                equiv = false;
            }
            (b'.', Some(b']')) if collating => {
                out.extend_from_slice(b".]");
                i += 1;
                collating = false;
            }
            _ => out.push(ch),
        }
        c = m.get(i).copied();
        i += 1;
        if c == Some(b']') {
            out.push(b']');
            return Some(i);
        }
    }
}

/// Characters special in a POSIX ERE, which a quoted one must be escaped from (bash's
/// `ere_char`).
fn is_ere_special(c: u8) -> bool {
    matches!(c, b'.' | b'[' | b'\\' | b'(' | b')' | b'*' | b'+' | b'?' | b'{' | b'|' | b'^' | b'$')
}

thread_local! {
    /// The C string of the last subject, kept to save an allocation per match.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The regexes compiled last, most recent first: a loop testing a line against a few
    /// regexes compiles each once.
    static CACHE: RefCell<Vec<CachedRegex>> = const { RefCell::new(Vec::new()) };
}

/// A regex's text, whether case is ignored, and the compiled regex.
type CachedRegex = (Vec<u8>, bool, Rc<Regex>);

const CACHE_SIZE: usize = 8;

/// The compiled regex for `text` (from the cache when it was used lately); `None` when it
/// does not compile.
fn compiled(text: &[u8], icase: bool) -> Option<Rc<Regex>> {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(i) = cache.iter().position(|(t, ic, _)| *ic == icase && t.as_slice() == text) {
            let entry = cache.remove(i);
            let re = entry.2.clone();
            cache.insert(0, entry);
            return Some(re);
        }
        let re = Rc::new(Regex::new(text, icase).ok()?);
        cache.truncate(CACHE_SIZE - 1);
        cache.insert(0, (text.to_vec(), icase, re.clone()));
        Some(re)
    })
}

// ---- -eq and the others ------------------------------------------------------------------------

fn arith_compare(sh: &mut Shell, a: &CondArith, negated: bool) -> Result<bool, ExpandError> {
    // Both words are expanded before either is evaluated, as in bash.
    let (left, right) = if sh.options.xtrace {
        let l = expand_word(sh, &a.left.word)?;
        let r = expand_word(sh, &a.right.word)?;
        trace(sh, negated, &[&l, a.op.text().as_bytes(), &r]);
        (Prepared::Text(l), Prepared::Text(r))
    } else {
        let l = prepare(sh, &a.left)?;
        let r = prepare(sh, &a.right)?;
        (l, r)
    };
    let Some(x) = evaluate(sh, left, &a.left)? else {
        return Ok(false);
    };
    let Some(y) = evaluate(sh, right, &a.right)? else {
        return Ok(false);
    };
    Ok(match a.op {
        ArithCmp::Eq => x == y,
        ArithCmp::Ne => x != y,
        ArithCmp::Lt => x < y,
        ArithCmp::Le => x <= y,
        ArithCmp::Gt => x > y,
        ArithCmp::Ge => x >= y,
    })
}

/// An operand ready to evaluate: its expansions done.
enum Prepared<'a> {
    Expr(&'a ArithExpr, &'a [u8]),
    Slots(&'a ArithExpr, [i64; crate::syntax::arith::MAX_SLOTS], usize),
    Text(Vec<u8>),
}

fn prepare<'a>(sh: &mut Shell, op: &'a ArithOperand) -> Result<Prepared<'a>, ExpandError> {
    Ok(match &op.expr {
        OperandExpr::Static { expr, text } => Prepared::Expr(expr, text),
        OperandExpr::Template(params, e) => {
            let mut slots = [0i64; crate::syntax::arith::MAX_SLOTS];
            let mut all = params.len() <= slots.len();
            for (slot, p) in slots.iter_mut().zip(params) {
                param::refresh_dynamic(sh, p)?;
                match param::decimal_value(sh, p) {
                    Some(v) => *slot = v,
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            if all {
                Prepared::Slots(e, slots, params.len())
            } else {
                Prepared::Text(expand_word(sh, &op.word)?)
            }
        }
        OperandExpr::Dynamic => Prepared::Text(expand_word(sh, &op.word)?),
    })
}

/// The value of an operand; `None` after reporting an arithmetic error (bash's
/// `[[: 1+: syntax error: ...`), which makes the primary false but does not end the shell.
/// Other errors (`set -u`) are expansion errors.
fn evaluate(sh: &mut Shell, p: Prepared, op: &ArithOperand) -> Result<Option<i64>, ExpandError> {
    let result = match p {
        Prepared::Expr(e, text) => arith::eval(sh, e, text),
        Prepared::Slots(e, slots, n) => arith::eval_with_slots(sh, e, &slots[..n], &op.word.parts),
        Prepared::Text(t) => arith::eval_text(sh, &t),
    };
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.arith => {
            if e.named {
                sh.report_error(&format!("[[: {}", e.message));
            } else {
                sh.report_error(&e.message);
            }
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::{QUOTE_MARK as M, regex_from_marked};

    fn q(s: &str) -> Vec<u8> {
        s.bytes().flat_map(|c| [M, c]).collect()
    }

    #[test]
    fn quoted_regex_characters_are_escaped_outside_brackets_only() {
        assert_eq!(regex_from_marked(b"a.c"), b"a.c");
        let mut w = b"a".to_vec();
        w.extend(q(".b "));
        assert_eq!(regex_from_marked(&w), b"a\\.b ");
        assert_eq!(regex_from_marked(&q("[]$+?}")), b"\\[]\\$\\+\\?}");
        let mut w = b"[".to_vec();
        w.extend(q("."));
        w.push(b']');
        assert_eq!(regex_from_marked(&w), b"[.]");
        assert_eq!(regex_from_marked(b"[[:alpha:]]x"), b"[[:alpha:]]x");
        assert_eq!(regex_from_marked(b"[]a]"), b"[]a]");
        assert_eq!(regex_from_marked(b"a[b"), b"a[b");
        assert_eq!(regex_from_marked(&[M, M]), [M]);
    }
}
