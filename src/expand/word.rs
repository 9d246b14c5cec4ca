//! The field builder and the walk over word parts.
//!
//! Expansion results are appended to a [`Builder`] together with whether they were quoted.
//! In `Fields` mode the builder splits unquoted results by IFS as they arrive and remembers
//! (in `pat`, only when it matters) the escaped pattern form of the current field, so that
//! pathname expansion knows which `* ? [` came from quoted text.

use super::fields::Ifs;
use super::glob::GlobOptions;
use super::pattern::{ends_with_active_backslash, has_magic_with, is_pattern_special, push_quoted};
use super::{ExpandError, arith, glob, param, tilde};
use crate::shell::Shell;
use crate::syntax::ast::{Arith, Word, WordPart};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    /// Field splitting and (if enabled) pathname expansion.
    Fields,
    /// One string; quoting only matters for `$@`.
    Single,
    /// One string in escaped pattern form: quoted specials get a backslash.
    Pattern,
    /// One string, the replacement of `${x/pat/rep}`: a quoted `&` or `\` gets a backslash,
    /// so that only unquoted ones stand for the match (bash's `patsub_replacement`).
    Replacement,
    /// One string where every quoted byte is preceded by [`QUOTE_MARK`] (and an unquoted
    /// `QUOTE_MARK` is doubled): for `[[ =~ ]]`, whose regex quoting needs to know which bytes
    /// were quoted, and for bash's `set -x` form of `[[ == ]]` patterns.
    Marked,
}

/// The byte that marks the next one as quoted in [`Mode::Marked`] (bash's `CTLESC`). A marked
/// `QUOTE_MARK` and an unquoted one are the same: it is special to no pattern or regex.
pub(crate) const QUOTE_MARK: u8 = 1;

/// Appends `s` to a marked string as unquoted text.
fn push_marked_unquoted(out: &mut Vec<u8>, s: &[u8]) {
    for &c in s {
        if c == QUOTE_MARK {
            out.push(QUOTE_MARK);
        }
        out.push(c);
    }
}

pub(crate) struct Builder {
    pub(crate) mode: Mode,
    glob: bool,
    ifs: Option<Ifs>,
    out: Vec<Vec<u8>>,
    /// The current field (the value after quote removal; in Pattern mode the escaped form).
    cur: Vec<u8>,
    /// The escaped form of `cur`, once it differs from `cur` (a quoted special was added).
    pat: Option<Vec<u8>>,
    /// An unquoted `* ? [` (or `(` under extglob) is in the current field.
    has_glob: bool,
    /// The glob options (`shopt`), for fields that are patterns.
    pub(crate) glob_options: GlobOptions,
    /// Fields of `out` that are patterns, to expand when the words are done: their index,
    /// and their escaped form when it differs from the field.
    globs: Vec<(usize, Option<Vec<u8>>)>,
    /// The current field exists even if empty (quoted text or non-empty text was added).
    started: bool,
    /// The last field ended at IFS white space: a following non-white-space IFS byte belongs
    /// to the same delimiter.
    ws_term: bool,
    /// Expanding the value of an assignment: in `x=${u-~:}` the tilde prefix ends at `:`.
    pub(crate) assignment: bool,
    /// Memory ran out growing the current field: the expansion fails when it ends.
    out_of_memory: bool,
}

impl Builder {
    pub(crate) fn new(mode: Mode, glob: bool, out: Vec<Vec<u8>>) -> Builder {
        Builder {
            mode,
            glob: glob && mode == Mode::Fields,
            ifs: None,
            out,
            cur: Vec::new(),
            pat: None,
            has_glob: false,
            glob_options: GlobOptions::default(),
            globs: Vec::new(),
            started: false,
            ws_term: false,
            assignment: false,
            out_of_memory: false,
        }
    }

    /// Makes room for `n` more bytes in the current field, with fallible allocation: a
    /// result bigger than the memory left (`ulimit -v`) fails the command instead of aborting
    /// the shell.
    #[inline]
    fn room(&mut self, n: usize) -> bool {
        if self.cur.capacity() - self.cur.len() >= n {
            return true;
        }
        if self.cur.try_reserve(n).is_err() {
            self.out_of_memory = true;
            return false;
        }
        true
    }

    pub(crate) fn invalidate_ifs(&mut self) {
        self.ifs = None;
    }

