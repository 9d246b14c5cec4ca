//! Assignments beyond `name=value`: `name+=value`, `name[sub]=value`, `name[sub]+=value`,
//! and compound array assignments `name=(...)` / `name+=(...)` (bash). Plain `name=value`
//! keeps its own short path in `simple.rs`.

use crate::exec::words::{self, ExpandFail};
use crate::expand::subscript::{self, Subscript};
use crate::jobs::text::write_word;
use crate::shell::vars::{AssocArray, IndexedArray};
use crate::shell::{Attrs, Key, Shell, Value, VarError};
use crate::syntax::ast::{ArrayItem, Assign, AssignValue, Word};

/// Why an assignment failed; the caller reports it (see [`report`]).
#[derive(Debug)]
pub enum Failure {
    /// An expansion error (fatal or not, as for any expansion).
    Expand(ExpandFail),
    /// A variable error (readonly, bad subscript): bash ends a script with status 1.
    Var(String),
}

impl From<ExpandFail> for Failure {
    fn from(e: ExpandFail) -> Self {
        Failure::Expand(e)
    }
}

impl From<crate::expand::ExpandError> for Failure {
    fn from(e: crate::expand::ExpandError) -> Self {
        Failure::Expand(e.into())
    }
}

impl From<crate::shell::assign::AssignError> for Failure {
    fn from(e: crate::shell::assign::AssignError) -> Self {
        match e {
            crate::shell::assign::AssignError::Var(v) => v.into(),
            crate::shell::assign::AssignError::Arith(a) => a.into(),
        }
    }
}

impl From<VarError> for Failure {
    fn from(e: VarError) -> Self {
        Failure::Var(e.to_string())
    }
}

/// Reports a failed assignment and returns the status: a non-interactive shell exits (status 1
/// as in bash for variable errors; expansion errors as usual).
pub fn report(sh: &mut Shell, f: Failure) -> i32 {
    match f {
        Failure::Expand(e) => super::simple::expansion_error(sh, e),
        Failure::Var(msg) => {
            sh.report_error(&msg);
            sh.exit_unless_interactive(1);
            1
        }
    }
}

/// The source text of `name[sub]` (messages, `set -x`).
fn reference_text(name: &[u8], sub: &Word) -> String {
    let mut t = name.to_vec();
    t.push(b'[');
    write_word(&mut t, sub);
    t.push(b']');
    String::from_utf8_lossy(&t).into_owned()
}

/// Performs an assignment other than a plain `name=value`, for good. Returns its `set -x`
/// text.
pub fn perform(sh: &mut Shell, a: &Assign) -> Result<Vec<u8>, Failure> {
    let mut trace = a.name.clone();
    if let Some(sub) = &a.subscript {
        trace = reference_text(&a.name, sub).into_bytes();
    }
    trace.extend_from_slice(if a.append { b"+=" } else { b"=" });
    match (&a.value, &a.subscript) {
        (AssignValue::Scalar(w), None) => {
            let value = words::expand_assignment_value(sh, w)?;
            trace.extend_from_slice(&crate::shell::quote::quote(&value));
            crate::shell::assign::assign(sh, &a.name, value, a.append)?;
        }
        (AssignValue::Scalar(w), Some(sub)) => {
            let shown = || reference_text(&a.name, sub);
            if sub.parts.is_empty() {
                return Err(Failure::Var(format!("{}: bad array subscript", shown())));
            }
            let key = subscript::evaluate(sh, &a.name, sub, shown)?;
            let value = words::expand_assignment_value(sh, w)?;
            trace.extend_from_slice(&crate::shell::quote::quote(&value));
            let attrs = sh.vars.attrs(&a.name);
            let value = if attrs.intersects(Attrs::CONVERTING) {
                // `-i`, `-l`, `-u` apply to each element; an integer's `+=` adds.
                let old = if a.append { sh.vars.element(&a.name, key.key())?.map(<[u8]>::to_vec) } else { None };
                let v = crate::shell::assign::convert(sh, attrs, old.as_deref(), value)?;
                sh.vars.set_element(&a.name, key.key(), v).map_err(|e| match e {
                    VarError::BadSubscript(_) => Failure::Var(format!("{}: bad array subscript", shown())),
                    e => e.into(),
                })?;
                return Ok(trace);
            } else {
                value
            };
            let result = if a.append {
                sh.vars.append_element(&a.name, key.key(), &value)
            } else {
                sh.vars.set_element(&a.name, key.key(), value)
            };
            result.map_err(|e| match e {
                VarError::BadSubscript(_) => Failure::Var(format!("{}: bad array subscript", shown())),
                e => e.into(),
            })?;
        }
        (AssignValue::Array(_), Some(sub)) => {
            return Err(Failure::Var(format!(
                "{}: cannot assign list to array member",
                reference_text(&a.name, sub)
            )));
        }
        (AssignValue::Array(items), None) => {
            trace.push(b'(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    trace.push(b' ');
                }
                write_item(&mut trace, item);
            }
            trace.push(b')');
            assign_compound(sh, &a.name, items, a.append)?;
        }
    }
    Ok(trace)
}

