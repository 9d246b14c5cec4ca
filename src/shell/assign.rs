//! Assignment through the attributes: the one place where `declare -i` (arithmetic), `-l`,
//! `-u` and `-c` (case) change a value as it is assigned, whoever assigns it: an assignment
//! word, `declare`, `read`, `for`, `getopts`, an array element.
//!
//! Most variables have none of these attributes: [`assign`] then costs one table lookup, as a
//! plain `Vars::set` does.

use std::fmt;

use super::vars::{Attrs, Key, Target, Value, VarError};
use super::Shell;
use crate::expand::ExpandError;

/// Why an assignment failed.
#[derive(Debug)]
pub enum AssignError {
    /// Refused by the store (readonly, bad subscript, circular reference).
    Var(VarError),
    /// The value of an integer variable is no valid expression: fatal to a non-interactive
    /// shell, as bash's arithmetic errors are.
    Arith(ExpandError),
}

impl fmt::Display for AssignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssignError::Var(e) => e.fmt(f),
            AssignError::Arith(e) => f.write_str(&e.message),
        }
    }
}

impl From<VarError> for AssignError {
    fn from(e: VarError) -> Self {
        AssignError::Var(e)
    }
}

impl From<ExpandError> for AssignError {
    fn from(e: ExpandError) -> Self {
        AssignError::Arith(e)
    }
}

impl From<AssignError> for ExpandError {
    fn from(e: AssignError) -> Self {
        match e {
            AssignError::Var(v) => ExpandError::new(v.to_string()),
            AssignError::Arith(a) => a,
        }
    }
}

/// `name=value` (`name+=value` when `append`), converted as the variable's attributes say;
/// exported too under `set -a`.
pub fn assign(sh: &mut Shell, name: &[u8], value: Vec<u8>, append: bool) -> Result<(), AssignError> {
    if !append {
        // The common case: no attribute to apply, one lookup.
        match sh.vars.try_set(name, value)? {
            None => {
                if sh.options.allexport {
                    sh.vars.export(name);
                }
                return Ok(());
            }
            Some(v) => return assign_slow(sh, name, v, false),
        }
    }
    assign_slow(sh, name, value, true)
}

/// [`assign`] for a variable with converting attributes, a reference, or `+=`.
fn assign_slow(sh: &mut Shell, name: &[u8], value: Vec<u8>, append: bool) -> Result<(), AssignError> {
    let target = match sh.vars.target(name)? {
        Target::Var(n) => n.into_owned(),
        Target::Element(a, s) => {
            let (a, s) = (a.into_owned(), s.into_owned());
            return assign_element(sh, &a, &s, value, append);
        }
        // The first value of a reference without target names its target.
        Target::Unbound(n) => {
            let n = n.into_owned();
            return Ok(sh.vars.set_reference(&n, value)?);
        }
    };
    let attrs = sh.vars.attrs(&target);
    let current_is_array = matches!(sh.vars.value(&target), Some(Value::Indexed(_) | Value::Assoc(_)));
    if current_is_array {
        // `a=v` and `a+=v` on an array act on element 0 (key "0").
        let sub: &[u8] = b"0";
        return assign_element(sh, &target, sub, value, append);
    }
    let value = if attrs.intersects(Attrs::CONVERTING) {
        let old = if append { sh.vars.get(&target).map(<[u8]>::to_vec) } else { None };
        convert(sh, attrs, old.as_deref(), value)?
    } else if append {
        let mut v = sh.vars.get(&target).map(<[u8]>::to_vec).unwrap_or_default();
        v.extend_from_slice(&value);
        v
    } else {
        value
    };
    if attrs.contains(Attrs::DYNAMIC) {
        crate::shell::dynamic::assigned(sh, &target, &value);
    }
    sh.vars.set(&target, value)?;
    if sh.options.allexport {
        sh.vars.export(&target);
    }
    Ok(())
}

