//! `declare` (and its synonym `typeset`), `local`, `export` and `readonly`: one builtin with
//! four faces. Each face takes its own options (bash's), adds its own attribute (`export`
//! always `-x`, `readonly` always `-r`, `local` always a local variable) and lists in its own
//! form; what an attribute does to later assignments lives in `shell::assign`.

use super::util::{error, lossy, out};
use crate::shell::assign::{self, AssignError};
use crate::shell::quote;
use crate::shell::vars::{Attrs, Value, Var};
use crate::shell::{Shell, is_name};
use crate::expand::declaration::COMPOUND_MARK;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Face {
    Declare,
    Typeset,
    Local,
    Export,
    Readonly,
}

impl Face {
    /// The option letters this face takes (bash 5.2's).
    fn letters(self) -> &'static [u8] {
        match self {
            Face::Declare | Face::Typeset | Face::Local => b"aAcfFgiIlnprtux",
            Face::Export => b"aAfnp",
            Face::Readonly => b"aAfp",
        }
    }
}

pub fn declare(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    run(sh, args, Face::Declare)
}

pub fn typeset(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    run(sh, args, Face::Typeset)
}

pub fn local(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    run(sh, args, Face::Local)
}

pub fn export(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    run(sh, args, Face::Export)
}

pub fn readonly(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    run(sh, args, Face::Readonly)
}

/// What the options asked for.
#[derive(Default)]
struct Request {
    /// Attributes to give (`-x`) and to take away (`+x`).
    on: Attrs,
    off: Attrs,
    /// `-p`: print the variables instead of changing them.
    print: bool,
    /// `-f`: the names are functions.
    functions: bool,
    /// `-F`: functions, by name only.
    function_names: bool,
    /// `-g`: the global variable, even inside a function.
    global: bool,
    /// `-I`: a new local variable takes the attributes and value of the one it hides.
    inherit: bool,
    /// Any option at all (`declare -x` with no names lists; plain `declare` lists otherwise).
    any: bool,
}

fn letter_attr(c: u8) -> Option<Attrs> {
    Some(match c {
        b'a' => Attrs::INDEXED,
        b'A' => Attrs::ASSOC,
        b'c' => Attrs::CAPITALIZE,
        b'i' => Attrs::INTEGER,
        b'l' => Attrs::LOWERCASE,
        b'n' => Attrs::NAMEREF,
        b'r' => Attrs::READONLY,
        b't' => Attrs::TRACE,
        b'u' => Attrs::UPPERCASE,
        b'x' => Attrs::EXPORTED,
        _ => return None,
    })
}

/// Reads the options; `Err(status)` after a usage error. Returns where the operands start.
fn options(sh: &Shell, args: &[Vec<u8>], face: Face) -> Result<(Request, usize), i32> {
    let mut r = Request::default();
    let mut scanner = super::options::Scanner::new(args, face.letters());
    // `+x` takes an attribute away; export and readonly have no such words (bash).
    if !matches!(face, Face::Export | Face::Readonly) {
        scanner = scanner.with_plus();
    }
    while let Some(opt) = scanner.next(sh)? {
        r.any = true;
        match opt.letter {
            b'p' => r.print = true,
            b'f' => r.functions = true,
            b'F' => {
                r.functions = true;
                r.function_names = true;
            }
            b'g' => r.global = true,
            b'I' => r.inherit = true,
            // `export -n`: take the export attribute away.
            b'n' if face == Face::Export => r.off.insert(Attrs::EXPORTED),
            c => {
                let attr = letter_attr(c).expect("letters() lists only known attributes");
                if opt.plus {
                    r.off.insert(attr);
                    r.on.remove(attr);
                } else {
                    r.on.insert(attr);
                    r.off.remove(attr);
                }
            }
        }
    }
    let i = scanner.index();
    match face {
        Face::Export if !r.off.contains(Attrs::EXPORTED) => r.on.insert(Attrs::EXPORTED),
        Face::Readonly => r.on.insert(Attrs::READONLY),
        _ => {}
    }
    // `-l` and `-u` together cancel each other out, as in bash.
    if r.on.contains(Attrs::LOWERCASE | Attrs::UPPERCASE) {
        r.on.remove(Attrs::LOWERCASE | Attrs::UPPERCASE);
    }
    Ok((r, i))
}

