//! Printing a function definition back as shell text, in bash's layout (`declare -f`, `type`):
//!
//! ```text
//! f () 
//! { 
//!     echo hi;
//!     if a; then
//!         b;
//!     fi
//! }
//! ```
//!
//! The layout follows bash's print_cmd.c step by step (one statement a line inside a function,
//! four spaces an indentation level, `;` after every statement but the last, here-document
//! bodies after the line that opens them), so scripts that compare `declare -f` output see what
//! bash prints. Words are rebuilt from the syntax tree: their meaning is kept, not always the
//! quoting they were written with (`\e` and `'e'` are one part).

use super::ast::*;

/// Four spaces, bash's indentation step.
const INDENT: usize = 4;

/// `name () \n{ \n    body\n}` followed by the definition's redirections, as `declare -f`
/// prints it (no newline at the end).
pub fn function_definition(def: &FunctionDef) -> Vec<u8> {
    let mut p = Printer::default();
    p.out.extend_from_slice(&def.name);
    p.out.extend_from_slice(b" () \n");
    p.function_body(def);
    p.out
}

/// A list printed on one line, as inside `$(...)` outside of functions: `a; b | c`.
pub fn list_on_one_line(list: &List) -> Vec<u8> {
    let mut p = Printer::default();
    p.list(list);
    p.flush_heredocs();
    p.out
}

/// A simple command as bash shows it in `BASH_COMMAND`: `echo "v $x"`.
pub fn simple_command(sc: &SimpleCommand) -> Vec<u8> {
    let mut p = Printer::default();
    p.simple(sc);
    p.out
}

/// One command on one line (`( exit 3 )`, `[[ -n $x ]]`), as `BASH_COMMAND` shows the command
/// that failed in the ERR trap.
pub fn command_on_one_line(c: &Command) -> Vec<u8> {
    let mut p = Printer::default();
    p.command(c);
    p.flush_heredocs();
    p.out
}

/// The head of a compound command that the DEBUG trap runs before, as bash shows it in
/// `BASH_COMMAND`: `for i in a b`, `select x in a`, `case $x in `, `(( 1 + 1 ))`,
/// `[[ -n $x ]]`; `None` for the others.
pub fn compound_head(cc: &CompoundCommand) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    match cc {
        CompoundCommand::For { var, words, .. } | CompoundCommand::Select { var, words, .. } => {
            out.extend_from_slice(if matches!(cc, CompoundCommand::For { .. }) { b"for " } else { b"select " });
            out.extend_from_slice(var);
            out.extend_from_slice(b" in ");
            match words {
                None => out.extend_from_slice(b"\"$@\""),
                Some(words) => {
                    for (i, w) in words.iter().enumerate() {
                        if i > 0 {
                            out.push(b' ');
                        }
                        word(&mut out, w, Ctx::Unquoted);
                    }
                }
            }
        }
        CompoundCommand::Case { word: subject, .. } => {
            out.extend_from_slice(b"case ");
            word(&mut out, subject, Ctx::Unquoted);
            out.extend_from_slice(b" in ");
        }
        CompoundCommand::Arith { expr, .. } => {
            out.extend_from_slice(b"((");
            arith(&mut out, expr);
            out.extend_from_slice(b"))");
        }
        CompoundCommand::DoubleBracket(e, _) => {
            out.extend_from_slice(b"[[ ");
            cond(&mut out, e);
            out.extend_from_slice(b" ]]");
        }
        _ => return None,
    }
    Some(out)
}

/// A clause of `for ((...))` as `BASH_COMMAND` shows it: `((i<1))`.
pub fn arith_for_clause(a: Option<&Arith>) -> Vec<u8> {
    let mut out = b"((".to_vec();
    arith_clause(&mut out, a);
    out.extend_from_slice(b"))");
    out
}

#[derive(Default)]
struct Printer<'a> {
    out: Vec<u8>,
    indentation: usize,
    /// Statements of a function body go one a line (bash's `inside_function_def`).
    in_function: bool,
    /// The next command continues a line (`a && b`, `if a`): no indentation before it.
    skip_indent: usize,
    /// Here-documents opened on the current line, printed at its end.
    deferred: Vec<&'a Redirect>,
    /// Inside the first part of a connection (`a; b`, `a | b`): here-document bodies wait for
    /// the connector.
    connection_depth: usize,
    /// The last thing printed was a here-document body (which ends the line, so no `;`).
    was_heredoc: bool,
}