/// The value an attribute set makes of `value` (appended to `old` for `+=`): an integer
/// variable's arithmetic result (a sum for `+=`), else the text case-converted.
pub fn convert(sh: &mut Shell, attrs: Attrs, old: Option<&[u8]>, value: Vec<u8>) -> Result<Vec<u8>, AssignError> {
    if attrs.contains(Attrs::INTEGER) {
        let mut n = arith_value(sh, &value)?;
        if let Some(old) = old {
            n = n.wrapping_add(arith_value(sh, old)?);
        }
        return Ok(n.to_string().into_bytes());
    }
    let mut text = match old {
        Some(o) => {
            let mut t = o.to_vec();
            t.extend_from_slice(&value);
            t
        }
        None => value,
    };
    if attrs.intersects(Attrs::CASE) {
        let utf8 = crate::shell::locale::is_utf8(&sh.vars);
        text = if attrs.contains(Attrs::LOWERCASE) {
            case::lower(&text, utf8)
        } else if attrs.contains(Attrs::UPPERCASE) {
            case::upper(&text, utf8)
        } else {
            case::capitalize(&text, utf8)
        };
    }
    Ok(text)
}

/// The arithmetic value of an integer variable's assigned text (empty is 0).
fn arith_value(sh: &mut Shell, text: &[u8]) -> Result<i64, ExpandError> {
    if let Some(n) = crate::expand::arith::canonical_decimal(text) {
        return Ok(n);
    }
    if text.iter().all(u8::is_ascii_whitespace) {
        return Ok(0);
    }
    crate::expand::arith::eval_text(sh, text)
}

/// The key an element's subscript text means for `name`: the text for an associative array,
/// else its arithmetic value.
fn element_key(sh: &mut Shell, name: &[u8], sub: &[u8]) -> Result<Result<i64, Vec<u8>>, AssignError> {
    if sh.vars.is_assoc(name) {
        if sub.is_empty() {
            return Err(VarError::BadSubscript(String::from_utf8_lossy(name).into_owned()).into());
        }
        return Ok(Err(sub.to_vec()));
    }
    Ok(Ok(arith_value(sh, sub)?))
}

/// `name[sub]=value` (`+=` when `append`), the value converted as the array's attributes say.
pub fn assign_element(sh: &mut Shell, name: &[u8], sub: &[u8], value: Vec<u8>, append: bool) -> Result<(), AssignError> {
    let key = element_key(sh, name, sub)?;
    let key = match &key {
        Ok(i) => Key::Index(*i),
        Err(k) => Key::Name(k),
    };
    let attrs = sh.vars.attrs(name);
    if attrs.intersects(Attrs::CONVERTING) {
        let old = if append { sh.vars.element(name, key)?.map(<[u8]>::to_vec) } else { None };
        let v = convert(sh, attrs, old.as_deref(), value)?;
        sh.vars.set_element(name, key, v)?;
    } else if append {
        sh.vars.append_element(name, key, &value)?;
    } else {
        sh.vars.set_element(name, key, value)?;
    }
    Ok(())
}

/// Case conversion of values. In a UTF-8 locale characters convert as Unicode says (bytes
/// that are no character stay); otherwise only ASCII letters change.
pub mod case {
    fn map(s: &[u8], utf8: bool, f: impl Fn(usize, char) -> String, ascii: impl Fn(usize, u8) -> u8) -> Vec<u8> {
        if !utf8 || s.is_ascii() {
            return s.iter().enumerate().map(|(i, &c)| ascii(i, c)).collect();
        }
        let mut out = Vec::with_capacity(s.len());
        let mut n = 0;
        for chunk in s.utf8_chunks() {
            for ch in chunk.valid().chars() {
                out.extend_from_slice(f(n, ch).as_bytes());
                n += 1;
            }
            out.extend_from_slice(chunk.invalid());
            n += chunk.invalid().len();
        }
        out
    }

    pub fn lower(s: &[u8], utf8: bool) -> Vec<u8> {
        map(s, utf8, |_, c| c.to_lowercase().collect(), |_, c| c.to_ascii_lowercase())
    }

    pub fn upper(s: &[u8], utf8: bool) -> Vec<u8> {
        map(s, utf8, |_, c| c.to_uppercase().collect(), |_, c| c.to_ascii_uppercase())
    }

    /// The first character upper case, the rest lower case (`declare -c`).
    pub fn capitalize(s: &[u8], utf8: bool) -> Vec<u8> {
        map(
            s,
            utf8,
            |i, c| if i == 0 { c.to_uppercase().collect() } else { c.to_lowercase().collect() },
            |i, c| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() },
        )
    }
}

