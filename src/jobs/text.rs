//! The text of a job as `jobs`, `fg` and notices show it, rebuilt from the syntax tree in a
//! canonical form (as bash does: `( exit 3 )`, `sleep 30 | cat`).

use crate::syntax::ast::{
    AndOr, AndOrOp, Arith, CaseTerminator, CaseTo, Command, CompoundCommand, CondExpr, List, Param, ParamExp,
    ParamOp, Pipeline, RedirOp, RedirTarget, Redirect, SimpleCommand, Timed, Word, WordPart,
};

/// One pipeline's text.
pub fn pipeline(p: &Pipeline) -> Vec<u8> {
    let mut out = Vec::new();
    write_pipeline(&mut out, p);
    out
}

/// One command's text (a pipeline member).
pub fn command(c: &Command) -> Vec<u8> {
    let mut out = Vec::new();
    write_command(&mut out, c);
    out
}

/// An and-or list's text.
pub fn and_or(a: &AndOr) -> Vec<u8> {
    let mut out = Vec::new();
    write_and_or(&mut out, a);
    out
}

fn write_and_or(out: &mut Vec<u8>, a: &AndOr) {
    write_pipeline(out, &a.first);
    for (op, p) in &a.rest {
        out.extend_from_slice(match op {
            AndOrOp::And => b" && ",
            AndOrOp::Or => b" || ",
        });
        write_pipeline(out, p);
    }
}

fn write_pipeline(out: &mut Vec<u8>, p: &Pipeline) {
    match p.timed {
        Timed::No => {}
        Timed::Yes => out.extend_from_slice(b"time "),
        Timed::Posix => out.extend_from_slice(b"time -p "),
    }
    if p.negated {
        out.extend_from_slice(b"! ");
    }
    for (i, c) in p.commands.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b" | ");
        }
        write_command(out, c);
    }
}

fn write_list(out: &mut Vec<u8>, l: &List) {
    for (i, item) in l.items.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        write_and_or(out, &item.and_or);
        out.extend_from_slice(if item.is_async { b" &" } else { b";" });
    }
}

fn write_command(out: &mut Vec<u8>, c: &Command) {
    match c {
        Command::Simple(s) => write_simple(out, s),
        Command::Compound(cc, redirs) => {
            write_compound(out, cc);
            write_redirs(out, redirs);
        }
        Command::FunctionDef(f) => {
            out.extend_from_slice(&f.name);
            out.extend_from_slice(b" () ");
            write_compound(out, &f.body);
            write_redirs(out, &f.redirects);
        }
    }
}

fn write_simple(out: &mut Vec<u8>, s: &SimpleCommand) {
    let mut first = true;
    let mut sep = |out: &mut Vec<u8>| {
        if !first {
            out.push(b' ');
        }
        first = false;
    };
    for a in &s.assigns {
        sep(out);
        write_assign(out, a);
    }
    for w in &s.words {
        sep(out);
        write_word(out, w);
    }
    if first {
        write_redirs_bare(out, &s.redirects);
    } else {
        write_redirs(out, &s.redirects);
    }
}

/// `name=value`, `name[sub]+=value`, `name=(item ...)`.
pub fn write_assign(out: &mut Vec<u8>, a: &crate::syntax::ast::Assign) {
    use crate::syntax::ast::{ArrayItem, AssignValue};
    out.extend_from_slice(&a.name);
    if let Some(sub) = &a.subscript {
        out.push(b'[');
        write_word(out, sub);
        out.push(b']');
    }
    out.extend_from_slice(if a.append { b"+=" } else { b"=" });
    match &a.value {
        AssignValue::Scalar(w) => write_word(out, w),
        AssignValue::Array(items) => {
            out.push(b'(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                match item {
                    ArrayItem::Word(w) => write_word(out, w),
                    ArrayItem::Keyed { subscript, append, value } => {
                        out.push(b'[');
                        write_word(out, subscript);
                        out.extend_from_slice(if *append { b"]+=" } else { b"]=" });
                        write_word(out, value);
                    }
                }
            }
            out.push(b')');
        }
    }
}