fn run(sh: &mut Shell, args: &[Vec<u8>], face: Face) -> i32 {
    if face == Face::Local && sh.function_depth == 0 {
        error(sh, args, "can only be used in a function");
        return 1;
    }
    let (req, first) = match options(sh, args, face) {
        Ok(o) => o,
        Err(status) => {
            if matches!(face, Face::Export | Face::Readonly) {
                sh.special_builtin_error = true;
            }
            return status;
        }
    };
    let names = &args[first..];
    if req.functions {
        return functions(sh, args, &req, names);
    }
    if names.is_empty() {
        if !crate::shell::dynamic::refresh_all(sh) {
            return sh.last_status;
        }
        list(sh, face, &req);
        return 0;
    }
    if req.print {
        for n in names {
            if !crate::shell::dynamic::refresh(sh, n) {
                return sh.last_status;
            }
        }
        return print_named(sh, args, names);
    }
    let mut status = 0;
    for arg in names {
        if face == Face::Local && arg == b"-" {
            // `local -`: the shell options come back as they are now when the function returns.
            sh.save_options_for_return();
            continue;
        }
        if let Err(e) = declare_one(sh, face, &req, arg) {
            match e {
                Failure::Message(m) => error(sh, args, m),
                Failure::Fatal(m) => {
                    // An arithmetic error in a value ends the shell as a failed assignment
                    // does, with status 1 as in bash.
                    error(sh, args, m);
                    let _ = sh.fatal(1);
                    sh.last_status = 1;
                    return 1;
                }
            }
            if matches!(face, Face::Export | Face::Readonly) {
                sh.special_builtin_error = true;
            }
            status = 1;
        }
    }
    status
}

/// How one operand failed.
enum Failure {
    /// To report after the builtin's name.
    Message(String),
    /// To report, and fatal to a non-interactive shell.
    Fatal(String),
}

impl From<AssignError> for Failure {
    fn from(e: AssignError) -> Self {
        match e {
            AssignError::Var(v) => Failure::Message(v.to_string()),
            AssignError::Arith(e) if e.fatal => Failure::Fatal(e.message),
            AssignError::Arith(e) => Failure::Message(e.message),
        }
    }
}

/// An operand split into its parts: `name`, `name=value`, `name+=value`, `name[sub]=value`.
struct Operand<'a> {
    name: &'a [u8],
    subscript: Option<&'a [u8]>,
    value: Option<&'a [u8]>,
    append: bool,
}

fn split_operand(arg: &[u8]) -> Option<Operand<'_>> {
    let end = arg.iter().position(|c| !(c.is_ascii_alphanumeric() || *c == b'_')).unwrap_or(arg.len());
    let name = &arg[..end];
    if !is_name(name) {
        return None;
    }
    let mut rest = &arg[end..];
    let mut subscript = None;
    if rest.first() == Some(&b'[') {
        let close = subscript_end(rest)?;
        subscript = Some(&rest[1..close]);
        rest = &rest[close + 1..];
    }
    let (append, value) = match rest {
        [] => (false, None),
        [b'=', v @ ..] => (false, Some(v)),
        [b'+', b'=', v @ ..] => (true, Some(v)),
        _ => return None,
    };
    if subscript.is_some() && value.is_none() {
        // `declare a[3]` declares the array a (bash ignores the subscript).
        return Some(Operand { name, subscript: None, value: None, append: false });
    }
    Some(Operand { name, subscript, value, append })
}