fn write_item(out: &mut Vec<u8>, item: &ArrayItem) {
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

/// `name=(items)` / `name+=(items)`: builds an indexed array, or an associative one when
/// `name` has that kind. Every item is expanded before the variable changes, so the items may
/// use its old value (`a=(0 "${a[@]}")`).
pub fn assign_compound(sh: &mut Shell, name: &[u8], items: &[ArrayItem], append: bool) -> Result<(), Failure> {
    if sh.vars.attrs(name).contains(Attrs::READONLY) {
        return Err(VarError::ReadOnly(String::from_utf8_lossy(name).into_owned()).into());
    }
    if sh.vars.is_assoc(name) {
        assign_assoc(sh, name, items, append)
    } else {
        assign_indexed(sh, name, items, append)
    }
}

/// One change a compound assignment makes, computed before the variable changes.
enum Change {
    /// A value at the index after the last one set.
    Next(Vec<u8>),
    /// `[i]=v` / `[i]+=v` (`i` may be negative: from the end), with its text for messages.
    At { index: i64, append: bool, value: Vec<u8>, shown: String },
}

fn assign_indexed(sh: &mut Shell, name: &[u8], items: &[ArrayItem], append: bool) -> Result<(), Failure> {
    let mut changes = Vec::with_capacity(items.len());
    for item in items {
        match item {
            ArrayItem::Word(w) => {
                let mut fields = Vec::new();
                crate::expand::expand_word_into(sh, w, &mut fields).map_err(|e| words::failed(sh, e))?;
                changes.extend(fields.into_iter().map(Change::Next));
            }
            ArrayItem::Keyed { subscript: sub, append: add, value } => {
                let mut t = Vec::new();
                write_item(&mut t, item);
                let shown = String::from_utf8_lossy(&t).into_owned();
                if sub.parts.is_empty() {
                    // bash reports it and goes on with the other items.
                    sh.report_error(&format!("{shown}: bad array subscript"));
                    continue;
                }
                let text = words::expand_word(sh, sub)?;
                let index = subscript::index(sh, &text)?;
                let value = words::expand_assignment_value(sh, value)?;
                changes.push(Change::At { index, append: *add, value, shown });
            }
        }
    }
    let attrs = sh.vars.attrs(name);
    if attrs.intersects(Attrs::CONVERTING) {
        // `-i`, `-l`, `-u` apply to each element; `[i]+=v` of an integer array adds.
        for change in &mut changes {
            match change {
                Change::Next(v) => *v = crate::shell::assign::convert(sh, attrs, None, std::mem::take(v))?,
                Change::At { index, append: add, value, .. } => {
                    let old = match append && *add {
                        true => sh.vars.element(name, Key::Index(*index)).ok().flatten().map(<[u8]>::to_vec),
                        false => None,
                    };
                    *value = crate::shell::assign::convert(sh, attrs, old.as_deref(), std::mem::take(value))?;
                    *add = false;
                }
            }
        }
    }
    // Applied in place: `a+=(x)` costs what it adds, not the size of `a`.
    let mut bad = Vec::new();
    sh.vars.modify(name, |v, _| {
        let mut array = match std::mem::take(v) {
            Value::Indexed(a) if append => a,
            Value::Scalar(s) if append => Box::new(IndexedArray::from_values(vec![s])),
            _ => Box::default(),
        };
        let mut next = array.max_index().map_or(0, |m| m + 1);
        for change in changes {
            match change {
                Change::Next(value) => {
                    array.set(next, value);
                    next += 1;
                }
                Change::At { index, append, value, shown } => {
                    let Some(i) = array.resolve(index) else {
                        bad.push(shown);
                        continue;
                    };
                    if append {
                        array.entry(i).extend_from_slice(&value);
                    } else {
                        array.set(i, value);
                    }
                    next = i + 1;
                }
            }
        }
        *v = Value::Indexed(array);
    })?;
    for shown in bad {
        sh.report_error(&format!("{shown}: bad array subscript"));
    }
    Ok(())
}

fn assign_assoc(sh: &mut Shell, name: &[u8], items: &[ArrayItem], append: bool) -> Result<(), Failure> {
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    // (key, append, value), expanded before the variable changes.
    let mut changes: Vec<(Vec<u8>, bool, Vec<u8>)> = Vec::with_capacity(items.len());
    if matches!(items.first(), Some(ArrayItem::Word(_))) {
        // `(k1 v1 k2 v2)`: alternate keys and values, the words expanded as arguments; a
        // `[k]=v` among them is just text (bash 5.2).
        let mut fields = Vec::new();
        for item in items {
            match item {
                ArrayItem::Word(w) => crate::expand::expand_word_into(sh, w, &mut fields).map_err(|e| words::failed(sh, e))?,
                ArrayItem::Keyed { .. } => {
                    let mut t = Vec::new();
                    write_item(&mut t, item);
                    fields.push(t);
                }
            }
        }
        let mut it = fields.into_iter();
        while let Some(k) = it.next() {
            let v = it.next().unwrap_or_default();
            if k.is_empty() {
                sh.report_error(&format!("{}: bad array subscript", lossy(name)));
                continue;
            }
            changes.push((k, false, v));
        }
    } else {
        for item in items {
            match item {
                ArrayItem::Word(w) => {
                    let mut t = Vec::new();
                    write_word(&mut t, w);
                    sh.report_error(&format!(
                        "{}: {}: must use subscript when assigning associative array",
                        lossy(name),
                        lossy(&t)
                    ));
                }
                ArrayItem::Keyed { subscript: sub, append: add, value } => {
                    let k = words::expand_assignment_value(sh, sub)?;
                    if k.is_empty() {
                        let mut t = Vec::new();
                        write_item(&mut t, item);
                        sh.report_error(&format!("{}: bad array subscript", lossy(&t)));
                        continue;
                    }
                    let v = words::expand_assignment_value(sh, value)?;
                    changes.push((k, *add, v));
                }
            }
        }
    }
    let attrs = sh.vars.attrs(name);
    if attrs.intersects(Attrs::CONVERTING) {
        for (k, add, value) in &mut changes {
            let old = match append && *add {
                true => sh.vars.element(name, Key::Name(k)).ok().flatten().map(<[u8]>::to_vec),
                false => None,
            };
            *value = crate::shell::assign::convert(sh, attrs, old.as_deref(), std::mem::take(value))?;
            *add = false;
        }
    }
    sh.vars.modify(name, |v, _| {
        let mut map = match std::mem::take(v) {
            Value::Assoc(m) if append => m,
            _ => Box::new(AssocArray::new()),
        };
        for (k, add, value) in changes {
            if add {
                map.entry(&k).extend_from_slice(&value);
            } else {
                map.insert(&k, value);
            }
        }
        *v = Value::Assoc(map);
    })?;
    Ok(())
}

/// For declaration utilities (`declare -a a=(1 2)`, `local m=([k]=v)`): `arg` is an argument
/// of the form `name=(...)`, `name+=(...)` as the parser left it (its whole text); parses the
/// items and assigns them to `name` with the kind it has now. `None` when `arg` does not have
/// that form (then it is an ordinary `name=value`).
pub fn compound_argument(sh: &mut Shell, arg: &[u8]) -> Option<Result<(), Failure>> {
    let eq = arg.iter().position(|&c| c == b'=')?;
    let (name, append) = match arg[..eq].strip_suffix(b"+") {
        Some(n) => (n, true),
        None => (&arg[..eq], false),
    };
    let body = arg[eq + 1..].strip_prefix(b"(")?.strip_suffix(b")")?;
    if !crate::shell::is_name(name) {
        return None;
    }
    let items = match crate::syntax::parse_array_items(body) {
        Ok(items) => items,
        Err(e) => return Some(Err(Failure::Var(e))),
    };
    Some(assign_compound(sh, name, &items, append))
}

/// The key of an evaluated subscript (re-exported for builtins).
pub fn key_of(s: &Subscript) -> Key<'_> {
    s.key()
}