fn write_compound(out: &mut Vec<u8>, cc: &CompoundCommand) {
    match cc {
        CompoundCommand::BraceGroup(l) => {
            out.extend_from_slice(b"{ ");
            write_list(out, l);
            out.extend_from_slice(b" }");
        }
        CompoundCommand::Subshell(l) => {
            out.extend_from_slice(b"( ");
            write_list(out, l);
            // `( exit 3 )`, as bash shows it: the last `;` is dropped.
            if out.last() == Some(&b';') {
                out.pop();
            }
            out.extend_from_slice(b" )");
        }
        CompoundCommand::For {
            var, words, body, ..
        } => {
            out.extend_from_slice(b"for ");
            out.extend_from_slice(var);
            if let Some(ws) = words {
                out.extend_from_slice(b" in");
                for w in ws {
                    out.push(b' ');
                    write_word(out, w);
                }
            }
            out.extend_from_slice(b"; do ");
            write_list(out, body);
            out.extend_from_slice(b" done");
        }
        CompoundCommand::Case { word, arms, .. } => {
            out.extend_from_slice(b"case ");
            write_word(out, word);
            out.extend_from_slice(b" in");
            for arm in arms {
                out.push(b' ');
                for (i, p) in arm.patterns.iter().enumerate() {
                    if i > 0 {
                        out.push(b'|');
                    }
                    write_word(out, p);
                }
                out.extend_from_slice(b") ");
                write_list(out, &arm.body);
                out.extend_from_slice(match arm.terminator {
                    CaseTerminator::Break => b";",
                    CaseTerminator::FallThrough => b"&",
                    CaseTerminator::TestNext => b";&",
                });
            }
            out.extend_from_slice(b" esac");
        }
        CompoundCommand::If {
            branches,
            else_body,
            ..
        } => {
            for (i, (c, b)) in branches.iter().enumerate() {
                out.extend_from_slice(if i == 0 { b"if " } else { b" elif " });
                write_list(out, c);
                out.extend_from_slice(b" then ");
                write_list(out, b);
            }
            if let Some(e) = else_body {
                out.extend_from_slice(b" else ");
                write_list(out, e);
            }
            out.extend_from_slice(b" fi");
        }
        CompoundCommand::While { cond, body, .. } | CompoundCommand::Until { cond, body, .. } => {
            out.extend_from_slice(if matches!(cc, CompoundCommand::While { .. }) {
                b"while "
            } else {
                b"until "
            });
            write_list(out, cond);
            out.extend_from_slice(b" do ");
            write_list(out, body);
            out.extend_from_slice(b" done");
        }
        CompoundCommand::Arith { expr, .. } => {
            out.extend_from_slice(b"((");
            write_arith(out, expr);
            out.extend_from_slice(b"))");
        }
        CompoundCommand::ArithFor { init, test, step, body, .. } => {
            out.extend_from_slice(b"for ((");
            for (i, a) in [init, test, step].into_iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b"; ");
                }
                if let Some(a) = a {
                    write_arith(out, a);
                }
            }
            out.extend_from_slice(b")); do ");
            write_list(out, body);
            out.extend_from_slice(b" done");
        }
        CompoundCommand::Select { var, words, body, .. } => {
            out.extend_from_slice(b"select ");
            out.extend_from_slice(var);
            if let Some(ws) = words {
                out.extend_from_slice(b" in");
                for w in ws {
                    out.push(b' ');
                    write_word(out, w);
                }
            }
            out.extend_from_slice(b"; do ");
            write_list(out, body);
            out.extend_from_slice(b" done");
        }
        CompoundCommand::DoubleBracket(e, _) => {
            out.extend_from_slice(b"[[ ");
            write_cond(out, e);
            out.extend_from_slice(b" ]]");
        }
    }
}

/// The text of an arithmetic expression as written (expansions in it shown as words).
fn write_arith(out: &mut Vec<u8>, a: &Arith) {
    match a {
        Arith::Dynamic(w) | Arith::Template { word: w, .. } => write_word(out, w),
        Arith::Static { text, .. } => out.extend_from_slice(text),
    }
}

fn write_cond(out: &mut Vec<u8>, e: &CondExpr) {
    match e {
        CondExpr::And(a, b) | CondExpr::Or(a, b) => {
            write_cond(out, a);
            out.extend_from_slice(if matches!(e, CondExpr::And(..)) { b" && " } else { b" || " });
            write_cond(out, b);
        }
        CondExpr::Not(x) => {
            out.extend_from_slice(b"! ");
            write_cond(out, x);
        }
        CondExpr::Group(x) => {
            out.extend_from_slice(b"( ");
            write_cond(out, x);
            out.extend_from_slice(b" )");
        }
        CondExpr::Unary { op, word } => {
            out.extend_from_slice(&[b'-', *op, b' ']);
            write_word(out, word);
        }
        CondExpr::Binary(b) => {
            write_word(out, &b.left);
            out.push(b' ');
            out.extend_from_slice(b.op.text().as_bytes());
            out.push(b' ');
            write_word(out, &b.right);
        }
        CondExpr::Arith(a) => {
            write_word(out, &a.left.word);
            out.push(b' ');
            out.extend_from_slice(a.op.text().as_bytes());
            out.push(b' ');
            write_word(out, &a.right.word);
        }
    }
}

