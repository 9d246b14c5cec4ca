//! History expansion (`!!`, `!$`, `!-2:1`, `^old^new`, ...), with readline's rules as bash
//! configures them: single quotes and a backslash protect the expansion character, `!`
//! followed by a blank, `=`, end of line (or `"` inside double quotes) stays, as do `$!`,
//! `${!name}`, `[!...]` and (with extglob) `!(...)`; a word starting with the comment
//! character ends expansion for the rest of the line.
//!
//! Used by the interactive reader (every line typed, when `set -H` is on) and by
//! `history -p`. Scripts never get here.

use std::fmt;

/// The history the expansion looks into: `entries[0]` is number `first`.
#[derive(Clone, Copy)]
pub struct Events<'a> {
    pub entries: &'a [Vec<u8>],
    pub first: usize,
}

impl<'a> Events<'a> {
    fn number(&self, n: i64) -> Option<&'a [u8]> {
        let i = usize::try_from(n).ok()?.checked_sub(self.first)?;
        self.entries.get(i).map(|e| e.as_slice())
    }

    /// Number of the newest entry, plus one (what `!-1` counts back from).
    fn next(&self) -> i64 {
        (self.first + self.entries.len()) as i64
    }
}

/// `histchars`: the expansion character, the quick substitution character, the comment
/// character. `None` for the first turns expansion off (`histchars=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chars {
    pub expansion: Option<u8>,
    pub subst: u8,
    pub comment: Option<u8>,
}

impl Chars {
    /// From the value of `histchars` (unset: `!^#`).
    pub fn from_var(v: Option<&[u8]>) -> Chars {
        let v = v.unwrap_or(b"!^#");
        Chars {
            expansion: v.first().copied(),
            subst: v.get(1).copied().unwrap_or(b'^'),
            comment: Some(v.get(2).copied().unwrap_or(b'#')),
        }
    }
}

/// What readline keeps from one expansion to the next: the last substitution (for `:&`,
/// `^old^new` with an empty old) and the last `!?string?` search (for `%`).
#[derive(Default, Debug, Clone)]
pub struct State {
    lhs: Option<Vec<u8>>,
    rhs: Vec<u8>,
    search: Option<Vec<u8>>,
    search_match: Option<Vec<u8>>,
}

/// A successful expansion.
#[derive(Debug, PartialEq, Eq)]
pub enum Expanded {
    /// Nothing to expand: the line as typed.
    Unchanged,
    /// The line with its expansions done: run it (and show it).
    Changed(Vec<u8>),
    /// A `:p` modifier: show the line and store it, do not run it.
    PrintOnly(Vec<u8>),
}

/// A failed expansion: the offending text and readline's reason (`!x: event not found`).
#[derive(Debug, PartialEq, Eq)]
pub struct HistError {
    pub text: Vec<u8>,
    pub reason: &'static str,
}

impl fmt::Display for HistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", String::from_utf8_lossy(&self.text), self.reason)
    }
}

const EVENT_NOT_FOUND: &str = "event not found";
const BAD_WORD_SPEC: &str = "bad word specifier";
const SUBST_FAILED: &str = "substitution failed";
const BAD_MODIFIER: &str = "unrecognized history modifier";
const NO_PREV_SUBST: &str = "no previous substitution";

/// After the expansion character, these leave it as it is.
const NO_EXPAND: &[u8] = b" \t\n\r=";
/// End a `!string` search word.
const SEARCH_DELIMITERS: &[u8] = b";&()|<>";
/// Separate words (for the comment character and tokenizing).
const WORD_DELIMITERS: &[u8] = b" \t\n;&()|<>";

