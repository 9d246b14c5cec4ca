//! Functions exported through the environment (`export -f`, `declare -fx`), in bash's form:
//! `BASH_FUNC_name%%=() { body }`. bats exports its helpers this way and re-runs bash.

use std::os::unix::ffi::OsStringExt;

use super::Shell;
use super::vars::Attrs;
use crate::syntax::ast::{Command, List};

const PREFIX: &[u8] = b"BASH_FUNC_";
const SUFFIX: &[u8] = b"%%";

/// Whether any function is exported (the environment of children then carries it).
pub fn any(sh: &Shell) -> bool {
    !sh.function_attrs.is_empty() && sh.function_attrs.values().any(|a| a.contains(Attrs::EXPORTED))
}

/// The `BASH_FUNC_name%%=() ...` entries for the exported functions that are defined.
pub fn entries(sh: &Shell) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for (name, attrs) in sh.function_attrs.iter() {
        let Some(f) = sh.functions.get(name.as_slice()) else { continue };
        if !attrs.contains(Attrs::EXPORTED) {
            continue;
        }
        let text = crate::syntax::print::function_definition(f);
        // The definition without its name and with `{` on the first line: bash takes a value
        // only when it starts with `() {`.
        let Some(rest) = text.strip_prefix(name.as_slice()) else { continue };
        let Some(body) = rest.trim_ascii_start().strip_prefix(b"()") else { continue };
        let mut e = [PREFIX, name, SUFFIX, b"=() "].concat();
        e.extend_from_slice(body.trim_ascii_start());
        out.push(e);
    }
    out
}

/// Defines (exported) the functions the environment carries in bash's form. As bash since
/// Shellshock, a value is taken only when it starts with `() {` and parses as that one
/// function definition and nothing more.
pub fn import(sh: &mut Shell) {
    for (k, v) in std::env::vars_os() {
        let (k, v) = (k.into_vec(), v.into_vec());
        let Some(name) = k.strip_prefix(PREFIX).and_then(|n| n.strip_suffix(SUFFIX)) else { continue };
        if !v.starts_with(b"() {") || name.is_empty() || name.iter().any(|c| c.is_ascii_whitespace() || b"();&|<>$`'\"\\".contains(c)) {
            continue;
        }
        let src = [name, b" ", &v].concat();
        let Ok(list) = crate::syntax::parse_program(&src) else { continue };
        let Some(def) = single_definition(&list, name) else { continue };
        let source = sh.call_stack.current_source();
        std::rc::Rc::make_mut(&mut sh.functions).insert(name.to_vec(), super::Function { def, source });
        std::rc::Rc::make_mut(&mut sh.function_attrs).entry(name.to_vec()).or_default().insert(Attrs::EXPORTED);
    }
}

fn single_definition(list: &List, name: &[u8]) -> Option<std::rc::Rc<crate::syntax::ast::FunctionDef>> {
    match list.lone_command()? {
        Command::FunctionDef(f) if f.name == name => Some(f.clone()),
        _ => None,
    }
}