fn write_redirs(out: &mut Vec<u8>, rs: &[Redirect]) {
    for r in rs {
        out.push(b' ');
        write_redir(out, r);
    }
}

fn write_redirs_bare(out: &mut Vec<u8>, rs: &[Redirect]) {
    for (i, r) in rs.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        write_redir(out, r);
    }
}

fn write_redir(out: &mut Vec<u8>, r: &Redirect) {
    if let Some(fd) = r.fd {
        out.extend_from_slice(fd.to_string().as_bytes());
    }
    if let Some(v) = &r.var {
        out.push(b'{');
        out.extend_from_slice(v);
        out.push(b'}');
    }
    out.extend_from_slice(match r.op {
        RedirOp::Input => b"<".as_slice(),
        RedirOp::Output => b">",
        RedirOp::Clobber => b">|",
        RedirOp::Append => b">>",
        RedirOp::ReadWrite => b"<>",
        RedirOp::DupInput => b"<&",
        RedirOp::DupOutput => b">&",
        RedirOp::HereDoc => b"<<",
        RedirOp::HereDocStrip => b"<<-",
        RedirOp::HereString => b"<<<",
        RedirOp::OutputBoth => b"&>",
        RedirOp::AppendBoth => b"&>>",
    });
    match &r.target {
        RedirTarget::Word(w) => {
            out.push(b' ');
            write_word(out, w);
        }
        RedirTarget::HereDoc(h) => out.extend_from_slice(&h.delimiter),
    }
}

/// A word as it could be typed back.
pub fn write_word(out: &mut Vec<u8>, w: &Word) {
    for part in &w.parts {
        write_part(out, part, false);
    }
}