/// Expands `line`. Cheap when the line holds no expansion character.
pub fn expand(
    line: &[u8],
    events: Events<'_>,
    chars: Chars,
    extglob: bool,
    state: &mut State,
) -> Result<Expanded, HistError> {
    let Some(bang) = chars.expansion else {
        return Ok(Expanded::Unchanged);
    };
    let quick = line.first() == Some(&chars.subst);
    if !quick && !line.contains(&bang) {
        return Ok(Expanded::Unchanged);
    }
    // `^old^new^` is `!!:s^old^new^`.
    let owned;
    let s: &[u8] = if quick {
        owned = [&[bang, bang, b':', b's'][..], line].concat();
        &owned
    } else {
        line
    };
    // As readline: a first scan looks for an expansion bash does not inhibit; only then does
    // the real pass run, and that one expands every candidate (so `!! [!a]` fails on `!a]`).
    if !quick && !walk(s, bang, chars, extglob, None)? {
        return Ok(Expanded::Unchanged);
    }
    let mut out = Vec::with_capacity(s.len() + 32);
    let mut run = Run {
        out: &mut out,
        events,
        state,
        print_only: false,
    };
    walk(s, bang, chars, extglob, Some(&mut run))?;
    let print_only = run.print_only;
    Ok(if print_only {
        Expanded::PrintOnly(out)
    } else {
        Expanded::Changed(out)
    })
}

/// The expanding pass's output and what it reads.
struct Run<'r, 'e> {
    out: &'r mut Vec<u8>,
    events: Events<'e>,
    state: &'r mut State,
    print_only: bool,
}

/// One pass over `s`. Without `run` (the first pass): true when some expansion character
/// is to be expanded. With it: expands into `run.out`.
fn walk(
    s: &[u8],
    bang: u8,
    chars: Chars,
    extglob: bool,
    mut run: Option<&mut Run<'_, '_>>,
) -> Result<bool, HistError> {
    let mut scratch = Vec::new();
    // Where copied text goes: the output, or nowhere useful in the first pass.
    macro_rules! out {
        () => {
            match &mut run {
                Some(r) => &mut *r.out,
                None => &mut scratch,
            }
        };
    }
    let mut dquote = false;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if Some(c) == chars.comment
            && !dquote
            && (i == 0 || WORD_DELIMITERS.contains(&s[i - 1]))
        {
            out!().extend_from_slice(&s[i..]);
            break;
        }
        if c == bang {
            let literal = match s.get(i + 1) {
                None => true,
                Some(&n) => NO_EXPAND.contains(&n) || (dquote && n == b'"'),
            };
            match &mut run {
                _ if literal => {}
                None if inhibited(s, i, extglob) => {}
                None => return Ok(true),
                Some(r) => {
                    let (text, end, print) =
                        expand_one(s, i, bang, dquote, r.out, r.events, r.state)?;
                    r.out.extend_from_slice(&text);
                    r.print_only |= print;
                    i = end;
                    continue;
                }
            }
            out!().push(c);
            i += 1;
            continue;
        }
        match c {
            b'\\' => {
                // A backslash protects a following `'`, the expansion character, and
                // inside double quotes a `"`.
                out!().push(c);
                if let Some(&n) = s.get(i + 1) {
                    if n == b'\'' || n == bang || (dquote && n == b'"') {
                        out!().push(n);
                        i += 1;
                    }
                }
                i += 1;
            }
            b'"' => {
                dquote = !dquote;
                out!().push(c);
                i += 1;
            }
            b'\'' if !dquote => {
                // Copied up to the closing quote; in `$'...'` a backslash escapes.
                let ansi = i > 0 && s[i - 1] == b'$';
                let start = i;
                i += 1;
                while i < s.len() && s[i] != b'\'' {
                    if ansi && s[i] == b'\\' && i + 1 < s.len() {
                        i += 1;
                    }
                    i += 1;
                }
                i = (i + 1).min(s.len());
                out!().extend_from_slice(&s[start..i]);
            }
            _ => {
                out!().push(c);
                i += 1;
            }
        }
    }
    Ok(false)
}