impl<'a> Printer<'a> {
    fn text(&mut self, s: &[u8]) {
        self.out.extend_from_slice(s);
    }

    fn indent(&mut self) {
        self.out.extend(std::iter::repeat_n(b' ', self.indentation));
    }

    fn newline(&mut self, s: &[u8]) {
        self.out.push(b'\n');
        self.indent();
        self.text(s);
    }

    /// A `;` unless the line already ended (after `&` or a newline).
    fn semicolon(&mut self) {
        if !matches!(self.out.last(), Some(b'&' | b'\n')) {
            self.out.push(b';');
        }
    }

    fn start_command(&mut self) {
        if self.skip_indent > 0 {
            self.skip_indent -= 1;
        } else {
            self.indent();
        }
    }

    fn function_body(&mut self, def: &'a FunctionDef) {
        let (old_indent, old_in_function) = (self.indentation, self.in_function);
        self.indentation += INDENT;
        self.in_function = true;
        self.text(b"{ \n");
        let group = match &def.body {
            CompoundCommand::BraceGroup(list) => {
                self.list(list);
                true
            }
            // Redirections of another body stay with it, inside the braces bash adds.
            other => {
                self.indent();
                self.compound(other, &def.redirects);
                false
            }
        };
        self.flush_heredocs();
        self.indentation = old_indent;
        self.in_function = old_in_function;
        self.text(b"\n");
        self.indent();
        self.text(b"}");
        if group && !def.redirects.is_empty() {
            self.text(b" ");
            self.redirects(&def.redirects);
        }
    }

    fn list(&mut self, list: &'a List) {
        let n = list.items.len();
        for (i, item) in list.items.iter().enumerate() {
            let last = i + 1 == n;
            if !last {
                self.connection_depth += 1;
            }
            // The first part of a connection is not indented again (bash's skip_this_indent
            // on a connection node).
            self.and_or(&item.and_or);
            if !last {
                self.connection_depth -= 1;
            }
            if item.is_async {
                self.text(b" &");
                if !last {
                    self.text(b" ");
                    self.skip_indent += 1;
                }
            } else if !last {
                if self.deferred.is_empty() {
                    if !self.was_heredoc {
                        self.text(b";");
                    }
                    self.was_heredoc = false;
                } else {
                    if !self.in_function {
                        self.text(b";");
                    }
                    self.flush_heredocs();
                }
                if self.in_function {
                    self.text(b"\n");
                } else {
                    self.text(b" ");
                    self.skip_indent += 1;
                }
            }
        }
    }

    fn and_or(&mut self, ao: &'a AndOr) {
        self.pipeline(&ao.first, !ao.rest.is_empty());
        for (k, (op, p)) in ao.rest.iter().enumerate() {
            self.text(match op {
                AndOrOp::And => b" && ",
                AndOrOp::Or => b" || ",
            });
            self.skip_indent += 1;
            self.pipeline(p, k + 1 < ao.rest.len());
        }
    }

    fn pipeline(&mut self, p: &'a Pipeline, more: bool) {
        self.start_command();
        match p.timed {
            Timed::No => {}
            Timed::Yes => self.text(b"time "),
            Timed::Posix => self.text(b"time -p "),
        }
        if p.negated {
            self.text(b"! ");
        }
        if more {
            self.connection_depth += 1;
        }
        let n = p.commands.len();
        for (i, c) in p.commands.iter().enumerate() {
            if i > 0 {
                self.text(b" | ");
            }
            if i + 1 < n {
                self.connection_depth += 1;
            }
            // Each member continues the line.
            self.skip_indent += 1;
            self.command(c);
            if i + 1 < n {
                self.connection_depth -= 1;
            }
        }
        if more {
            self.connection_depth -= 1;
        }
    }

