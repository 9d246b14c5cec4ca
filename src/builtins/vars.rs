//! `unset`: removes variables and functions. (`export`, `readonly`, `local` and `declare`
//! share `declare.rs`.)

use super::util::{error, lossy, scan_opts};
use crate::shell::{Shell, VarError, is_name};

/// `unset [-fvn] name...`: variables by default (a function when no variable has the name, as
/// in bash), `-f` functions, `-n` a name reference itself rather than what it refers to.
pub fn unset(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let opts = match scan_opts(sh, args, b"fvn", false) {
        Ok(o) => o,
        Err(st) => {
            sh.special_builtin_error = true;
            return st;
        }
    };
    if opts.has(b'f') && opts.has(b'v') {
        error(sh, args, "cannot simultaneously unset a function and a variable");
        sh.special_builtin_error = true;
        return 1;
    }
    let functions = opts.has(b'f');
    let reference = opts.has(b'n');
    let mut status = 0;
    for name in &args[opts.next..] {
        if functions {
            if sh.functions.contains_key(name.as_slice()) {
                std::rc::Rc::make_mut(&mut sh.functions).remove(name.as_slice());
            }
            if sh.function_attrs.contains_key(name.as_slice()) {
                std::rc::Rc::make_mut(&mut sh.function_attrs).remove(name.as_slice());
            }
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
        if !opts.has(b'v') && sh.vars.var(name).is_none() && sh.functions.contains_key(name.as_slice()) {
            std::rc::Rc::make_mut(&mut sh.functions).remove(name.as_slice());
            if sh.function_attrs.contains_key(name.as_slice()) {
                std::rc::Rc::make_mut(&mut sh.function_attrs).remove(name.as_slice());
            }
            continue;
        }
        let r = if reference { sh.vars.unset_reference(name) } else { sh.vars.unset(name) };
        if let Err(e) = r {
            match e {
                // Not fatal: bash, also in POSIX mode, goes on with status 1.
                VarError::ReadOnly(n) => error(sh, args, format!("{n}: cannot unset: readonly variable")),
                e => {
                    error(sh, args, e);
                    sh.special_builtin_error = true;
                }
            }
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