/// bash's exceptions: `[!...]`, `${!name}`, `$!`, and with extglob `!(...)`.
fn inhibited(s: &[u8], i: usize, extglob: bool) -> bool {
    let rest = &s[i + 1..];
    (i > 0 && s[i - 1] == b'[' && rest.contains(&b']'))
        || (i > 1 && s[i - 1] == b'{' && s[i - 2] == b'$' && rest.contains(&b'}'))
        || (i > 0 && s[i - 1] == b'$')
        || (extglob && rest.first() == Some(&b'(') && rest[1..].contains(&b')'))
}

/// One expansion starting at `s[start]` (the expansion character): the text it gives, the
/// index after it, and whether it had `:p`.
fn expand_one(
    s: &[u8],
    start: usize,
    bang: u8,
    dquote: bool,
    so_far: &[u8],
    events: Events<'_>,
    state: &mut State,
) -> Result<(Vec<u8>, usize, bool), HistError> {
    let mut i = start;
    let event: Vec<u8> = if s.get(i + 1) == Some(&b'#') {
        i += 2;
        so_far.to_vec()
    } else if s.get(i + 1).is_some_and(|c| b":$*%^".contains(c)) {
        // A word designator right after `!` means the previous command.
        i += 1;
        match events.number(events.next() - 1) {
            Some(e) => e.to_vec(),
            None => return Err(error(s, start, i, EVENT_NOT_FOUND)),
        }
    } else {
        match event(s, &mut i, bang, dquote, events, state) {
            Some(e) => e.to_vec(),
            None => return Err(error(s, start, i, EVENT_NOT_FOUND)),
        }
    };

    let spec_start = i;
    let mut text = match word_designator(s, &mut i, &event, state) {
        Designated::Words(w) => w,
        Designated::None => event,
        Designated::Bad => return Err(error(s, spec_start, i, BAD_WORD_SPEC)),
    };

    let mut print_only = false;
    let mut quote: Option<u8> = None;
    let mod_start = i;
    while s.get(i) == Some(&b':') {
        let mut global = false;
        let mut by_words = false;
        let mut c = s.get(i + 1).copied();
        if matches!(c, Some(b'g' | b'a')) {
            global = true;
            i += 1;
            c = s.get(i + 1).copied();
        } else if c == Some(b'G') {
            by_words = true;
            i += 1;
            c = s.get(i + 1).copied();
        }
        match c {
            Some(b'q') => quote = Some(b'q'),
            Some(b'x') => quote = Some(b'x'),
            Some(b'p') => print_only = true,
            Some(b't') => {
                if let Some(k) = text.iter().rposition(|&b| b == b'/') {
                    text.drain(..=k);
                }
            }
            Some(b'h') => {
                if let Some(k) = text.iter().rposition(|&b| b == b'/') {
                    text.truncate(k);
                }
            }
            Some(b'r') => {
                if let Some(k) = text.iter().rposition(|&b| b == b'.') {
                    text.truncate(k);
                }
            }
            Some(b'e') => {
                if let Some(k) = text.iter().rposition(|&b| b == b'.') {
                    text.drain(..k);
                }
            }
            Some(b's' | b'&') => {
                if c == Some(b's') {
                    let Some(&delim) = s.get(i + 2) else {
                        // `:s` at the end of the line: nothing to do.
                        i += 2;
                        continue;
                    };
                    i += 3;
                    let lhs = subst_part(s, &mut i, delim, false);
                    if let Some(l) = lhs {
                        state.lhs = Some(l);
                    } else if state.lhs.is_none() {
                        state.lhs = state.search.clone().filter(|s| !s.is_empty());
                    }
                    let mut rhs = subst_part(s, &mut i, delim, true).unwrap_or_default();
                    if rhs.contains(&b'&') {
                        rhs = amp_to_lhs(&rhs, state.lhs.as_deref().unwrap_or(b""));
                    }
                    state.rhs = rhs;
                } else {
                    i += 2;
                }
                let lhs = match &state.lhs {
                    Some(l) if !l.is_empty() => l.clone(),
                    _ => return Err(error(s, mod_start, i, NO_PREV_SUBST)),
                };
                match substitute(&text, &lhs, &state.rhs, global, by_words) {
                    Some(t) => text = t,
                    None => return Err(error(s, mod_start, i, SUBST_FAILED)),
                }
                continue;
            }
            _ => return Err(error(s, i + 1, (i + 2).min(s.len()), BAD_MODIFIER)),
        }
        i += 2;
    }
    let text = match quote {
        Some(b'q') => single_quote(&text),
        Some(_) => quote_breaks(&text),
        None => text,
    };
    Ok((text, i, print_only))
}

