//! The syntax of bash's array assignments: `name[sub]=value`, `name+=value` and the compound
//! `name=(item ...)` with `[sub]=value` items, in assignment position and as arguments of the
//! declaration utilities (`declare a=(1 2)`, `local -a l=(x)`).
//!
//! In assignment position a subscript may hold blanks (`a[i + 1]=x`, `m[a b]=v`): the word is
//! then lexed again with blanks inside the brackets kept, as bash does.

use super::ast::*;
use super::lexer::{Core, PResult, Tok, Op, is_name_char, is_name_start, push_part};

/// Names of the utilities whose `name=(...)` arguments are compound assignments.
pub(crate) fn is_declaration_utility(name: &[u8]) -> bool {
    matches!(name, b"declare" | b"typeset" | b"local" | b"export" | b"readonly")
}

/// Length of the leading name of `s` (0 when it does not start with one).
fn name_len(s: &[u8]) -> usize {
    match s.first() {
        Some(&c) if is_name_start(c) => s.iter().take_while(|&&c| is_name_char(c)).count(),
        _ => 0,
    }
}

/// The end of a subscript: `s[open]` is `[`; returns the index of the matching `]`, skipping
/// quoted text and backslash escapes; `None` when it is not closed in `s`.
fn subscript_end(s: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < s.len() {
        match s[i] {
            b'\\' => i += 1,
            b'\'' => {
                i += 1;
                while i < s.len() && s[i] != b'\'' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < s.len() && s[i] != b'"' {
                    if s[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The raw text of a word so far opens a subscript it has not closed: `name[...` (or
/// `[...` for an item of a compound assignment when `bare`).
pub(crate) fn unclosed_subscript(raw: &[u8], bare: bool) -> bool {
    let n = name_len(raw);
    if (n == 0 && !bare) || raw.get(n) != Some(&b'[') || raw.contains(&b'\n') {
        return false;
    }
    subscript_end(raw, n).is_none()
}

/// The raw text of a whole word is an assignment prefix waiting for a compound value:
/// `name=`, `name+=`, `name[sub]=` or `name[sub]+=`.
fn is_assignment_prefix(raw: &[u8]) -> bool {
    let n = name_len(raw);
    if n == 0 {
        return false;
    }
    let rest = match raw.get(n) {
        Some(b'[') => match subscript_end(raw, n) {
            Some(close) => &raw[close + 1..],
            None => return false,
        },
        _ => &raw[n..],
    };
    rest == b"=" || rest == b"+="
}

/// Where a word's subscript closes, in its parts: the part and byte of the `]` that matches the
/// `[` at byte `open` of the first part (a literal). Only unquoted brackets count.
fn find_close(parts: &[WordPart], open: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (p, part) in parts.iter().enumerate() {
        let WordPart::Literal(s) = part else { continue };
        let from = if p == 0 { open } else { 0 };
        for (i, &c) in s.iter().enumerate().skip(from) {
            match c {
                b'[' => depth += 1,
                b']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some((p, i));
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// Splits `parts` at byte `at` of literal part `p`: (before, after).
fn split_parts(mut parts: Vec<WordPart>, p: usize, at: usize) -> (Vec<WordPart>, Vec<WordPart>) {
    let mut after = parts.split_off(p + 1);
    let Some(WordPart::Literal(s)) = parts.pop() else {
        unreachable!("split inside a literal part")
    };
    let (head, tail) = s.split_at(at);
    if !head.is_empty() {
        parts.push(WordPart::Literal(head.to_vec()));
    }
    if !tail.is_empty() {
        after.insert(0, WordPart::Literal(tail.to_vec()));
    }
    (parts, after)
}

/// A subscripted word `[sub]=value` / `[sub]+=value` whose `[` is at byte `open` of its first
/// (literal) part: (subscript, append, value). `None` without that form.
fn split_subscripted(parts: Vec<WordPart>, open: usize, span: Span) -> Result<(Word, bool, Word), Vec<WordPart>> {
    let Some((p, close)) = find_close(&parts, open) else { return Err(parts) };
    let WordPart::Literal(s) = &parts[p] else { return Err(parts) };
    let append = match &s[close + 1..] {
        [b'=', ..] => false,
        [b'+', b'=', ..] => true,
        _ => return Err(parts),
    };
    let (mut sub, rest) = split_parts(parts, p, close);
    // `sub` starts with the literal `[`...; `rest` with `]=` or `]+=`.
    let (_, value) = split_parts(rest, 0, if append { 3 } else { 2 });
    let Some(WordPart::Literal(first)) = sub.first_mut() else { unreachable!() };
    first.drain(..=open);
    if first.is_empty() {
        sub.remove(0);
    }
    Ok((Word { parts: sub, span }, append, Word { parts: value, span }))
}

/// `name=value` and its bash forms (`name+=value`, `name[sub]=value`, `name[sub]+=value`)
/// when the word has one; the value is a scalar word.
pub(crate) fn split_assign(w: Word) -> Result<Assign, Word> {
    let span = w.span;
    let (n, next) = match w.parts.first() {
        Some(WordPart::Literal(s)) => {
            let n = name_len(s);
            (n, s.get(n).copied())
        }
        _ => return Err(w),
    };
    if n == 0 {
        return Err(w);
    }
    match next {
        Some(b'[') => {
            let mut parts = w.parts;
            let WordPart::Literal(first) = &mut parts[0] else { unreachable!() };
            let name = first[..n].to_vec();
            first.drain(..n);
            match split_subscripted(parts, 0, span) {
                Ok((sub, append, value)) => Ok(Assign {
                    name,
                    subscript: Some(sub),
                    append,
                    value: AssignValue::Scalar(value),
                    span,
                }),
                Err(mut parts) => {
                    // Not an assignment: put the name back.
                    let WordPart::Literal(first) = &mut parts[0] else { unreachable!() };
                    first.splice(0..0, name);
                    Err(Word { parts, span })
                }
            }
        }
        Some(b'=' | b'+') => {
            let WordPart::Literal(s) = &w.parts[0] else { unreachable!() };
            let append = next == Some(b'+');
            if append && s.get(n + 1) != Some(&b'=') {
                return Err(w);
            }
            let skip = n + 1 + append as usize;
            let mut parts = w.parts;
            let WordPart::Literal(first) = &mut parts[0] else { unreachable!() };
            let rest = first.split_off(skip);
            first.truncate(n);
            let name = std::mem::replace(first, rest);
            if first.is_empty() {
                parts.remove(0);
            }
            Ok(Assign { name, subscript: None, append, value: AssignValue::Scalar(Word { parts, span }), span })
        }
        _ => Err(w),
    }
}

/// One item of a compound assignment: `[sub]=value` or a plain word.
fn array_item(w: Word) -> ArrayItem {
    if matches!(w.parts.first(), Some(WordPart::Literal(s)) if s.first() == Some(&b'[')) {
        let span = w.span;
        match split_subscripted(w.parts, 0, span) {
            Ok((subscript, append, value)) => ArrayItem::Keyed { subscript, append, value },
            Err(parts) => ArrayItem::Word(Word { parts, span }),
        }
    } else {
        ArrayItem::Word(w)
    }
}

impl Core<'_> {
    /// Right after a word was taken in assignment position: when it stopped at a blank inside
    /// an open subscript (`a[i` of `a[i + 1]=x`), lexes it again keeping the blanks of the
    /// subscript. `bare`: an item of a compound assignment (`[k ey]=v`).
    pub(crate) fn regroup_subscript(&mut self, w: Word, bare: bool) -> PResult<Word> {
        if self.peeked.is_some()
            || self.tok_end != self.pos
            || !matches!(self.buf.get(self.pos), Some(b' ' | b'\t'))
            || !unclosed_subscript(&self.buf[self.tok_start..self.tok_end], bare)
        {
            return Ok(w);
        }
        self.pos = self.tok_start;
        self.subscript_at = Some((self.tok_start, self.depth));
        let t = self.lex_word_tok();
        self.subscript_at = None;
        self.tok_end = self.pos;
        self.last_end = self.pos;
        match t? {
            Tok::Word(w, _) => Ok(w),
            t => Err(self.unexpected(&t)),
        }
    }

    /// The word just taken is an assignment prefix (`name=`, `name[sub]+=`, ...) with a `(`
    /// right after it: a compound assignment follows.
    pub(crate) fn compound_follows(&self) -> bool {
        self.peeked.is_none()
            && self.tok_end == self.pos
            && self.buf.get(self.pos) == Some(&b'(')
            && is_assignment_prefix(&self.buf[self.tok_start..self.tok_end])
    }

    /// The raw text of the word just taken.
    pub(crate) fn last_word_raw(&self) -> &[u8] {
        &self.buf[self.tok_start..self.tok_end]
    }

    /// `( item ... )` of a compound assignment, at the `(`: the items, and the raw text from
    /// the `(` to the `)` included (what a declaration utility gets as its argument).
    pub(crate) fn compound_value(&mut self) -> PResult<(Vec<ArrayItem>, Vec<u8>)> {
        let open = self.pos;
        self.skip_tok()?;
        let mut items = Vec::new();
        loop {
            match self.peek_tok()? {
                Tok::Newline => self.skip_tok()?,
                Tok::Op(Op::RParen) => {
                    self.skip_tok()?;
                    break;
                }
                Tok::Word(..) | Tok::IoNumber(_) => {
                    let w = match self.take_tok()? {
                        Tok::Word(w, _) => w,
                        t => return Err(self.unexpected(&t)),
                    };
                    let w = self.regroup_subscript(w, true)?;
                    if !self.check_only {
                        items.push(array_item(w));
                    }
                }
                Tok::Eof => return Err(self.eof_error("syntax error: unexpected end of file")),
                _ => return Err(self.peek_unexpected()),
            }
        }
        let raw = self.buf[open..self.last_end].to_vec();
        Ok((items, raw))
    }
}

impl Core<'_> {
    /// At the `[` after a name inside `${`: the subscript through its `]`, `None` (a bad
    /// substitution) when it is not closed. The text between the brackets is lexed as the
    /// word of `${x-word}` outside quotes (quotes and expansions work), except `@` and `*`.
    pub(crate) fn element(&mut self, name: Vec<u8>) -> Option<Param> {
        let open = self.pos;
        let close = subscript_end(&self.buf, open)?;
        let text = &self.buf[open + 1..close];
        let index = match text {
            b"@" => Index::All,
            b"*" => Index::Star,
            _ => {
                let mut src = super::lexer::NoSource;
                let mut body = text.to_vec();
                body.push(b'}');
                let line = self.line;
                let mut sub = self.sub(&mut src, body, line);
                let parts = sub.lex_parts(super::lexer::Mode::Param { dq: false, pattern: false });
                let complete = sub.pos == sub.buf.len();
                self.reclaim(sub);
                let parts = parts.ok().filter(|_| complete)?;
                let span = Span { start: self.base + open as u32 + 1, end: self.base + close as u32, line };
                Index::Expr(Word { parts, span })
            }
        };
        self.pos = close + 1;
        Some(Param::Element(Box::new(Element { name, index })))
    }
}

/// The word of a declaration utility's compound argument: its whole text as one literal
/// (`a=(1 'x y')`), which the utility parses again once it knows the attributes.
pub(crate) fn compound_argument(mut prefix: Vec<u8>, raw: Vec<u8>, span: Span) -> Word {
    prefix.extend_from_slice(&raw);
    let mut parts = Vec::new();
    push_part(&mut parts, WordPart::Literal(prefix));
    Word { parts, span }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> WordPart {
        WordPart::Literal(s.as_bytes().to_vec())
    }

    fn word(parts: Vec<WordPart>) -> Word {
        Word { parts, span: Span::default() }
    }

    #[test]
    fn unclosed_subscripts() {
        assert!(unclosed_subscript(b"a[i", false));
        assert!(unclosed_subscript(b"m['a b'", false));
        assert!(!unclosed_subscript(b"a[i]=x", false));
        assert!(!unclosed_subscript(b"[", false));
        assert!(unclosed_subscript(b"[x", true));
        assert!(!unclosed_subscript(b"echo", false));
    }

    #[test]
    fn assignment_prefixes() {
        for yes in ["a=", "a+=", "a[1]=", "a[i + 1]+=", "_x[']']="] {
            assert!(is_assignment_prefix(yes.as_bytes()), "{yes}");
        }
        for no in ["a", "=", "a[1]", "1a=", "a=b", "a[1=", "a+"] {
            assert!(!is_assignment_prefix(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn split_plain_append_and_subscripted() {
        let a = split_assign(word(vec![lit("x+=y")])).unwrap();
        assert_eq!((a.name.as_slice(), a.append), (&b"x"[..], true));
        assert_eq!(a.value, AssignValue::Scalar(word(vec![lit("y")])));
        let a = split_assign(word(vec![lit("m["), WordPart::Quoted(b"a b".to_vec()), lit("]+=v")])).unwrap();
        assert_eq!(a.name, b"m");
        assert!(a.append);
        assert_eq!(a.subscript, Some(word(vec![WordPart::Quoted(b"a b".to_vec())])));
        assert_eq!(a.value, AssignValue::Scalar(word(vec![lit("v")])));
        let a = split_assign(word(vec![lit("a[x[1]]=")])).unwrap();
        assert_eq!(a.subscript, Some(word(vec![lit("x[1]")])));
        assert_eq!(a.value, AssignValue::Scalar(word(vec![])));
        assert_eq!(split_assign(word(vec![lit("a[1]")])).unwrap_err(), word(vec![lit("a[1]")]));
        assert!(split_assign(word(vec![lit("a+b=1")])).is_err());
    }

    #[test]
    fn items() {
        assert_eq!(
            array_item(word(vec![lit("[3]=c")])),
            ArrayItem::Keyed { subscript: word(vec![lit("3")]), append: false, value: word(vec![lit("c")]) }
        );
        assert_eq!(array_item(word(vec![lit("[x]")])), ArrayItem::Word(word(vec![lit("[x]")])));
        assert_eq!(array_item(word(vec![lit("x")])), ArrayItem::Word(word(vec![lit("x")])));
    }
}