    fn command(&mut self, c: &'a Command) {
        self.start_command();
        match c {
            Command::Simple(s) => self.simple(s),
            Command::Compound(cc, redirects) => self.compound(cc, redirects),
            Command::FunctionDef(def) => {
                self.text(b"function ");
                self.text(&def.name);
                self.text(b" () \n");
                self.indent();
                self.function_body(def);
            }
        }
    }

    fn simple(&mut self, s: &'a SimpleCommand) {
        let mut first = true;
        for a in &s.assigns {
            if !first {
                self.text(b" ");
            }
            first = false;
            assignment(&mut self.out, a);
        }
        for w in &s.words {
            if !first {
                self.text(b" ");
            }
            first = false;
            word(&mut self.out, w, Ctx::Unquoted);
        }
        if !s.redirects.is_empty() {
            if !first {
                self.text(b" ");
            }
            self.redirects(&s.redirects);
        }
    }

    fn compound(&mut self, cc: &'a CompoundCommand, redirects: &'a [Redirect]) {
        match cc {
            CompoundCommand::BraceGroup(list) => {
                self.text(b"{ ");
                if self.in_function {
                    self.text(b"\n");
                    self.indentation += INDENT;
                } else {
                    self.skip_indent += 1;
                }
                self.list(list);
                self.flush_heredocs();
                if self.in_function {
                    self.text(b"\n");
                    self.indentation -= INDENT;
                    self.indent();
                } else {
                    self.semicolon();
                    self.text(b" ");
                }
                self.text(b"}");
            }
            CompoundCommand::Subshell(list) => {
                self.text(b"( ");
                self.skip_indent += 1;
                self.list(list);
                self.flush_heredocs();
                self.text(b" )");
            }
            CompoundCommand::For { var, words, body, .. } => self.for_in(b"for ", var, words.as_deref(), body),
            CompoundCommand::Select { var, words, body, .. } => {
                self.for_in(b"select ", var, words.as_deref(), body)
            }
            CompoundCommand::Arith { expr, .. } => {
                self.text(b"((");
                arith(&mut self.out, expr);
                self.text(b"))");
            }
            CompoundCommand::ArithFor { init, test, step, body, .. } => {
                self.text(b"for ((");
                arith_clause(&mut self.out, init.as_deref());
                self.text(b"; ");
                arith_clause(&mut self.out, test.as_deref());
                self.text(b"; ");
                arith_clause(&mut self.out, step.as_deref());
                self.text(b"))");
                self.newline(b"do\n");
                self.body(body);
                self.newline(b"done");
            }
            CompoundCommand::DoubleBracket(e, _) => {
                self.text(b"[[ ");
                cond(&mut self.out, e);
                self.text(b" ]]");
            }
            CompoundCommand::Case { word: subject, arms, .. } => {
                self.text(b"case ");
                word(&mut self.out, subject, Ctx::Unquoted);
                self.text(b" in ");
                self.indentation += INDENT;
                for arm in arms {
                    self.newline(b"");
                    for (i, pat) in arm.patterns.iter().enumerate() {
                        if i > 0 {
                            self.text(b" | ");
                        }
                        word(&mut self.out, pat, Ctx::Unquoted);
                    }
                    self.text(b")\n");
                    self.indentation += INDENT;
                    self.list(&arm.body);
                    self.indentation -= INDENT;
                    self.flush_heredocs();
                    self.newline(match arm.terminator {
                        CaseTerminator::Break => b";;",
                        CaseTerminator::FallThrough => b";&",
                        CaseTerminator::TestNext => b";;&",
                    });
                }
                self.indentation -= INDENT;
                self.newline(b"esac");
            }
            CompoundCommand::If { branches, else_body, .. } => self.if_branches(branches, else_body.as_ref()),
            CompoundCommand::While { cond, body, .. } => self.loop_(b"while ", cond, body),
            CompoundCommand::Until { cond, body, .. } => self.loop_(b"until ", cond, body),
        }
        if !redirects.is_empty() {
            self.text(b" ");
            self.redirects(redirects);
        }
    }