/// The event after the expansion character at `s[*i]`: `!!`, `!n`, `!-n`, `!string`,
/// `!?string?`. Leaves `*i` after it (also on failure, for the message).
fn event<'a>(
    s: &[u8],
    i: &mut usize,
    bang: u8,
    dquote: bool,
    events: Events<'a>,
    state: &mut State,
) -> Option<&'a [u8]> {
    *i += 1;
    if s.get(*i) == Some(&bang) {
        *i += 1;
        return events.number(events.next() - 1);
    }
    let negative = s.get(*i) == Some(&b'-') && s.get(*i + 1).is_some_and(u8::is_ascii_digit);
    if negative {
        *i += 1;
    }
    if s.get(*i).is_some_and(u8::is_ascii_digit) {
        let mut n: i64 = 0;
        while let Some(d) = s.get(*i).filter(|d| d.is_ascii_digit()) {
            n = n.saturating_mul(10).saturating_add(i64::from(d - b'0'));
            *i += 1;
        }
        return events.number(if negative { events.next() - n } else { n });
    }
    let substring = s.get(*i) == Some(&b'?');
    if substring {
        *i += 1;
    }
    let from = *i;
    while let Some(&c) = s.get(*i) {
        let ends = if substring {
            c == b'?' || c == b'\n'
        } else {
            c == b' '
                || c == b'\t'
                || c == b'\n'
                || c == b':'
                || SEARCH_DELIMITERS.contains(&c)
                || (dquote && c == b'"')
        };
        if ends {
            break;
        }
        *i += 1;
    }
    let mut needle = s[from..*i].to_vec();
    if substring && s.get(*i) == Some(&b'?') {
        *i += 1;
    }
    if needle.is_empty() {
        if !substring {
            return None;
        }
        needle = state.search.clone()?;
    }
    for e in events.entries.iter().rev() {
        if substring {
            if let Some(at) = find(e, &needle) {
                state.search_match = Some(word_at(e, at));
                state.search = Some(needle);
                return Some(e);
            }
        } else if e.starts_with(&needle) {
            return Some(e);
        }
    }
    None
}

enum Designated {
    None,
    Words(Vec<u8>),
    Bad,
}

/// A word number, `$` (the last), or "the last but one" (`x-`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordIndex {
    At(usize),
    Last,
    /// `x-`: up to the word before the last.
    BeforeLast,
}