/// Index of the `]` closing the `[` at the start of `s`, counting nested brackets.
fn subscript_end(s: &[u8]) -> Option<usize> {
    let mut depth = 0;
    for (i, &c) in s.iter().enumerate() {
        match c {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn not_identifier(arg: &[u8]) -> Failure {
    Failure::Message(format!("`{}': not a valid identifier", lossy(arg)))
}

/// Declares one operand: attributes, scope and value.
fn declare_one(sh: &mut Shell, face: Face, req: &Request, arg: &[u8]) -> Result<(), Failure> {
    let Some(op) = split_operand(arg) else {
        return Err(not_identifier(arg));
    };
    let local = match face {
        Face::Local => !req.global,
        Face::Declare | Face::Typeset => sh.function_depth > 0 && !req.global,
        Face::Export | Face::Readonly => false,
    };
    // `declare -g` inside a function works on the global variable, under any locals.
    let swap = if req.global && sh.function_depth > 0 { sh.vars.enter_global(op.name) } else { None };
    let result = declare_in_scope(sh, req, &op, local, arg);
    if let Some(s) = swap {
        sh.vars.leave_global(s);
    }
    result
}

fn declare_in_scope(
    sh: &mut Shell,
    req: &Request,
    op: &Operand,
    local: bool,
    arg: &[u8],
) -> Result<(), Failure> {
    let name_of = |n: &[u8]| lossy(n).into_owned();
    let making_ref = req.on.contains(Attrs::NAMEREF);
    // A name that is a reference stands for its target, unless the reference itself is what
    // is being declared (`-n`, `+n`) or made local.
    let here_local = local && !sh.vars.is_local_here(op.name);
    let target: Vec<u8> = if making_ref || req.off.contains(Attrs::NAMEREF) || here_local {
        op.name.to_vec()
    } else {
        match sh.vars.resolve_name(op.name) {
            Ok(t) => t.into_owned(),
            Err(e) => return Err(Failure::Message(e.to_string())),
        }
    };
    let name = target.as_slice();

    if making_ref {
        check_reference(sh, op, name)?;
    }
    let current = sh.vars.var(name).map(|v| v.attrs()).unwrap_or_default();
    if current.contains(Attrs::READONLY) {
        let changes_value = op.value.is_some();
        if changes_value || req.off.contains(Attrs::READONLY) {
            return Err(Failure::Message(format!("{}: readonly variable", name_of(name))));
        }
        if here_local {
            // bash refuses to hide a readonly variable with a local one.
            return Err(Failure::Message(format!("{}: readonly variable", name_of(name))));
        }
    }
    if here_local {
        sh.vars.declare_local(name, req.inherit);
    } else if sh.vars.var(name).is_none() {
        sh.vars.declare(name);
    }

    // The kind of array first, so that the value lands in the right kind.
    let kind = req.on.intersection(Attrs::ARRAY_KIND);
    if !kind.is_empty() {
        let kind = if kind.contains(Attrs::ASSOC) { Attrs::ASSOC } else { Attrs::INDEXED };
        sh.vars.declare_array(name, kind).map_err(|e| Failure::Message(e.to_string()))?;
    }
    // Attributes that change values come before the value; readonly and export after it.
    let before = req.on.without(Attrs::ARRAY_KIND | Attrs::READONLY | Attrs::EXPORTED);
    let mut before_off = req.off.without(Attrs::ARRAY_KIND | Attrs::READONLY);
    // Setting one case attribute clears the others: the last one set wins.
    for case in [Attrs::LOWERCASE, Attrs::UPPERCASE, Attrs::CAPITALIZE] {
        if before.contains(case) {
            before_off.insert(Attrs::CASE.without(case));
        }
    }
    sh.vars.remove_attrs(name, before_off);
    sh.vars.add_attrs(name, before);

    if let Some(value) = op.value {
        assign_operand(sh, name, op, value, making_ref, arg)?;
    }
    let after = req.on.intersection(Attrs::READONLY | Attrs::EXPORTED);
    sh.vars.add_attrs(name, after);
    if req.off.contains(Attrs::EXPORTED) {
        sh.vars.remove_attrs(name, Attrs::EXPORTED);
    }
    Ok(())
}

/// `declare -n ref=target`: the target must name a variable (or an array element), not the
/// reference itself, and the reference cannot be an array.
fn check_reference(sh: &Shell, op: &Operand, name: &[u8]) -> Result<(), Failure> {
    let shown = lossy(name).into_owned();
    if sh.vars.var(name).is_some_and(|v| v.value().is_array() || v.attrs().intersects(Attrs::ARRAY_KIND)) {
        return Err(Failure::Message(format!("{shown}: reference variable cannot be an array")));
    }
    let Some(value) = op.value else {
        return Ok(());
    };
    if value.is_empty() {
        return Ok(());
    }
    if !crate::shell::vars::is_reference_target(value) {
        return Err(Failure::Message(format!("`{}': invalid variable name for name reference", lossy(value))));
    }
    if value == name {
        return Err(Failure::Message(format!("{shown}: nameref variable self references not allowed")));
    }
    Ok(())
}

/// The value of an operand: a compound array value, an element, or a plain value through the
/// attributes (a reference's value is the name it refers to, taken as it is).
fn assign_operand(
    sh: &mut Shell,
    name: &[u8],
    op: &Operand,
    value: &[u8],
    making_ref: bool,
    _arg: &[u8],
) -> Result<(), Failure> {
    if making_ref {
        sh.vars.set_reference(name, value.to_vec()).map_err(|e| Failure::Message(e.to_string()))?;
        return Ok(());
    }
    let compound = match value.split_first() {
        Some((&COMPOUND_MARK, text)) => Some(text),
        // bash reads `declare -a x='(1 2)'` as a compound value too.
        Some((b'(', _))
            if value.ends_with(b")") && sh.vars.attrs(name).intersects(Attrs::ARRAY_KIND) =>
        {
            Some(value)
        }
        _ => None,
    };
    if let Some(text) = compound {
        if op.subscript.is_some() {
            return Err(Failure::Message(format!("{}: cannot assign list to array member", lossy(_arg))));
        }
        let mut arg = name.to_vec();
        arg.extend_from_slice(if op.append { b"+=" } else { b"=" });
        arg.extend_from_slice(text);
        return match crate::exec::assign::compound_argument(sh, &arg) {
            Some(Ok(())) => Ok(()),
            Some(Err(crate::exec::assign::Failure::Var(m))) => Err(Failure::Message(m)),
            Some(Err(crate::exec::assign::Failure::Expand(e))) if e.fatal => Err(Failure::Fatal(e.message)),
            Some(Err(crate::exec::assign::Failure::Expand(e))) => Err(Failure::Message(e.message)),
            None => Ok(assign::assign(sh, name, text.to_vec(), op.append)?),
        };
    }
    if let Some(sub) = op.subscript {
        return Ok(assign::assign_element(sh, name, sub, value.to_vec(), op.append)?);
    }
    Ok(assign::assign(sh, name, value.to_vec(), op.append)?)
}

/// `declare -f`, `-F`: functions instead of variables.
fn functions(sh: &mut Shell, args: &[Vec<u8>], req: &Request, names: &[Vec<u8>]) -> i32 {
    let names_only = req.function_names;
    if names.is_empty() {
        let mut all: Vec<_> = sh.functions.keys().cloned().collect();
        all.sort();
        let mut buf = Vec::new();
        for n in all {
            function_text(sh, &n, names_only, true, &mut buf);
        }
        return super::util::out_checked(sh, args, &buf);
    }
    let mut status = 0;
    let mut buf = Vec::new();
    let changing = !req.on.is_empty() || !req.off.is_empty();
    for n in names {
        if !sh.functions.contains_key(n.as_slice()) {
            status = 1;
            continue;
        }
        if changing && !req.print {
            // -t (traced: inherits DEBUG and RETURN), -x, -r: kept beside the function.
            let attrs = std::rc::Rc::make_mut(&mut sh.function_attrs).entry(n.clone()).or_default();
            attrs.insert(req.on.intersection(FUNCTION_ATTRS));
            attrs.remove(req.off.intersection(FUNCTION_ATTRS));
            continue;
        }
        function_text(sh, n, names_only, false, &mut buf);
    }
    out(&buf);
    status
}

/// The attributes a function can have.
const FUNCTION_ATTRS: Attrs = Attrs::TRACE.union(Attrs::EXPORTED).union(Attrs::READONLY);

fn function_text(sh: &Shell, name: &[u8], names_only: bool, listing: bool, buf: &mut Vec<u8>) {
    let Some(f) = sh.functions.get(name) else { return };
    if names_only {
        if listing {
            // `declare -frtx f`: the letters in bash's order.
            buf.extend_from_slice(b"declare -f");
            let attrs = sh.function_attrs.get(name).copied().unwrap_or_default();
            for (attr, c) in [(Attrs::READONLY, b'r'), (Attrs::TRACE, b't'), (Attrs::EXPORTED, b'x')] {
                if attrs.contains(attr) {
                    buf.push(c);
                }
            }
            buf.push(b' ');
        }
        buf.extend_from_slice(name);
    } else {
        buf.extend_from_slice(&crate::syntax::print::function_definition(f));
    }
    buf.push(b'\n');
}

/// `declare -p name...`: each variable as a `declare` command; unknown names fail.
fn print_named(sh: &Shell, args: &[Vec<u8>], names: &[Vec<u8>]) -> i32 {
    let utf8 = crate::shell::locale::is_utf8(&sh.vars);
    let mut status = 0;
    let mut buf = Vec::new();
    for n in names {
        match sh.vars.var(n) {
            Some(v) => declaration(&mut buf, n, v, utf8),
            None => {
                out(&buf);
                buf.clear();
                error(sh, args, format!("{}: not found", lossy(n)));
                status = 1;
            }
        }
    }
    out(&buf);
    status
}

/// Listings without names: `declare` (every set variable as `name=value`, then the
/// functions), `declare -p` and `declare -x` (variables as `declare` commands, those with the
/// given attributes), `export`/`readonly` (POSIX's `export name='value'` form).
fn list(sh: &Shell, face: Face, req: &Request) {
    let utf8 = crate::shell::locale::is_utf8(&sh.vars);
    let mut vars: Vec<(&Vec<u8>, &Var)> = match face {
        Face::Local => sh.vars.iter_local().collect(),
        _ => sh.vars.iter().collect(),
    };
    vars.sort_by(|a, b| a.0.cmp(b.0));
    let mut buf = Vec::new();
    match face {
        Face::Export | Face::Readonly => {
            let (attr, prefix): (Attrs, &[u8]) = match face {
                Face::Export => (Attrs::EXPORTED, b"export "),
                _ => (Attrs::READONLY, b"readonly "),
            };
            for (name, v) in vars.into_iter().filter(|(_, v)| v.attrs().contains(attr)) {
                buf.extend_from_slice(prefix);
                posix_entry(&mut buf, name, v, attr, utf8);
            }
        }
        _ if req.print || req.any => {
            let wanted = req.on.without(Attrs::NONE);
            for (name, v) in vars.into_iter().filter(|(_, v)| v.attrs().contains(wanted)) {
                declaration(&mut buf, name, v, utf8);
            }
        }
        _ => {
            for (name, v) in vars {
                if v.value().is_unset() {
                    continue;
                }
                buf.extend_from_slice(name);
                buf.push(b'=');
                match v.value() {
                    Value::Scalar(s) => buf.extend_from_slice(&quote::listing_quote(s, utf8)),
                    value => compound_text(&mut buf, value, utf8),
                }
                buf.push(b'\n');
            }
            if face != Face::Local {
                let mut names: Vec<_> = sh.functions.keys().collect();
                names.sort();
                for n in names {
                    buf.extend_from_slice(&crate::syntax::print::function_definition(&sh.functions[n]));
                    buf.push(b'\n');
                }
            }
        }
    }
    out(&buf);
}

/// `export -p`'s entry after the `export ` prefix: the other attributes as options (bash
/// --posix), then `name='value'` quoted as `set` quotes, or the name alone when unset.
fn posix_entry(buf: &mut Vec<u8>, name: &[u8], v: &Var, shown: Attrs, utf8: bool) {
    let other = v.attrs().without(shown).letters();
    if !other.is_empty() {
        buf.push(b'-');
        buf.extend_from_slice(other.as_bytes());
        buf.push(b' ');
    }
    buf.extend_from_slice(name);
    match v.value() {
        Value::Unset => {}
        Value::Scalar(s) => {
            buf.push(b'=');
            buf.extend_from_slice(&quote::listing_quote(s, utf8));
        }
        value => {
            buf.push(b'=');
            compound_text(buf, value, utf8);
        }
    }
    buf.push(b'\n');
}

/// One variable as `declare -p` prints it: `declare -ir n="3"`, `declare -a a=([0]="x")`,
/// `declare -- x` when it has no value.
pub fn declaration(buf: &mut Vec<u8>, name: &[u8], v: &Var, utf8: bool) {
    buf.extend_from_slice(b"declare -");
    let l = v.attrs().letters();
    if l.is_empty() {
        buf.push(b'-');
    } else {
        buf.extend_from_slice(l.as_bytes());
    }
    buf.push(b' ');
    buf.extend_from_slice(name);
    match v.value() {
        Value::Unset => {}
        Value::Scalar(s) => {
            buf.push(b'=');
            buf.extend_from_slice(&quote::declare_quote(s, utf8));
        }
        value => {
            buf.push(b'=');
            compound_text(buf, value, utf8);
        }
    }
    buf.push(b'\n');
}

/// An array value as bash writes it back: `([0]="x" [1]="y")`, `([k]="v" )`.
pub fn compound_text(buf: &mut Vec<u8>, value: &Value, utf8: bool) {
    buf.push(b'(');
    match value {
        Value::Indexed(a) => {
            for (k, (i, v)) in a.iter().enumerate() {
                if k > 0 {
                    buf.push(b' ');
                }
                buf.extend_from_slice(format!("[{i}]=").as_bytes());
                buf.extend_from_slice(&quote::declare_quote(v, utf8));
            }
        }
        Value::Assoc(m) => {
            for (k, v) in m.iter() {
                buf.push(b'[');
                if quote::has_unprintable(k, utf8) {
                    buf.extend_from_slice(&quote::ansi_c_quote(k, utf8));
                } else if quote::has_shell_metas(k) || k == b"@" || k == b"*" {
                    buf.extend_from_slice(&quote::double_quote(k));
                } else {
                    buf.extend_from_slice(k);
                }
                buf.extend_from_slice(b"]=");
                buf.extend_from_slice(&quote::declare_quote(v, utf8));
                buf.push(b' ');
            }
        }
        Value::Unset | Value::Scalar(_) => {}
    }
    buf.push(b')');
}