    /// `for name in words;` / `select ...;` and the body: bash writes `in "$@"` when there
    /// were no words.
    fn for_in(&mut self, keyword: &[u8], var: &[u8], words: Option<&'a [Word]>, body: &'a List) {
        self.text(keyword);
        self.text(var);
        self.text(b" in ");
        match words {
            None => self.text(b"\"$@\""),
            Some(words) => {
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        self.text(b" ");
                    }
                    word(&mut self.out, w, Ctx::Unquoted);
                }
            }
        }
        self.text(b";");
        self.newline(b"do\n");
        self.body(body);
        self.newline(b"done");
    }

    /// A loop or branch body one level in, ended with `;` unless the line already ended.
    fn body(&mut self, list: &'a List) {
        self.indentation += INDENT;
        self.list(list);
        self.flush_heredocs();
        self.semicolon();
        self.indentation -= INDENT;
    }

    /// bash keeps `elif` as an `if` nested in the `else` part, and prints it so.
    fn if_branches(&mut self, branches: &'a [(List, List)], else_body: Option<&'a List>) {
        let Some(((cond, then), rest)) = branches.split_first() else {
            return;
        };
        self.text(b"if ");
        self.skip_indent += 1;
        self.list(cond);
        self.semicolon();
        self.text(b" then\n");
        self.indentation += INDENT;
        self.list(then);
        self.flush_heredocs();
        self.indentation -= INDENT;
        if !rest.is_empty() || else_body.is_some() {
            self.semicolon();
            self.newline(b"else\n");
            self.indentation += INDENT;
            if rest.is_empty() {
                if let Some(e) = else_body {
                    self.list(e);
                }
            } else {
                self.indent();
                self.if_branches(rest, else_body);
            }
            self.flush_heredocs();
            self.indentation -= INDENT;
        }
        self.semicolon();
        self.newline(b"fi");
    }

    fn loop_(&mut self, keyword: &[u8], cond: &'a List, body: &'a List) {
        self.text(keyword);
        self.skip_indent += 1;
        self.list(cond);
        self.flush_heredocs();
        self.semicolon();
        self.text(b" do\n");
        self.body(body);
        self.newline(b"done");
    }

    fn redirects(&mut self, redirects: &'a [Redirect]) {
        let mut heredocs = Vec::new();
        for (i, r) in redirects.iter().enumerate() {
            if i > 0 {
                self.text(b" ");
            }
            redirect(&mut self.out, r);
            if matches!(r.target, RedirTarget::HereDoc(_)) {
                heredocs.push(r);
            }
        }
        if heredocs.is_empty() {
            return;
        }
        self.deferred.extend(heredocs);
        if self.connection_depth == 0 {
            self.flush_heredocs();
        }
    }

    /// Here-document bodies waiting for the end of their line.
    fn flush_heredocs(&mut self) {
        if self.deferred.is_empty() {
            return;
        }
        self.out.push(b'\n');
        for r in std::mem::take(&mut self.deferred) {
            if let RedirTarget::HereDoc(h) = &r.target {
                heredoc_body(&mut self.out, h);
                self.out.extend_from_slice(&h.delimiter);
                self.out.push(b'\n');
            }
        }
        self.was_heredoc = true;
    }
}

/// The expression of `[[ ]]` (a lone word shows as `-n word`).
fn cond(out: &mut Vec<u8>, e: &CondExpr) {
    match e {
        CondExpr::And(a, b) | CondExpr::Or(a, b) => {
            cond(out, a);
            out.extend_from_slice(if matches!(e, CondExpr::And(..)) { b" && " } else { b" || " });
            cond(out, b);
        }
        CondExpr::Not(x) => {
            out.extend_from_slice(b"! ");
            cond(out, x);
        }
        CondExpr::Group(x) => {
            out.extend_from_slice(b"( ");
            cond(out, x);
            out.extend_from_slice(b" )");
        }
        CondExpr::Unary { op, word: w } => {
            out.push(b'-');
            out.push(*op);
            out.push(b' ');
            word(out, w, Ctx::Unquoted);
        }
        CondExpr::Binary(b) => {
            word(out, &b.left, Ctx::Unquoted);
            out.push(b' ');
            out.extend_from_slice(b.op.text().as_bytes());
            out.push(b' ');
            word(out, &b.right, Ctx::Unquoted);
        }
        CondExpr::Arith(a) => {
            word(out, &a.left.word, Ctx::Unquoted);
            out.push(b' ');
            out.extend_from_slice(a.op.text().as_bytes());
            out.push(b' ');
            word(out, &a.right.word, Ctx::Unquoted);
        }
    }
}