/// The word designator at `s[*i]` (`:n`, `:x-y`, `^`, `$`, `*`, `%`, `x*`, `x-`), if any.
fn word_designator(s: &[u8], i: &mut usize, event: &[u8], state: &State) -> Designated {
    let colon = s.get(*i) == Some(&b':');
    let mut k = *i + usize::from(colon);
    match s.get(k) {
        Some(b'%') => {
            *i = k + 1;
            return Designated::Words(state.search_match.clone().unwrap_or_default());
        }
        Some(b'*') => {
            *i = k + 1;
            return Designated::Words(
                words_between(event, 1, WordIndex::Last).unwrap_or_default(),
            );
        }
        Some(b'$') => {
            *i = k + 1;
            return match words_between(event, usize::MAX, WordIndex::Last) {
                Some(w) => Designated::Words(w),
                None => Designated::Bad,
            };
        }
        _ => {}
    }
    let first = match s.get(k) {
        Some(b'-') => 0,
        Some(b'^') => {
            k += 1;
            1
        }
        Some(d) if d.is_ascii_digit() && colon => {
            let mut n = 0usize;
            while let Some(d) = s.get(k).filter(|d| d.is_ascii_digit()) {
                n = n.saturating_mul(10).saturating_add(usize::from(d - b'0'));
                k += 1;
            }
            n
        }
        _ => return Designated::None,
    };
    let last = match s.get(k) {
        Some(b'^') => {
            k += 1;
            WordIndex::At(1)
        }
        Some(b'*') => {
            k += 1;
            WordIndex::Last
        }
        Some(b'-') => {
            k += 1;
            match s.get(k) {
                Some(d) if d.is_ascii_digit() => {
                    let mut n = 0usize;
                    while let Some(d) = s.get(k).filter(|d| d.is_ascii_digit()) {
                        n = n.saturating_mul(10).saturating_add(usize::from(d - b'0'));
                        k += 1;
                    }
                    WordIndex::At(n)
                }
                Some(b'$') => {
                    k += 1;
                    WordIndex::Last
                }
                Some(b'^') => {
                    k += 1;
                    WordIndex::At(1)
                }
                _ => WordIndex::BeforeLast,
            }
        }
        _ => WordIndex::At(first),
    };
    *i = k;
    if let WordIndex::At(l) = last {
        if l < first {
            return Designated::Bad;
        }
    }
    match words_between(event, first, last) {
        Some(w) => Designated::Words(w),
        None => Designated::Bad,
    }
}

/// Words `first..=last` of `line` joined by spaces (`first == usize::MAX`: the last word);
/// `None` when out of range.
fn words_between(line: &[u8], first: usize, last: WordIndex) -> Option<Vec<u8>> {
    let words = tokenize(line);
    let len = words.len();
    let first = if first == usize::MAX {
        len.checked_sub(1)?
    } else {
        first
    };
    let end = match last {
        WordIndex::At(n) => n.checked_add(1)?,
        WordIndex::Last => len,
        // readline: `len - 2`, then one past it.
        WordIndex::BeforeLast => len.checked_sub(1)?,
    };
    if first >= len || end > len {
        return None;
    }
    Some(words[first..end.max(first)].join(&b' '))
}

/// readline's history_tokenize: blanks separate words; quotes, `$(...)` and the like
/// hold together; `;`, `&&`, `|`, `>`, `2>&1`, `(`, `)` are words of their own.
pub fn tokenize(line: &[u8]) -> Vec<&[u8]> {
    let mut words = Vec::new();
    let mut i = 0;
    while i < line.len() {
        while i < line.len() && matches!(line[i], b' ' | b'\t' | b'\n') {
            i += 1;
        }
        if i >= line.len() {
            break;
        }
        let start = i;
        i = word_end(line, i).max(i + 1);
        words.push(&line[start..i]);
    }
    words
}

fn word_end(s: &[u8], mut i: usize) -> usize {
    let at = |k: usize| s.get(k).copied().unwrap_or(0);
    if matches!(at(i), b'(' | b')' | b'\n') {
        return i + 1;
    }
    if at(i).is_ascii_digit() {
        let mut j = i;
        while at(j).is_ascii_digit() {
            j += 1;
        }
        if j >= s.len() {
            return j;
        }
        i = j;
        if !matches!(at(i), b'<' | b'>') {
            return plain_word_end(s, i, 0, 0, 0);
        }
    }
    let c = at(i);
    if b"<>;&|".contains(&c) && c != 0 {
        let peek = at(i + 1);
        if peek == c {
            if c == b'<' && matches!(at(i + 2), b'-' | b'<') {
                i += 1;
            }
            return i + 2;
        }
        if peek == b'&' && (c == b'>' || c == b'<') {
            let mut j = i + 2;
            while at(j).is_ascii_digit() {
                j += 1;
            }
            if at(j) == b'-' {
                j += 1;
            }
            return j;
        }
        if (peek == b'>' && c == b'&') || (peek == b'|' && c == b'>') {
            return i + 2;
        }
        if peek == b'(' && (c == b'>' || c == b'<') {
            return plain_word_end(s, i + 2, b'(', b')', 1);
        }
        return i + 1;
    }
    plain_word_end(s, i, 0, 0, 0)
}