    /// Unquoted text from the word itself (never split).
    pub(crate) fn push_lit(&mut self, s: &[u8]) {
        if self.mode == Mode::Fields {
            self.started = true;
            self.ws_term = false;
            if self.glob {
                if !self.has_glob
                    && s.iter().any(|&c| {
                        matches!(c, b'*' | b'?' | b'[') || (c == b'(' && self.glob_options.extglob)
                    })
                {
                    self.has_glob = true;
                }
                if let Some(p) = &mut self.pat {
                    p.extend_from_slice(s);
                }
            }
        }
        if self.mode == Mode::Marked {
            if self.room(s.len()) {
                push_marked_unquoted(&mut self.cur, s);
            }
            return;
        }
        if self.room(s.len()) {
            self.cur.extend_from_slice(s);
        }
    }

    /// Quoted text: never split, never a pattern character.
    pub(crate) fn push_quoted(&mut self, s: &[u8]) {
        match self.mode {
            Mode::Fields => {
                self.started = true;
                self.ws_term = false;
                if self.glob {
                    if let Some(p) = &mut self.pat {
                        push_quoted(p, s);
                    } else if s.iter().any(|&c| is_pattern_special(c))
                        || (!s.is_empty() && ends_with_active_backslash(&self.cur))
                    {
                        let mut p = Vec::with_capacity(self.cur.len() + s.len() + 4);
                        p.extend_from_slice(&self.cur);
                        push_quoted(&mut p, s);
                        self.pat = Some(p);
                    }
                }
                if self.room(s.len()) {
                    self.cur.extend_from_slice(s);
                }
            }
            Mode::Single => {
                if self.room(s.len()) {
                    self.cur.extend_from_slice(s);
                }
            }
            Mode::Pattern => {
                if self.room(s.len() * 2 + 1) {
                    push_quoted(&mut self.cur, s);
                }
            }
            Mode::Replacement => {
                if self.room(s.len() * 2) {
                    for &c in s {
                        if c == b'&' || c == b'\\' {
                            self.cur.push(b'\\');
                        }
                        self.cur.push(c);
                    }
                }
            }
            Mode::Marked => {
                if self.room(s.len() * 2) {
                    for &c in s {
                        self.cur.push(QUOTE_MARK);
                        self.cur.push(c);
                    }
                }
            }
        }
    }

    /// The length of the current field so far.
    pub(crate) fn len(&self) -> usize {
        self.cur.len()
    }

    /// The result of an expansion: split by IFS when unquoted in Fields mode.
    pub(crate) fn push_value(&mut self, sh: &Shell, s: &[u8], quoted: bool) {
        if quoted {
            return self.push_quoted(s);
        }
        if self.mode != Mode::Fields {
            if self.mode == Mode::Marked {
                if self.room(s.len()) {
                    push_marked_unquoted(&mut self.cur, s);
                }
            } else if self.room(s.len()) {
                self.cur.extend_from_slice(s);
            }
            return;
        }
        if s.is_empty() {
            return;
        }
        if self.ifs.is_none() {
            self.ifs = Some(super::fields::ifs(sh));
        }
        let ifs = self.ifs.take().unwrap_or_else(|| Ifs::new(None));
        if ifs.empty {
            self.push_lit(s);
        } else {
            self.split_into(&ifs, s);
        }
        self.ifs = Some(ifs);
    }

    fn split_into(&mut self, ifs: &Ifs, s: &[u8]) {
        let mut i = 0;
        while i < s.len() {
            let c = s[i];
            if ifs.is_ws(c) {
                if self.started {
                    self.end_field();
                    self.ws_term = true;
                }
                i += 1;
            } else if ifs.is_other(c) {
                if self.started {
                    self.end_field();
                } else if !self.ws_term {
                    // Delimits an empty field.
                    self.started = true;
                    self.end_field();
                }
                self.ws_term = false;
                i += 1;
            } else {
                let start = i;
                while i < s.len() && !ifs.is_delim(s[i]) {
                    i += 1;
                }
                self.push_lit(&s[start..i]);
            }
        }
    }

    /// Ends the current field if it exists (a boundary between `$@` elements).
    pub(crate) fn delimit(&mut self) {
        if self.started {
            self.end_field();
        }
        self.ws_term = false;
    }

    /// Ends the current field, existing or not (between `"$@"` elements).
    pub(crate) fn force_delimit(&mut self) {
        self.started = true;
        self.end_field();
    }

