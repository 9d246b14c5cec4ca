//! The executor's door to word expansion. Until `crate::expand` lands, a throwaway fallback
//! (literal and quoted parts, plain parameters, command substitution) keeps the engine testable.

use crate::shell::Shell;
use crate::syntax::ast::{Param, ParamOp, Word, WordPart};

/// An expansion error, already reported to the user or to be reported with this message.
#[derive(Debug)]
pub struct ExpandFail {
    pub message: String,
}

/// Expands command words: fields after splitting and globbing.
pub fn expand_words(sh: &mut Shell, words: &[Word]) -> Result<Vec<Vec<u8>>, ExpandFail> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        let mut fields: Vec<Vec<u8>> = Vec::new();
        let mut cur: Option<Vec<u8>> = None;
        for part in &w.parts {
            match part {
                WordPart::Param(p) if matches!(p.op, ParamOp::Plain) && !matches!(p.param, Param::Special(b'@') | Param::Special(b'*')) => {
                    let v = param(sh, &p.param);
                    for (i, f) in v.split(|c| b" \t\n".contains(c)).enumerate() {
                        if i > 0 {
                            if let Some(c) = cur.take() {
                                if !c.is_empty() {
                                    fields.push(c);
                                }
                            }
                        }
                        cur.get_or_insert_with(Vec::new).extend_from_slice(f);
                    }
                }
                WordPart::Param(p) if matches!(p.param, Param::Special(b'@') | Param::Special(b'*')) => {
                    for (i, a) in sh.positional.clone().into_iter().enumerate() {
                        if i > 0 {
                            if let Some(c) = cur.take() {
                                fields.push(c);
                            }
                        }
                        cur.get_or_insert_with(Vec::new).extend_from_slice(&a);
                    }
                }
                WordPart::DoubleQuoted(parts) if parts.iter().any(|p| matches!(p, WordPart::Param(pp) if pp.param == Param::Special(b'@'))) => {
                    for (i, a) in sh.positional.clone().into_iter().enumerate() {
                        if i > 0 {
                            if let Some(c) = cur.take() {
                                fields.push(c);
                            }
                        }
                        cur.get_or_insert_with(Vec::new).extend_from_slice(&a);
                    }
                }
                _ => {
                    let mut buf = cur.take().unwrap_or_default();
                    part_to(sh, part, &mut buf)?;
                    cur = Some(buf);
                }
            }
        }
        if let Some(c) = cur {
            let quoted = w.parts.iter().any(|p| !matches!(p, WordPart::Literal(_) | WordPart::Param(_)));
            if !c.is_empty() || quoted {
                fields.push(c);
            }
        }
        out.extend(fields);
    }
    Ok(out)
}

/// Expands one word without field splitting or globbing (assignments, redirection targets,
/// here-document bodies, `case` subjects).
pub fn expand_word(sh: &mut Shell, word: &Word) -> Result<Vec<u8>, ExpandFail> {
    let mut buf = Vec::new();
    for part in &word.parts {
        part_to(sh, part, &mut buf)?;
    }
    Ok(buf)
}

/// Whether `subject` matches the pattern `word` (`case`).
pub fn pattern_matches(sh: &mut Shell, word: &Word, subject: &[u8]) -> Result<bool, ExpandFail> {
    let pat = expand_word(sh, word)?;
    if pat == b"*" {
        return Ok(true);
    }
    Ok(pat == subject)
}

fn param(sh: &Shell, p: &Param) -> Vec<u8> {
    match p {
        Param::Var(name) => {
            if name == b"LINENO" {
                return sh.lineno.to_string().into_bytes();
            }
            sh.vars.get(name).map(|v| v.to_vec()).unwrap_or_default()
        }
        Param::Positional(n) => sh.positional.get(n.wrapping_sub(1)).cloned().unwrap_or_default(),
        Param::Special(c) => match c {
            b'?' => sh.last_status.to_string().into_bytes(),
            b'#' => sh.positional.len().to_string().into_bytes(),
            b'$' => sh.shell_pid.to_string().into_bytes(),
            b'!' => sh.last_bg_pid.map(|p| p.to_string().into_bytes()).unwrap_or_default(),
            b'0' => sh.arg0.clone(),
            b'-' => sh.options.dollar_dash(),
            _ => sh.positional.join(&b' '),
        },
    }
}

fn part_to(sh: &mut Shell, part: &WordPart, buf: &mut Vec<u8>) -> Result<(), ExpandFail> {
    match part {
        WordPart::Literal(s) | WordPart::Quoted(s) => buf.extend_from_slice(s),
        WordPart::DoubleQuoted(parts) => {
            for p in parts {
                part_to(sh, p, buf)?;
            }
        }
        WordPart::Param(p) => {
            let v = param(sh, &p.param);
            match &p.op {
                ParamOp::Plain => buf.extend_from_slice(&v),
                ParamOp::Length => buf.extend_from_slice(v.len().to_string().as_bytes()),
                ParamOp::Default { word, .. } => {
                    if v.is_empty() {
                        part_word(sh, word, buf)?;
                    } else {
                        buf.extend_from_slice(&v);
                    }
                }
                ParamOp::Assign { word, .. } => {
                    if v.is_empty() {
                        let mut val = Vec::new();
                        part_word(sh, word, &mut val)?;
                        if let Param::Var(n) = &p.param {
                            let _ = sh.vars.set(n, val.clone());
                        }
                        buf.extend_from_slice(&val);
                    } else {
                        buf.extend_from_slice(&v);
                    }
                }
                ParamOp::Alternative { word, .. } => {
                    if !v.is_empty() {
                        part_word(sh, word, buf)?;
                    }
                }
                ParamOp::Error { .. } => {
                    if v.is_empty() {
                        return Err(ExpandFail { message: "parameter not set".into() });
                    }
                    buf.extend_from_slice(&v);
                }
                _ => buf.extend_from_slice(&v),
            }
        }
        WordPart::CommandSub(list) => {
            let mut out = crate::exec::command_substitution(sh, list);
            while out.last() == Some(&b'\n') {
                out.pop();
            }
            buf.extend_from_slice(&out);
        }
        WordPart::Arith(_) => buf.push(b'0'),
        WordPart::Tilde(None) => buf.extend_from_slice(sh.vars.get(b"HOME").unwrap_or(b"~")),
        WordPart::Tilde(Some(u)) => {
            buf.push(b'~');
            buf.extend_from_slice(u);
        }
    }
    Ok(())
}

fn part_word(sh: &mut Shell, w: &Word, buf: &mut Vec<u8>) -> Result<(), ExpandFail> {
    for p in &w.parts {
        part_to(sh, p, buf)?;
    }
    Ok(())
}