fn plain_word_end(s: &[u8], mut i: usize, mut open: u8, mut delim: u8, mut nest: u32) -> usize {
    if delim == 0 && matches!(s.get(i), Some(b'"' | b'\'' | b'`')) {
        delim = s[i];
        i += 1;
    }
    while i < s.len() {
        let c = s[i];
        if c == b'\\' && s.get(i + 1) == Some(&b'\n') {
            i += 2;
            continue;
        }
        if c == b'\\' && delim != b'\'' && (delim != b'"' || b"\\`\"$".contains(&c)) {
            i += 2;
            continue;
        }
        if nest > 0 && c == open {
            nest += 1;
        } else if nest > 0 && c == delim {
            nest -= 1;
            if nest == 0 {
                delim = 0;
            }
        } else if delim != 0 && c == delim {
            delim = 0;
        } else if nest == 0
            && delim == 0
            && b"<>$!@?+*".contains(&c)
            && s.get(i + 1) == Some(&b'(')
        {
            i += 2;
            open = b'(';
            delim = b')';
            nest = 1;
            continue;
        } else if delim == 0 && WORD_DELIMITERS.contains(&c) {
            break;
        } else if delim == 0 && matches!(c, b'"' | b'\'' | b'`') {
            delim = c;
        }
        i += 1;
    }
    i.min(s.len())
}

/// The word of `line` that holds byte `at` (for `%`).
fn word_at(line: &[u8], at: usize) -> Vec<u8> {
    let base = line.as_ptr() as usize;
    for w in tokenize(line) {
        let start = w.as_ptr() as usize - base;
        if at >= start && at < start + w.len() {
            return w.to_vec();
        }
    }
    Vec::new()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The old or new text of `:s/old/new/`: up to `delim` (a backslash makes it literal) or
/// the end of the line. `None` for an empty old text.
fn subst_part(s: &[u8], i: &mut usize, delim: u8, rhs: bool) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let start = *i;
    while *i < s.len() && s[*i] != delim {
        if s[*i] == b'\\' && s.get(*i + 1) == Some(&delim) {
            *i += 1;
        }
        out.push(s[*i]);
        *i += 1;
    }
    let empty = *i == start;
    if *i < s.len() {
        *i += 1;
    }
    if empty && !rhs { None } else { Some(out) }
}

/// `&` in the new text stands for the old text; `\&` is a plain `&`.
fn amp_to_lhs(rhs: &[u8], lhs: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rhs.len() + lhs.len());
    let mut i = 0;
    while i < rhs.len() {
        if rhs[i] == b'\\' && rhs.get(i + 1) == Some(&b'&') {
            out.push(b'&');
            i += 2;
        } else if rhs[i] == b'&' {
            out.extend_from_slice(lhs);
            i += 1;
        } else {
            out.push(rhs[i]);
            i += 1;
        }
    }
    out
}

/// Replaces `lhs` by `rhs` in `text`: the first time, every time (`global`), or the first
/// time in each word (`by_words`). `None` when `lhs` does not occur.
fn substitute(text: &[u8], lhs: &[u8], rhs: &[u8], global: bool, by_words: bool) -> Option<Vec<u8>> {
    let mut t = text.to_vec();
    let mut found = false;
    let mut si = 0;
    let mut word_end_at = 0;
    let mut first_word = true;
    while si + lhs.len() <= t.len() {
        if by_words && (first_word || si > word_end_at) {
            first_word = false;
            while si < t.len() && matches!(t[si], b' ' | b'\t' | b'\n') {
                si += 1;
            }
            word_end_at = word_end(&t, si).max(si + 1);
        }
        if t[si..].starts_with(lhs) {
            t.splice(si..si + lhs.len(), rhs.iter().copied());
            found = true;
            if global {
                si += rhs.len();
                continue;
            } else if by_words {
                word_end_at = word_end_at + rhs.len() - lhs.len();
                si = word_end_at;
                continue;
            }
            break;
        }
        si += 1;
    }
    found.then_some(t)
}