/// `name=value`, `name[sub]+=value`, `name=(1 [k]=v)`.
fn assignment(out: &mut Vec<u8>, a: &Assign) {
    out.extend_from_slice(&a.name);
    if let Some(sub) = &a.subscript {
        out.push(b'[');
        word(out, sub, Ctx::Unquoted);
        out.push(b']');
    }
    out.extend_from_slice(if a.append { b"+=" } else { b"=" });
    match &a.value {
        AssignValue::Scalar(w) => word(out, w, Ctx::Unquoted),
        AssignValue::Array(items) => {
            out.push(b'(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                match item {
                    ArrayItem::Word(w) => word(out, w, Ctx::Unquoted),
                    ArrayItem::Keyed { subscript, append, value } => {
                        out.push(b'[');
                        word(out, subscript, Ctx::Unquoted);
                        out.extend_from_slice(if *append { b"]+=" } else { b"]=" });
                        word(out, value, Ctx::Unquoted);
                    }
                }
            }
            out.push(b')');
        }
    }
}

fn redirect(out: &mut Vec<u8>, r: &Redirect) {
    let target_word = match &r.target {
        RedirTarget::Word(w) => Some(w),
        RedirTarget::HereDoc(_) => None,
    };
    let number_target = target_word.and_then(|w| match w.parts.as_slice() {
        [WordPart::Literal(s)] if !s.is_empty() && s.iter().all(u8::is_ascii_digit) => Some(s),
        [WordPart::Literal(s)] if s.as_slice() == b"-" => Some(s),
        _ => None,
    });
    let fd = r.fd.unwrap_or_else(|| r.op.default_fd());
    // bash always writes the descriptor of `n>&m` and `n>&-`; otherwise only a non-default one.
    let always_fd = matches!(r.op, RedirOp::DupInput | RedirOp::DupOutput) && number_target.is_some();
    if let Some(var) = &r.var {
        out.push(b'{');
        out.extend_from_slice(var);
        out.push(b'}');
    } else if always_fd || fd != r.op.default_fd() {
        out.extend_from_slice(fd.to_string().as_bytes());
    }
    let op: &[u8] = match r.op {
        RedirOp::Input => b"< ",
        RedirOp::Output => b"> ",
        RedirOp::Clobber => b">| ",
        RedirOp::Append => b">> ",
        RedirOp::ReadWrite => b"<> ",
        // bash writes a closing as `n>&-` whichever way it was written.
        RedirOp::DupInput if number_target.is_some_and(|t| t.as_slice() == b"-") => b">&",
        RedirOp::DupInput => b"<&",
        RedirOp::DupOutput => b">&",
        RedirOp::HereDoc => b"<<",
        RedirOp::HereDocStrip => b"<<-",
        RedirOp::HereString => b"<<< ",
        RedirOp::OutputBoth => b"&> ",
        RedirOp::AppendBoth => b"&>> ",
    };
    out.extend_from_slice(op);
    match &r.target {
        RedirTarget::Word(w) => word(out, w, Ctx::Unquoted),
        RedirTarget::HereDoc(h) => {
            if h.quoted {
                out.extend_from_slice(&crate::shell::quote::single_quote(&h.delimiter));
            } else {
                out.extend_from_slice(&h.delimiter);
            }
        }
    }
}

fn heredoc_body(out: &mut Vec<u8>, h: &HereDoc) {
    if h.quoted {
        for part in &h.body.parts {
            if let WordPart::Literal(s) | WordPart::Quoted(s) = part {
                out.extend_from_slice(s);
            }
        }
        return;
    }
    parts(out, &h.body.parts, Ctx::HereDoc);
}

/// Where a word's text goes, which decides how its quoted parts are written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Unquoted,
    DoubleQuoted,
    HereDoc,
    Arith,
}