fn write_part(out: &mut Vec<u8>, part: &WordPart, in_dq: bool) {
    match part {
        WordPart::Literal(b) => out.extend_from_slice(b),
        WordPart::Quoted(b) => {
            if in_dq {
                for &c in b {
                    if matches!(c, b'$' | b'`' | b'"' | b'\\') {
                        out.push(b'\\');
                    }
                    out.push(c);
                }
            } else if b.len() == 1 && !matches!(b[0], b'\'' | b'\n') {
                out.push(b'\\');
                out.push(b[0]);
            } else {
                out.extend_from_slice(&crate::shell::quote::single_quote(b));
            }
        }
        WordPart::DoubleQuoted(parts) => {
            out.push(b'"');
            for p in parts {
                write_part(out, p, true);
            }
            out.push(b'"');
        }
        WordPart::Param(pe) => write_param(out, pe),
        WordPart::ProcessSub { list, output } => {
            out.extend_from_slice(if *output { b">(" } else { b"<(" });
            write_list(out, list);
            if out.last() == Some(&b';') {
                out.pop();
            }
            out.push(b')');
        }
        WordPart::CommandSub(l) => {
            out.extend_from_slice(b"$(");
            write_list(out, l);
            if out.last() == Some(&b';') {
                out.pop();
            }
            out.push(b')');
        }
        WordPart::Arith(a) => {
            out.extend_from_slice(b"$((");
            write_arith(out, a);
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

fn param_text(name: &mut Vec<u8>, p: &Param) {
    match p {
        Param::Var(n) => name.extend_from_slice(n),
        Param::Positional(n) => name.extend_from_slice(n.to_string().as_bytes()),
        Param::Special(c) => name.push(*c),
        Param::Element(e) => write_element(name, e),
        Param::Indirect(r) => {
            name.push(b'!');
            param_text(name, r);
        }
    }
}

/// `name[sub]` (`name[@]`, `name[*]`).
pub fn write_element(out: &mut Vec<u8>, e: &crate::syntax::ast::Element) {
    use crate::syntax::ast::Index;
    out.extend_from_slice(&e.name);
    out.push(b'[');
    match &e.index {
        Index::All => out.push(b'@'),
        Index::Star => out.push(b'*'),
        Index::Expr(w) => write_word(out, w),
        Index::Number(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Index::Key(k) => out.extend_from_slice(k),
    }
    out.push(b']');
}

fn write_param(out: &mut Vec<u8>, pe: &ParamExp) {
    let mut name = Vec::new();
    param_text(&mut name, &pe.param);
    let (op, word): (&[u8], Option<&Word>) = match &pe.op {
        ParamOp::Plain => {
            if matches!(pe.param, Param::Positional(n) if n > 9) || matches!(pe.param, Param::Indirect(_) | Param::Element(_)) {
                out.extend_from_slice(b"${");
                out.extend_from_slice(&name);
                out.push(b'}');
            } else {
                out.push(b'$');
                out.extend_from_slice(&name);
            }
            return;
        }
        ParamOp::Length => {
            out.extend_from_slice(b"${#");
            out.extend_from_slice(&name);
            out.push(b'}');
            return;
        }
        ParamOp::Default { colon, word } => (if *colon { b":-" } else { b"-" }, Some(word)),
        ParamOp::Assign { colon, word } => (if *colon { b":=" } else { b"=" }, Some(word)),
        ParamOp::Error { colon, word } => (if *colon { b":?" } else { b"?" }, Some(word)),
        ParamOp::Alternative { colon, word } => (if *colon { b":+" } else { b"+" }, Some(word)),
        ParamOp::RemoveSmallestSuffix(w) => (b"%", Some(w)),
        ParamOp::RemoveLargestSuffix(w) => (b"%%", Some(w)),
        ParamOp::RemoveSmallestPrefix(w) => (b"#", Some(w)),
        ParamOp::RemoveLargestPrefix(w) => (b"##", Some(w)),
        ParamOp::Replace { all, pattern, replacement } => {
            out.extend_from_slice(b"${");
            out.extend_from_slice(&name);
            out.extend_from_slice(if *all { b"//" } else { b"/" });
            write_word(out, pattern);
            if let Some(r) = replacement {
                out.push(b'/');
                write_word(out, r);
            }
            out.push(b'}');
            return;
        }
        ParamOp::Substring(sub) => {
            out.extend_from_slice(b"${");
            out.extend_from_slice(&name);
            out.push(b':');
            out.extend_from_slice(&sub.offset.text);
            if let Some(l) = &sub.length {
                out.push(b':');
                out.extend_from_slice(&l.text);
            }
            out.push(b'}');
            return;
        }
        ParamOp::Case { to, all, pattern } => {
            let c = match to {
                CaseTo::Upper => b'^',
                CaseTo::Lower => b',',
                CaseTo::Toggle => b'~',
            };
            out.extend_from_slice(b"${");
            out.extend_from_slice(&name);
            out.push(c);
            if *all {
                out.push(c);
            }
            write_word(out, pattern);
            out.push(b'}');
            return;
        }
        ParamOp::Transform(letter) => {
            out.extend_from_slice(b"${");
            out.extend_from_slice(&name);
            out.push(b'@');
            out.push(*letter);
            out.push(b'}');
            return;
        }
        ParamOp::Names { star } => {
            out.extend_from_slice(b"${!");
            out.extend_from_slice(&name);
            out.push(if *star { b'*' } else { b'@' });
            out.push(b'}');
            return;
        }
        ParamOp::Invalid(text) => {
            out.extend_from_slice(b"${");
            out.extend_from_slice(text);
            out.push(b'}');
            return;
        }
    };
    out.extend_from_slice(b"${");
    out.extend_from_slice(&name);
    out.extend_from_slice(op);
    if let Some(w) = word {
        write_word(out, w);
    }
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{Parser, SliceSource};

    fn text(src: &str) -> String {
        let mut p = Parser::new(SliceSource::new(src.as_bytes()), 1);
        let list = p
            .next_command(&Default::default())
            .expect("parses")
            .expect("a command");
        String::from_utf8(and_or(&list.items[0].and_or)).expect("utf8")
    }

    #[test]
    fn canonical_texts() {
        assert_eq!(text("sleep 30 | cat\n"), "sleep 30 | cat");
        assert_eq!(text("(exit 3) &\n"), "( exit 3 )");
        assert_eq!(text("sleep   0.1 &\n"), "sleep 0.1");
        assert_eq!(
            text("echo 'a b' \"$x\" ${y:-z} >out\n"),
            "echo 'a b' \"$x\" ${y:-z} > out"
        );
        assert_eq!(
            text("while :; do sleep 1; done\n"),
            "while :; do sleep 1; done"
        );
        assert_eq!(text("a && b || c\n"), "a && b || c");
    }
}