    fn end_field(&mut self) {
        let cur = std::mem::take(&mut self.cur);
        let pat = self.pat.take();
        // `has_glob` only says an unquoted `* ? [` was seen; a lone `[` is no pattern.
        if self.glob
            && self.has_glob
            && has_magic_with(pat.as_deref().unwrap_or(&cur), self.glob_options.extglob)
        {
            self.globs.push((self.out.len(), pat));
        }
        self.out.push(cur);
        self.started = false;
        self.has_glob = false;
    }

    /// Ends a word: its last field, if any, is complete.
    pub(crate) fn end_word(&mut self) {
        if self.started {
            self.end_field();
        }
        self.ws_term = false;
    }

    /// Adds a complete field that needs no further processing (between words).
    pub(crate) fn push_field(&mut self, f: Vec<u8>) {
        self.out.push(f);
    }

    /// The complete fields so far.
    pub(crate) fn fields(&self) -> &[Vec<u8>] {
        &self.out
    }

    /// The fields, after pathname expansion of those that are patterns (XCU 2.6.6: after
    /// field splitting of every word).
    pub(crate) fn finish_fields(mut self, sh: &mut Shell) -> Result<Vec<Vec<u8>>, ExpandError> {
        if self.out_of_memory {
            return Err(ExpandError::out_of_memory());
        }
        if self.started {
            self.end_field();
        }
        if self.globs.is_empty() {
            return Ok(self.out);
        }
        let opts = self.glob_options;
        // The fields before the first pattern stay as they are (`out` may hold earlier words).
        let first = self.globs[0].0;
        let tail = self.out.split_off(first);
        let mut fields = self.out;
        let mut globs = self.globs.into_iter().peekable();
        for (i, field) in (first..).zip(tail) {
            let Some((_, pat)) = globs.next_if(|(at, _)| *at == i) else {
                fields.push(field);
                continue;
            };
            let ignore = sh.vars.get(b"GLOBIGNORE");
            let matches = glob::glob(pat.as_deref().unwrap_or(&field), opts, ignore);
            if !matches.is_empty() {
                fields.extend(matches);
            } else if opts.failglob {
                // bash abandons the whole command line, not only this command.
                let message = format!("no match: {}", String::from_utf8_lossy(&field));
                return Err(ExpandError::abandons_line(message));
            } else if !opts.nullglob {
                fields.push(field);
            }
        }
        Ok(fields)
    }

    pub(crate) fn finish_single(self) -> Result<Vec<u8>, ExpandError> {
        if self.out_of_memory {
            return Err(ExpandError::out_of_memory());
        }
        Ok(self.cur)
    }
}

/// Expands `parts` into `b`; `quoted` is true inside double quotes.
pub(crate) fn expand_parts(
    sh: &mut Shell,
    b: &mut Builder,
    parts: &[WordPart],
    quoted: bool,
) -> Result<(), ExpandError> {
    for part in parts {
        expand_part(sh, b, part, quoted)?;
    }
    Ok(())
}

/// Expands the word of `${x-word}`, `${x+word}`, `${x=word}`: outside double quotes its
/// literal text is part of the expansion result, so it is field split, and it begins with
/// a tilde prefix of its own.
pub(crate) fn expand_param_word(
    sh: &mut Shell,
    b: &mut Builder,
    parts: &[WordPart],
    quoted: bool,
) -> Result<(), ExpandError> {
    // Where expansions nest (`${a-${b-...}}`): the parser's own check bounds the depth, but an
    // expansion's frames may be larger than the parser's.
    if crate::sys::stack::exhausted_deeper() {
        return Err(ExpandError::new("expansion nested too deeply"));
    }
    if quoted {
        // Inside double quotes the word makes a field even when it expands to nothing:
        // `"${x:-}"` is one empty field, and so is `"${x-"$@"}"` without positional
        // parameters (only a bare `"$@"` makes none).
        b.push_quoted(b"");
        return expand_parts(sh, b, parts, true);
    }
    let mut rest = parts;
    if let Some((WordPart::Literal(first), after)) = parts.split_first() {
        if first.first() == Some(&b'~') {
            // The prefix runs to the first `/` (or `:` in an assignment); a quoted character
            // in it prevents expansion.
            let end = first
                .iter()
                .position(|&c| c == b'/' || (c == b':' && b.assignment));
            if end.is_some() || after.is_empty() {
                let end = end.unwrap_or(first.len());
                let user = &first[1..end];
                let user = if user.is_empty() { None } else { Some(user) };
                if tilde::is_login_name(user) {
                    match tilde::expand(sh, user) {
                        Some(dir) => b.push_quoted(&dir),
                        None => b.push_value(sh, &first[..end], false),
                    }
                    b.push_value(sh, &first[end..], false);
                    rest = after;
                }
            }
        }
    }
    for part in rest {
        match part {
            WordPart::Literal(s) => b.push_value(sh, s, false),
            // A tilde prefix that does not expand is text of the result, split like the rest.
            WordPart::Tilde(user) => match tilde::expand(sh, user.as_deref()) {
                Some(dir) => b.push_quoted(&dir),
                None => {
                    let mut text = b"~".to_vec();
                    text.extend_from_slice(user.as_deref().unwrap_or_default());
                    b.push_value(sh, &text, false);
                }
            },
            _ => expand_part(sh, b, part, false)?,
        }
    }
    Ok(())
}

