//! Variables whose value the shell computes when a script reads them: the call stack
//! (`FUNCNAME`, `BASH_SOURCE`, `BASH_LINENO`), ...
//!
//! Nothing is done for them while they are not read: an expansion of a name calls
//! [`refresh`], which stores the current value in the variable (an exact name match, nothing
//! more, for every other name). Each is created at start-up with [`Attrs::DYNAMIC`]; `unset`
//! takes that away and the name becomes an ordinary variable, as in bash.

use super::vars::{Attrs, IndexedArray, Value};
use super::Shell;

/// The dynamic variables, declared when a shell starts.
const NAMES: &[&[u8]] = &[b"BASH_LINENO", b"BASH_SOURCE", b"FUNCNAME"];

/// Declares the dynamic variables (without values: they get them when read).
pub fn declare(sh: &mut Shell) {
    for name in NAMES {
        sh.vars.add_attrs(name, Attrs::DYNAMIC);
    }
}

/// Before `name` is read: stores its current value if it is one of the dynamic variables.
#[inline]
pub fn refresh(sh: &mut Shell, name: &[u8]) {
    // Every dynamic name is upper case and at least six bytes long: most of a script's names
    // are out after two tests.
    if name.len() >= 6 && name[0].is_ascii_uppercase() {
        refresh_named(sh, name);
    }
}

fn refresh_named(sh: &mut Shell, name: &[u8]) {
    if !NAMES.contains(&name) || !sh.vars.attrs(name).contains(Attrs::DYNAMIC) {
        return;
    }
    let value = match name {
        b"FUNCNAME" => {
            // Only inside a function (bash), though `caller` sees the names of sourced files.
            let names = if sh.function_depth == 0 {
                Vec::new()
            } else {
                sh.call_stack.levels().map(|l| l.name.to_vec()).collect()
            };
            array(names)
        }
        b"BASH_SOURCE" => array(sh.call_stack.levels().map(|l| l.source.to_vec()).collect()),
        b"BASH_LINENO" => array(sh.call_stack.levels().map(|l| l.line.to_string().into_bytes()).collect()),
        _ => return,
    };
    let _ = sh.vars.set_value(name, value);
}

/// An indexed array; none at all when empty (`declare -p` shows `declare -a NAME`, as bash).
fn array(values: Vec<Vec<u8>>) -> Value {
    if values.is_empty() {
        return Value::Unset;
    }
    Value::Indexed(Box::new(IndexedArray::from_values(values)))
}
