//! `help [-dms] [pattern ...]`: bash's synopsis and one-line summary of every builtin (and of
//! `time`), in bash's formats; and `logout`.

use crate::shell::Shell;
use crate::sys::fd::write_all;

/// What `help` tells of one name: the synopsis (bash's, with only the options chitin
/// implements) and bash's one-line summary.
pub struct Topic {
    pub name: &'static str,
    pub synopsis: &'static str,
    pub summary: &'static str,
}

const fn topic(name: &'static str, synopsis: &'static str, summary: &'static str) -> Topic {
    Topic { name, synopsis, summary }
}

/// Every builtin (and the reserved word `time`), sorted by name as bash lists them.
pub static TOPICS: &[Topic] = &[
    topic(".", ". filename [arguments]", "Execute commands from a file in the current shell."),
    topic(":", ":", "Null command."),
    topic("[", "[ arg... ]", "Evaluate conditional expression."),
    topic("alias", "alias [-p] [name[=value] ... ]", "Define or display aliases."),
    topic("bg", "bg [job_spec ...]", "Move jobs to the background."),
    topic(
        "bind",
        "bind [-lpsvPSVX] [-m keymap] [-f filename] [-q name] [-u name] [-r keyseq] [-x keyseq:shell-command] [keyseq:readline-function or readline-command]",
        "Set Readline key bindings and variables.",
    ),
    topic("break", "break [n]", "Exit for, while, or until loops."),
    topic("builtin", "builtin [shell-builtin [arg ...]]", "Execute shell builtins."),
    topic("caller", "caller [expr]", "Return the context of the current subroutine call."),
    topic("cd", "cd [-L|-P] [dir | -]", "Change the shell working directory."),
    topic(
        "command",
        "command [-pVv] command [arg ...]",
        "Execute a simple command or display information about commands.",
    ),
    topic(
        "compgen",
        "compgen [-abcdefgjksuv] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [word]",
        "Display possible completions depending on the options.",
    ),
    topic(
        "complete",
        "complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]",
        "Specify how arguments are to be completed by Readline.",
    ),
    topic(
        "compopt",
        "compopt [-o|+o option] [-DEI] [name ...]",
        "Modify or display completion options.",
    ),
    topic("continue", "continue [n]", "Resume for, while, or until loops."),
    topic(
        "declare",
        "declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]",
        "Set variable values and attributes.",
    ),
    topic("dirs", "dirs [-clpv] [+N] [-N]", "Display directory stack."),
    topic("disown", "disown [-h] [-ar] [jobspec ... | pid ...]", "Remove jobs from current shell."),
    topic("echo", "echo [-neE] [arg ...]", "Write arguments to the standard output."),
    topic("enable", "enable [-a] [-nps] [name ...]", "Enable and disable shell builtins."),
    topic("eval", "eval [arg ...]", "Execute arguments as a shell command."),
    topic(
        "exec",
        "exec [-cl] [-a name] [command [argument ...]] [redirection ...]",
        "Replace the shell with the given command.",
    ),
    topic("exit", "exit [n]", "Exit the shell."),
    topic(
        "export",
        "export [-fn] [name[=value] ...] or export -p",
        "Set export attribute for shell variables.",
    ),
    topic("false", "false", "Return an unsuccessful result."),
    topic(
        "fc",
        "fc [-e ename] [-lnr] [first] [last] or fc -s [pat=rep] [command]",
        "Display or execute commands from the history list.",
    ),
    topic("fg", "fg [job_spec]", "Move job to the foreground."),
    topic("getopts", "getopts optstring name [arg ...]", "Parse option arguments."),
    topic(
        "hash",
        "hash [-lr] [-p pathname] [-dt] [name ...]",
        "Remember or display program locations.",
    ),
    topic("help", "help [-dms] [pattern ...]", "Display information about builtin commands."),
    topic(
        "history",
        "history [-c] [-d offset] [n] or history -ps arg [arg...]",
        "Display or manipulate the history list.",
    ),
    topic("jobs", "jobs [-lp] [jobspec ...]", "Display status of jobs."),
    topic(
        "kill",
        "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]",
        "Send a signal to a job.",
    ),
    topic("let", "let arg [arg ...]", "Evaluate arithmetic expressions."),
    topic("local", "local [option] name[=value] ...", "Define local variables."),
    topic("logout", "logout [n]", "Exit a login shell."),
    topic(
        "mapfile",
        "mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]",
        "Read lines from the standard input into an indexed array variable.",
    ),
    topic("popd", "popd [-n] [+N | -N]", "Remove directories from stack."),
    topic(
        "printf",
        "printf [-v var] format [arguments]",
        "Formats and prints ARGUMENTS under control of the FORMAT.",
    ),
    topic("pushd", "pushd [-n] [+N | -N | dir]", "Add directories to stack."),
    topic("pwd", "pwd [-LP]", "Print the name of the current working directory."),
    topic(
        "read",
        "read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]",
        "Read a line from the standard input and split it into fields.",
    ),
    topic(
        "readarray",
        "readarray [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]",
        "Read lines from a file into an array variable.",
    ),
    topic(
        "readonly",
        "readonly [-aAf] [name[=value] ...] or readonly -p",
        "Mark shell variables as unchangeable.",
    ),
    topic("return", "return [n]", "Return from a shell function."),
    topic(
        "set",
        "set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]",
        "Set or unset values of shell options and positional parameters.",
    ),
    topic("shift", "shift [n]", "Shift positional parameters."),
    topic("shopt", "shopt [-pqsu] [-o] [optname ...]", "Set and unset shell options."),
    topic(
        "source",
        "source filename [arguments]",
        "Execute commands from a file in the current shell.",
    ),
    topic("test", "test [expr]", "Evaluate conditional expression."),
    topic("time", "time [-p] pipeline", "Report time consumed by pipeline's execution."),
    topic("times", "times", "Display process times."),
    topic("trap", "trap [-lp] [[arg] signal_spec ...]", "Trap signals and other events."),
    topic("true", "true", "Return a successful result."),
    topic("type", "type [-afptP] name [name ...]", "Display information about command type."),
    topic(
        "typeset",
        "typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]",
        "Set variable values and attributes.",
    ),
    topic("ulimit", "ulimit [-SHacdefilmnqrstuvxR] [limit]", "Modify shell resource limits."),
    topic("umask", "umask [-p] [-S] [mode]", "Display or set file mode mask."),
    topic(
        "unalias",
        "unalias [-a] name [name ...]",
        "Remove each NAME from the list of defined aliases.",
    ),
    topic(
        "unset",
        "unset [-f] [-v] [-n] [name ...]",
        "Unset values and attributes of shell variables and functions.",
    ),
    topic(
        "wait",
        "wait [-fn] [-p var] [id ...]",
        "Wait for job completion and return exit status.",
    ),
];