/// `:q`: the text in single quotes.
fn single_quote(text: &[u8]) -> Vec<u8> {
    let mut out = vec![b'\''];
    for &c in text {
        if c == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(c);
        }
    }
    out.push(b'\'');
    out
}

/// `:x`: as `:q`, but breaking into words at blanks and newlines.
fn quote_breaks(text: &[u8]) -> Vec<u8> {
    let mut out = vec![b'\''];
    for &c in text {
        match c {
            b'\'' => out.extend_from_slice(b"'\\''"),
            b' ' | b'\t' | b'\n' => out.extend_from_slice(&[b'\'', c, b'\'']),
            _ => out.push(c),
        }
    }
    out.push(b'\'');
    out
}

fn error(s: &[u8], from: usize, to: usize, reason: &'static str) -> HistError {
    let from = from.min(s.len());
    let to = to.clamp(from, s.len());
    HistError {
        text: s[from..to].to_vec(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(hist: &[&str], line: &str) -> Result<String, String> {
        let entries: Vec<Vec<u8>> = hist.iter().map(|h| h.as_bytes().to_vec()).collect();
        let ev = Events {
            entries: &entries,
            first: 1,
        };
        let mut st = State::default();
        match expand(line.as_bytes(), ev, Chars::from_var(None), false, &mut st) {
            Ok(Expanded::Unchanged) => Ok(line.to_string()),
            Ok(Expanded::Changed(v) | Expanded::PrintOnly(v)) => {
                Ok(String::from_utf8_lossy(&v).into_owned())
            }
            Err(e) => Err(e.to_string()),
        }
    }

    #[test]
    fn events_and_words() {
        let h = ["ls -l /usr/lib/x.tar.gz", "echo a b c"];
        assert_eq!(run(&h, "!!").unwrap(), "echo a b c");
        assert_eq!(run(&h, "sudo !!").unwrap(), "sudo echo a b c");
        assert_eq!(run(&h, "!$ !^ !*").unwrap(), "c a a b c");
        assert_eq!(run(&h, "!-2:$:t").unwrap(), "x.tar.gz");
        assert_eq!(run(&h, "!ls:2:h").unwrap(), "/usr/lib");
        assert_eq!(run(&h, "!?tar?:%:r").unwrap(), "/usr/lib/x.tar");
        assert_eq!(run(&h, "^b^B").unwrap(), "echo a B c");
        assert_eq!(run(&h, "echo '!!' \\!! x!").unwrap(), "echo '!!' \\!! x!");
        assert_eq!(run(&h, "echo $! ${!x} [!a]").unwrap(), "echo $! ${!x} [!a]");
        assert_eq!(run(&h, "echo \"!!\" # !!").unwrap(), "echo \"echo a b c\" # !!");
        assert_eq!(run(&h, "!nope").unwrap_err(), "!nope: event not found");
        assert_eq!(run(&h, "!!:9").unwrap_err(), ":9: bad word specifier");
        assert_eq!(run(&[], "!!").unwrap_err(), "!!: event not found");
    }

    #[test]
    fn tokens() {
        let t = tokenize(b"a 'b c' $(d e)|f 2>&1 >>g;h");
        let t: Vec<_> = t.iter().map(|w| String::from_utf8_lossy(w)).collect();
        assert_eq!(t, ["a", "'b c'", "$(d e)", "|", "f", "2>&1", ">>", "g", ";", "h"]);
    }
}
