//! `help [name...]`: a usage line for every builtin, and `logout`.

use crate::shell::Shell;
use crate::sys::fd::write_all;

/// One usage line per builtin (and the reserved words people look for), sorted by name.
pub static USAGE: &[(&str, &str)] = &[
    (".", ". file [arguments]"),
    (":", ": [arguments]"),
    ("[", "[ expression ]"),
    ("alias", "alias [-p] [name[=value] ...]"),
    ("bg", "bg [job_spec ...]"),
    ("bind", "bind [-lpsvPSVX] [-m keymap] [-f filename] [-q name] [-u name] [-r keyseq] [-x keyseq:shell-command] [keyseq:readline-function or readline-command]"),
    ("break", "break [n]"),
    ("builtin", "builtin shell-builtin [arg ...]"),
    ("caller", "caller [expr]"),
    ("cd", "cd [-L|-P] [dir | -]"),
    ("command", "command [-pVv] command [arg ...]"),
    (
        "compgen",
        "compgen [-abcdefgjksuv] [-o option] [-A action] [-G globpat] [-W wordlist] \
         [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [word]",
    ),
    (
        "complete",
        "complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] \
         [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] \
         [name ...]",
    ),
    ("compopt", "compopt [-o|+o option] [-DEI] [name ...]"),
    ("continue", "continue [n]"),
    ("declare", "declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]"),
    ("dirs", "dirs [-clpv] [+N] [-N]"),
    ("disown", "disown [-h] [-ar] [jobspec ... | pid ...]"),
    ("echo", "echo [-neE] [arg ...]"),
    ("enable", "enable [-a] [-nps] [name ...]"),
    ("eval", "eval [arg ...]"),
    ("exec", "exec [command [argument ...]]"),
    ("exit", "exit [n]"),
    ("export", "export [-fn] [name[=value] ...] or export -p"),
    ("false", "false"),
    (
        "fc",
        "fc [-e ename] [-lnr] [first] [last] or fc -s [pat=rep] [command]",
    ),
    ("fg", "fg [job_spec]"),
    ("getopts", "getopts optstring name [arg ...]"),
    ("hash", "hash [-lr] [-p pathname] [-dt] [name ...]"),
    ("help", "help [pattern ...]"),
    ("history", "history [-c] [-d offset] [n]"),
    ("jobs", "jobs [-lp] [jobspec ...]"),
    (
        "kill",
        "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]",
    ),
    ("let", "let arg [arg ...]"),
    ("local", "local [option] name[=value] ..."),
    ("logout", "logout [n]"),
    (
        "mapfile",
        "mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] \
         [-c quantum] [array]",
    ),
    ("popd", "popd [-n] [+N | -N]"),
    ("printf", "printf [-v var] format [arguments]"),
    ("pushd", "pushd [-n] [+N | -N | dir]"),
    ("pwd", "pwd [-LP]"),
    (
        "read",
        "read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] \
         [-t timeout] [-u fd] [name ...]",
    ),
    (
        "readarray",
        "readarray [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] \
         [-c quantum] [array]",
    ),
    ("readonly", "readonly [-aAf] [name[=value] ...] or readonly -p"),
    ("return", "return [n]"),
    ("set", "set [-abCefhmnuvxET] [-o option] [--] [arg ...]"),
    ("shift", "shift [n]"),
    ("shopt", "shopt [-pqsu] [-o] [optname ...]"),
    ("source", "source file [arguments]"),
    ("test", "test [expr]"),
    ("time", "time [-p] pipeline"),
    ("times", "times"),
    ("trap", "trap [-lp] [[action] signal_spec ...]"),
    ("true", "true"),
    ("type", "type [-afptP] name [name ...]"),
    ("typeset", "typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]"),
    ("ulimit", "ulimit [-SHacdfilmnqrstuvx] [limit]"),
    ("umask", "umask [-S] [mode]"),
    ("unalias", "unalias [-a] name [name ...]"),
    ("unset", "unset [-f] [-v] [-n] [name ...]"),
    ("wait", "wait [id ...]"),
];

pub fn usage(name: &str) -> Option<&'static str> {
    USAGE
        .binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes()))
        .ok()
        .map(|i| USAGE[i].1)
}

/// Every name `help` knows: the registry plus the table (reserved words like `time`).
fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = crate::builtins::BUILTINS.iter().map(|b| b.name).collect();
    v.extend(USAGE.iter().map(|(n, _)| *n).filter(|n| *n == "time"));
    v.sort_unstable();
    v.dedup();
    v
}

/// Shell pattern match for `help 'p*'` (only `*` and `?`, enough for names).
fn matches(pat: &[u8], s: &[u8]) -> bool {
    match (pat.first(), s.first()) {
        (None, None) => true,
        (Some(b'*'), _) => matches(&pat[1..], s) || (!s.is_empty() && matches(pat, &s[1..])),
        (Some(b'?'), Some(_)) => matches(&pat[1..], &s[1..]),
        (Some(a), Some(b)) if a == b => matches(&pat[1..], &s[1..]),
        _ => false,
    }
}

pub fn help(_sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut out = Vec::new();
    let ops: Vec<&Vec<u8>> = args[1..]
        .iter()
        .filter(|a| a.as_slice() != b"-s" && a.as_slice() != b"--")
        .collect();
    if ops.is_empty() {
        out.extend_from_slice(
            b"chitin, a POSIX shell. These commands are built in; `help name' shows one.\n\n",
        );
        for n in names() {
            let u = usage(n).unwrap_or(n);
            out.extend_from_slice(u.as_bytes());
            out.push(b'\n');
        }
        write_all(1, &out);
        return 0;
    }
    let mut status = 0;
    for p in ops {
        let found: Vec<_> = names()
            .into_iter()
            .filter(|n| matches(p, n.as_bytes()))
            .collect();
        if found.is_empty() {
            write_all(
                2,
                format!(
                    "chitin: help: no help topics match `{}'\n",
                    String::from_utf8_lossy(p)
                )
                .as_bytes(),
            );
            status = 1;
        }
        for n in found {
            out.extend_from_slice(format!("{n}: {}\n", usage(n).unwrap_or(n)).as_bytes());
        }
    }
    write_all(1, &out);
    status
}

/// `logout [n]`: `exit` for a login shell, an error otherwise (as bash).
pub fn logout(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    if !sh.options.login {
        write_all(2, b"chitin: logout: not login shell: use `exit'\n");
        return 1;
    }
    match crate::builtins::find(b"exit") {
        Some(b) => {
            let mut a = vec![b"exit".to_vec()];
            a.extend_from_slice(&args[1..]);
            (b.run)(sh, &a)
        }
        None => 1,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_builtin_has_usage() {
        for w in super::USAGE.windows(2) {
            assert!(w[0].0 < w[1].0, "USAGE not sorted at {}", w[1].0);
        }
        for b in crate::builtins::BUILTINS {
            assert!(
                super::usage(b.name).is_some(),
                "help has no usage line for `{}`",
                b.name
            );
        }
    }
}