fn expand_part(
    sh: &mut Shell,
    b: &mut Builder,
    part: &WordPart,
    quoted: bool,
) -> Result<(), ExpandError> {
    match part {
        WordPart::Literal(s) => {
            if quoted {
                b.push_quoted(s)
            } else {
                b.push_lit(s)
            }
        }
        WordPart::Quoted(s) => b.push_quoted(s),
        WordPart::DoubleQuoted(inner) => {
            if inner.is_empty() {
                b.push_quoted(b"");
            } else {
                expand_parts(sh, b, inner, true)?;
            }
        }
        WordPart::Param(pe) => param::expand(sh, b, pe, quoted)?,
        WordPart::CommandSub(list) => {
            let Some(mut outp) = crate::exec::command_substitution(sh, list) else {
                return Err(ExpandError::out_of_memory());
            };
            while outp.last() == Some(&b'\n') {
                outp.pop();
            }
            b.push_value(sh, &outp, quoted);
        }
        WordPart::ProcessSub { list, output } => {
            let path = crate::exec::process_substitution(sh, list, *output)
                .map_err(|e| ExpandError::new(format!("process substitution: {e}")))?;
            b.push_value(sh, &path, quoted);
        }
        WordPart::Arith(a) => {
            let v = eval_arith(sh, a)?;
            let mut buf = Vec::with_capacity(20);
            arith::push_i64(&mut buf, v);
            b.push_value(sh, &buf, quoted);
        }
        WordPart::Tilde(user) => match tilde::expand(sh, user.as_deref()) {
            Some(dir) => b.push_quoted(&dir),
            None => {
                b.push_quoted(b"~");
                if let Some(u) = user {
                    b.push_quoted(u);
                }
            }
        },
    }
    Ok(())
}

/// Evaluates `$((...))`.
pub(crate) fn eval_arith(sh: &mut Shell, a: &Arith) -> Result<i64, ExpandError> {
    match a {
        Arith::Static { expr, text } => arith::eval(sh, expr, text),
        Arith::Template { word, params, expr } => {
            let mut slots = [0i64; crate::syntax::arith::MAX_SLOTS];
            let mut all = params.len() <= slots.len();
            for (slot, p) in slots.iter_mut().zip(params) {
                super::param::refresh_dynamic(sh, p)?;
                match super::param::decimal_value(sh, p) {
                    Some(v) => *slot = v,
                    None => {
                        all = false;
                        break;
                    }
                }
            }
            if all {
                let parts = match word.parts.as_slice() {
                    [WordPart::DoubleQuoted(parts)] => parts.as_slice(),
                    parts => parts,
                };
                arith::eval_with_slots(sh, expr, &slots[..params.len()], parts)
            } else {
                eval_dynamic(sh, word)
            }
        }
        Arith::Dynamic(w) => eval_dynamic(sh, w),
    }
}

/// POSIX order: expand the text as in double quotes, then parse and evaluate it.
fn eval_dynamic(sh: &mut Shell, w: &Word) -> Result<i64, ExpandError> {
    let mut b = Builder::new(Mode::Single, false, Vec::new());
    expand_parts(sh, &mut b, &w.parts, true)?;
    let text = b.finish_single()?;
    arith::eval_text(sh, &text)
}