fn word(out: &mut Vec<u8>, w: &Word, ctx: Ctx) {
    parts(out, &w.parts, ctx);
}

fn parts(out: &mut Vec<u8>, ps: &[WordPart], ctx: Ctx) {
    for (i, part) in ps.iter().enumerate() {
        match part {
            WordPart::Literal(s) if ctx == Ctx::HereDoc => heredoc_text(out, s, i + 1 < ps.len()),
            WordPart::Literal(s) => out.extend_from_slice(s),
            WordPart::Quoted(s) => quoted(out, s, ctx),
            // Arithmetic text is all quoted: its double quotes only grouped.
            WordPart::DoubleQuoted(inner) if ctx == Ctx::Arith => parts(out, inner, ctx),
            WordPart::DoubleQuoted(inner) => {
                out.push(b'"');
                parts(out, inner, Ctx::DoubleQuoted);
                out.push(b'"');
            }
            WordPart::Param(pe) => param(out, pe, ps.get(i + 1)),
            WordPart::ProcessSub { list, output } => {
                out.extend_from_slice(if *output { b">(" } else { b"<(" });
                out.extend_from_slice(&list_on_one_line(list));
                out.push(b')');
            }
            WordPart::CommandSub(list) => {
                out.extend_from_slice(b"$(");
                out.extend_from_slice(&list_on_one_line(list));
                out.push(b')');
            }
            WordPart::Arith(a) => {
                out.extend_from_slice(b"$((");
                arith(out, a);
                out.extend_from_slice(b"))");
            }
            WordPart::Tilde(user) => {
                out.push(b'~');
                if let Some(u) = user {
                    out.extend_from_slice(u);
                }
            }
        }
    }
}

/// Literal text of a here-document body, where escaped characters lost their backslash:
/// puts one back before a `$` or `` ` `` that would expand, and before a backslash that would
/// escape what follows. `more`: other parts follow this text.
fn heredoc_text(out: &mut Vec<u8>, s: &[u8], more: bool) {
    for (i, &c) in s.iter().enumerate() {
        let next = s.get(i + 1).copied();
        let escape = match c {
            b'`' => true,
            b'$' => match next {
                Some(n) => n.is_ascii_alphanumeric() || b"_{(@*#?-$!".contains(&n),
                None => more,
            },
            b'\\' => match next {
                Some(n) => matches!(n, b'$' | b'`' | b'\\' | b'\n'),
                None => more,
            },
            _ => false,
        };
        if escape {
            out.push(b'\\');
        }
        out.push(c);
    }
}

/// Text that was quoted: in double quotes and here-documents with backslashes before the
/// characters that are special there; elsewhere a backslash before one special character, or
/// single quotes.
fn quoted(out: &mut Vec<u8>, s: &[u8], ctx: Ctx) {
    match ctx {
        Ctx::Arith => out.extend_from_slice(s),
        Ctx::DoubleQuoted | Ctx::HereDoc => {
            for &c in s {
                let special = match ctx {
                    Ctx::DoubleQuoted => matches!(c, b'$' | b'`' | b'"' | b'\\'),
                    _ => matches!(c, b'$' | b'`' | b'\\'),
                };
                if special {
                    out.push(b'\\');
                }
                out.push(c);
            }
        }
        Ctx::Unquoted => match s {
            [c] if !c.is_ascii_alphanumeric() && *c != b'\n' => {
                out.push(b'\\');
                out.push(*c);
            }
            _ => out.extend_from_slice(&crate::shell::quote::single_quote(s)),
        },
    }
}

/// The text of an arithmetic expression as it was written.
fn arith(out: &mut Vec<u8>, a: &Arith) {
    match a {
        Arith::Static { text, .. } => out.extend_from_slice(text),
        Arith::Dynamic(w) | Arith::Template { word: w, .. } => word(out, w, Ctx::Arith),
    }
}

/// A clause of `for ((...))` as bash shows it: without its leading blanks, `1` when empty.
fn arith_clause(out: &mut Vec<u8>, a: Option<&Arith>) {
    let mut t = Vec::new();
    if let Some(a) = a {
        arith(&mut t, a);
    }
    let t = t.trim_ascii_start();
    out.extend_from_slice(if t.is_empty() { b"1" } else { t });
}