/// How each topic found is shown: `-d`, `-m`, `-s`, or the synopsis and the description.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    Full,
    Summary,
    Manpage,
    Synopsis,
}

const USAGE: &[u8] = b"help: usage: help [-dms] [pattern ...]\n";

pub fn help(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let opts = match crate::builtins::util::scan_opts(sh, args, b"dms", false) {
        Ok(o) => o,
        Err(status) => {
            write_all(2, USAGE);
            return status;
        }
    };
    let rest = &args[opts.next..];
    // bash's precedence when several are given: -d, then -m, then -s.
    let form = if opts.has(b'd') {
        Form::Summary
    } else if opts.has(b'm') {
        Form::Manpage
    } else if opts.has(b's') {
        Form::Synopsis
    } else {
        Form::Full
    };
    let mut out = Vec::new();
    if rest.is_empty() {
        out.extend_from_slice(
            b"chitin, a POSIX shell. These commands are built in; `help name' shows one.\n\n",
        );
        for t in TOPICS {
            out.extend_from_slice(t.synopsis.as_bytes());
            out.push(b'\n');
        }
        write_all(1, &out);
        return 0;
    }
    if is_glob(&rest[0]) {
        let words: Vec<_> = rest.iter().map(|w| String::from_utf8_lossy(w)).collect();
        let noun = if rest.len() > 1 { "keywords" } else { "keyword" };
        out.extend_from_slice(format!("Shell commands matching {noun} `{}'\n\n", words.join(", ")).as_bytes());
    }
    let mut any = false;
    for pattern in rest {
        // Names the pattern matches; failing that, names it begins (bash).
        let pat = crate::expand::pattern::PatternRef::new(pattern);
        let mut found: Vec<&Topic> = TOPICS.iter().filter(|t| pat.matches(t.name.as_bytes())).collect();
        if found.is_empty() {
            found = TOPICS.iter().filter(|t| t.name.as_bytes().starts_with(pattern)).collect();
        }
        any |= !found.is_empty();
        for t in found {
            show(&mut out, t, form);
        }
    }
    write_all(1, &out);
    if !any {
        let p = String::from_utf8_lossy(rest.last().map_or(&[][..], |p| p.as_slice()));
        sh.report_error(&format!(
            "help: no help topics match `{p}'.  Try `help help' or `man -k {p}' or `info {p}'."
        ));
        return 1;
    }
    0
}

fn show(out: &mut Vec<u8>, t: &Topic, form: Form) {
    let text = match form {
        Form::Summary => format!("{} - {}\n", t.name, t.summary),
        Form::Synopsis => format!("{}: {}\n", t.name, t.synopsis),
        Form::Full => format!("{}: {}\n    {}\n", t.name, t.synopsis, t.summary),
        Form::Manpage => format!(
            "NAME\n    {} - {}\n\nSYNOPSIS\n    {}\n\nDESCRIPTION\n    {}\n\nSEE ALSO\n    chitin(1)\n\n\
             IMPLEMENTATION\n    chitin, version {}\n\n",
            t.name,
            t.summary,
            t.synopsis,
            t.summary,
            env!("CARGO_PKG_VERSION")
        ),
    };
    out.extend_from_slice(text.as_bytes());
}

/// bash's `glob_pattern_p`: a `*`, a `?`, or a `[` closed later by `]`.
fn is_glob(word: &[u8]) -> bool {
    let mut open = false;
    for &c in word {
        match c {
            b'*' | b'?' => return true,
            b'[' => open = true,
            b']' if open => return true,
            _ => {}
        }
    }
    false
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
    fn every_builtin_has_a_topic() {
        for w in super::TOPICS.windows(2) {
            assert!(w[0].name < w[1].name, "TOPICS not sorted at {}", w[1].name);
        }
        for b in crate::builtins::BUILTINS {
            let found = super::TOPICS.binary_search_by(|t| t.name.cmp(b.name)).is_ok();
            assert!(found, "help has no topic for `{}`", b.name);
        }
    }
}
