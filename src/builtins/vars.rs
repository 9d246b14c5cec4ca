//! `export`, `readonly`, `unset` and `local`: the builtins that change variable attributes.
//! Listings (`export -p`, `readonly -p`) are sorted and quoted so the shell can read them back.

use super::util::{error, lossy, out, scan_opts};
use crate::shell::quote::quote;
use crate::shell::{Shell, is_name};

/// `export` and `readonly` differ only in the attribute and the listing's prefix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Attr {
    Export,
    Readonly,
}

pub fn export(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    attr_builtin(sh, args, Attr::Export)
}

pub fn readonly(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    attr_builtin(sh, args, Attr::Readonly)
}

fn attr_builtin(sh: &mut Shell, args: &[Vec<u8>], attr: Attr) -> i32 {
    let opts = match scan_opts(sh, args, b"p", false) {
        Ok(o) => o,
        Err(st) => {
            sh.special_builtin_error = true;
            return st;
        }
    };
    let names = &args[opts.next..];
    if names.is_empty() {
        list(sh, attr);
        return 0;
    }
    let mut status = 0;
    for a in names {
        let (name, value) = match a.iter().position(|&c| c == b'=') {
            Some(eq) => (&a[..eq], Some(a[eq + 1..].to_vec())),
            None => (&a[..], None),
        };
        if !is_name(name) {
            error(sh, args, format!("{}: bad variable name", lossy(name)));
            sh.special_builtin_error = true;
            status = 1;
            continue;
        }
        if let Some(v) = value {
            if let Err(e) = sh.vars.set(name, v) {
                error(sh, args, e);
                sh.special_builtin_error = true;
                status = 1;
                continue;
            }
        }
        match attr {
            Attr::Export => sh.vars.export(name),
            Attr::Readonly => sh.vars.set_readonly(name),
        }
    }
    status
}

/// `export -p` / `readonly -p`: `export name='value'`, or `export name` when declared but unset.
fn list(sh: &Shell, attr: Attr) {
    let mut vars: Vec<_> = sh
        .vars
        .iter()
        .filter(|(_, v)| match attr {
            Attr::Export => v.is_exported(),
            Attr::Readonly => v.is_readonly(),
        })
        .collect();
    vars.sort_by(|a, b| a.0.cmp(b.0));
    let prefix: &[u8] = match attr {
        Attr::Export => b"export ",
        Attr::Readonly => b"readonly ",
    };
    let mut buf = Vec::new();
    for (name, v) in vars {
        buf.extend_from_slice(prefix);
        buf.extend_from_slice(name);
        if let Some(val) = v.scalar() {
            buf.push(b'=');
            buf.extend_from_slice(&quote(val));
        }
        buf.push(b'\n');
    }
    out(&buf);
}

/// `unset [-fv] name...`: variables by default (never functions, as in dash), `-f` functions.
pub fn unset(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let opts = match scan_opts(sh, args, b"fv", false) {
        Ok(o) => o,
        Err(st) => {
            sh.special_builtin_error = true;
            return st;
        }
    };
    let functions = opts.flags.last() == Some(&b'f');
    let mut status = 0;
    for name in &args[opts.next..] {
        if functions {
            sh.functions.remove(name.as_slice());
            continue;
        }
        if let Some((array, sub)) = element_reference(name) {
            if let Err(msg) = unset_element(sh, array, sub) {
                error(sh, args, msg);
                status = 1;
            }
            continue;
        }
        if !is_name(name) {
            error(sh, args, format!("{}: bad variable name", lossy(name)));
            sh.special_builtin_error = true;
            status = 1;
            continue;
        }
        if let Err(e) = sh.vars.unset(name) {
            error(sh, args, e);
            sh.special_builtin_error = true;
            status = 1;
        }
    }
    status
}

/// `name[sub]`: the array's name and the subscript's text.
fn element_reference(arg: &[u8]) -> Option<(&[u8], &[u8])> {
    let open = arg.iter().position(|&c| c == b'[')?;
    let sub = arg[open + 1..].strip_suffix(b"]")?;
    is_name(&arg[..open]).then_some((&arg[..open], sub))
}

/// `unset 'a[i]'`, `unset 'm[key]'`; `unset 'a[@]'` empties an indexed array.
fn unset_element(sh: &mut Shell, name: &[u8], sub: &[u8]) -> Result<(), String> {
    use crate::expand::subscript;
    use crate::shell::Value;
    if sub.is_empty() {
        return Ok(());
    }
    if matches!(sub, b"@" | b"*") && !sh.vars.is_assoc(name) {
        if matches!(sh.vars.value(name), Some(Value::Indexed(_))) {
            return sh.vars.set_value(name, Value::Indexed(Box::default())).map_err(|e| e.to_string());
        }
        return sh.vars.unset(name).map_err(|e| e.to_string());
    }
    let shown = || format!("[{}]", lossy(sub));
    let key = subscript::from_text(sh, name, sub, shown).map_err(|e| e.message)?;
    sh.vars.unset_element(name, key.key()).map_err(|e| match e {
        crate::shell::VarError::BadSubscript(_) => format!("[{}]: bad array subscript", lossy(sub)),
        e => e.to_string(),
    })
}

/// `local name[=value]...`: only inside a function; the variable keeps its value until
/// assigned (dash), and is restored when the function returns.
pub fn local(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    if sh.function_depth == 0 {
        error(sh, args, "not in a function");
        return 1;
    }
    let opts = match scan_opts(sh, args, b"", false) {
        Ok(o) => o,
        Err(st) => return st,
    };
    let mut status = 0;
    for a in &args[opts.next..] {
        let (name, value) = match a.iter().position(|&c| c == b'=') {
            Some(eq) => (&a[..eq], Some(a[eq + 1..].to_vec())),
            None => (&a[..], None),
        };
        if !is_name(name) {
            error(sh, args, format!("{}: bad variable name", lossy(name)));
            status = 1;
            continue;
        }
        if sh.vars.var(name).is_some_and(|v| v.is_readonly()) {
            if value.is_some() {
                error(sh, args, format!("{}: readonly variable", lossy(name)));
                status = 1;
            }
            continue;
        }
        if let Err(e) = sh.vars.make_local(name) {
            error(sh, args, e);
            status = 1;
            continue;
        }
        if let Some(v) = value {
            if let Err(e) = super::util::assign(sh, name, v) {
                error(sh, args, e);
                status = 1;
            }
        }
    }
    status
}