/// A parameter's name as written inside `${...}`: `x`, `10`, `@`, `!ref`.
fn param_name(out: &mut Vec<u8>, p: &Param) {
    match p {
        Param::Var(n) => out.extend_from_slice(n),
        Param::Positional(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Param::Special(c) => out.push(*c),
        Param::Indirect(inner) => {
            out.push(b'!');
            param_name(out, inner);
        }
        Param::Element(e) => {
            out.extend_from_slice(&e.name);
            out.push(b'[');
            match &e.index {
                Index::All => out.push(b'@'),
                Index::Star => out.push(b'*'),
                Index::Expr(w) => word(out, w, Ctx::Unquoted),
                Index::Number(n) => out.extend_from_slice(n.to_string().as_bytes()),
                Index::Key(k) => out.extend_from_slice(k),
            }
            out.push(b']');
        }
    }
}

fn param(out: &mut Vec<u8>, pe: &ParamExp, next: Option<&WordPart>) {
    if let ParamOp::Plain = pe.op {
        let braces = match &pe.param {
            Param::Var(_) => match next {
                Some(WordPart::Literal(s)) => s.first().is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_'),
                _ => false,
            },
            Param::Positional(n) => *n > 9,
            Param::Special(_) => false,
            Param::Indirect(_) | Param::Element(_) => true,
        };
        out.extend_from_slice(if braces { b"${" } else { b"$" });
        param_name(out, &pe.param);
        if braces {
            out.push(b'}');
        }
        return;
    }
    if let ParamOp::Invalid(text) = &pe.op {
        out.extend_from_slice(b"${");
        out.extend_from_slice(text);
        out.push(b'}');
        return;
    }
    out.extend_from_slice(b"${");
    if let ParamOp::Length = pe.op {
        out.push(b'#');
    }
    if let ParamOp::Names { .. } = pe.op {
        out.push(b'!');
    }
    param_name(out, &pe.param);
    let (op, w): (&[u8], Option<&Word>) = match &pe.op {
        ParamOp::Plain | ParamOp::Invalid(_) | ParamOp::Length => (b"", None),
        ParamOp::Default { colon, word } => (if *colon { b":-" } else { b"-" }, Some(word)),
        ParamOp::Assign { colon, word } => (if *colon { b":=" } else { b"=" }, Some(word)),
        ParamOp::Error { colon, word } => (if *colon { b":?" } else { b"?" }, Some(word)),
        ParamOp::Alternative { colon, word } => (if *colon { b":+" } else { b"+" }, Some(word)),
        ParamOp::RemoveSmallestSuffix(word) => (b"%", Some(word)),
        ParamOp::RemoveLargestSuffix(word) => (b"%%", Some(word)),
        ParamOp::RemoveSmallestPrefix(word) => (b"#", Some(word)),
        ParamOp::RemoveLargestPrefix(word) => (b"##", Some(word)),
        ParamOp::Replace { all, pattern, replacement } => {
            out.extend_from_slice(if *all { b"//" } else { b"/" });
            word(out, pattern, Ctx::Unquoted);
            match replacement {
                Some(r) => (b"/", Some(r)),
                None => (b"", None),
            }
        }
        ParamOp::Substring(sub) => {
            out.push(b':');
            out.extend_from_slice(&sub.offset.text);
            if let Some(len) = &sub.length {
                out.push(b':');
                out.extend_from_slice(&len.text);
            }
            (b"", None)
        }
        ParamOp::Case { to, all, pattern } => {
            let c = match to {
                CaseTo::Upper => b'^',
                CaseTo::Lower => b',',
                CaseTo::Toggle => b'~',
            };
            out.push(c);
            if *all {
                out.push(c);
            }
            (b"", Some(pattern))
        }
        ParamOp::Transform(c) => {
            out.push(b'@');
            out.push(*c);
            (b"", None)
        }
        ParamOp::Names { star } => (if *star { b"*" } else { b"@" }, None),
    };
    out.extend_from_slice(op);
    if let Some(w) = w {
        word(out, w, Ctx::Unquoted);
    }
    out.push(b'}');
}
