//! Generating the candidates of a completion spec, in bash's order: the actions, then `-G`,
//! `-W`, `-F` and `-C`, then the `-X` filter, `-P`/`-S`, and `-o dirnames`/`plusdirs`
//! (bash's `gen_compspec_completions`). The prompt and `compgen` both come here.

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::spec::*;
use crate::shell::Shell;
use crate::shell::vars::{IndexedArray, Value};

/// What the candidates are generated for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The command whose argument is completed (`$1` of a `-F` function).
    pub command: Vec<u8>,
    /// The word being completed (`$2`), as typed up to the cursor.
    pub word: Vec<u8>,
    /// The word before it (`$3`).
    pub previous: Vec<u8>,
    /// `COMP_LINE`, `COMP_POINT` (in characters), `COMP_WORDS`, `COMP_CWORD`.
    pub line: Vec<u8>,
    pub point: usize,
    pub words: Vec<Vec<u8>>,
    pub cword: i64,
    /// `COMP_TYPE` and `COMP_KEY` (0 from `compgen`).
    pub comp_type: i64,
    pub key: i64,
    /// Generated for the `compgen` builtin (not for a spec run by the prompt).
    pub compgen: bool,
}

/// The outcome of one spec.
#[derive(Debug, Default)]
pub struct Generated {
    pub matches: Vec<Vec<u8>>,
    /// A `-F` function returned 124: the spec may have changed, try again.
    pub retry: bool,
}

/// bash's reserved words, in its table's order (`compgen -k`).
pub const KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do",
    "done", "in", "function", "time", "{", "}", "!", "[[", "]]", "coproc",
];

pub fn generate(sh: &mut Shell, spec: &CompSpec, req: &Request) -> Generated {
    let word = req.word.as_slice();
    let mut out = actions(sh, spec.actions, req);
    if let Some(g) = &spec.glob {
        out.extend(glob_unsorted(sh, g));
    }
    if let Some(w) = &spec.words {
        let text = dequote(word);
        out.extend(word_list(sh, w).into_iter().filter(|c| c.starts_with(&text)));
    }
    let mut retry = false;
    if let Some(f) = &spec.function {
        let (list, again) = run_function(sh, f, req);
        out.extend(list);
        retry = again;
    }
    if let Some(c) = &spec.command {
        out.extend(run_command(sh, c, req));
    }
    if retry {
        return Generated { matches: Vec::new(), retry };
    }
    if let Some(pat) = &spec.filter {
        out = filter(sh, out, pat, word);
    }
    if spec.prefix.is_some() || spec.suffix.is_some() {
        let p = spec.prefix.as_deref().unwrap_or(b"");
        let s = spec.suffix.as_deref().unwrap_or(b"");
        for m in &mut out {
            let mut n = Vec::with_capacity(p.len() + m.len() + s.len());
            n.extend_from_slice(p);
            n.extend_from_slice(m);
            n.extend_from_slice(s);
            *m = n;
        }
    }
    if out.is_empty() && spec.options.has(O_DIRNAMES) {
        out = files(sh, &file_text(sh, req), true);
    } else if spec.options.has(O_PLUSDIRS) {
        out.extend(files(sh, &file_text(sh, req), true));
    }
    Generated { matches: out, retry: false }
}

/// bash's `bash_dequote_text`: quotes and backslashes removed, for matching typed text.
pub fn dequote(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut quote = None;
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        match (quote, c) {
            (None, b'\\') | (Some(b'"'), b'\\') if i + 1 < text.len() => {
                i += 1;
                out.push(text[i]);
            }
            (None, b'\'' | b'"') => quote = Some(c),
            (Some(q), _) if q == c => quote = None,
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

fn with_prefix<'a>(names: impl Iterator<Item = &'a [u8]>, word: &[u8]) -> Vec<Vec<u8>> {
    names.filter(|n| n.starts_with(word)).map(<[u8]>::to_vec).collect()
}

fn sorted(mut v: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    v.sort();
    v
}

/// The names of the shell's variables that `keep` accepts, sorted (bash's variable lists).
fn variable_names(sh: &Shell, keep: impl Fn(&crate::shell::vars::Var) -> bool) -> Vec<Vec<u8>> {
    sorted(
        sh.vars
            .iter()
            .filter(|(_, v)| !matches!(v.value(), Value::Unset) && keep(v))
            .map(|(k, _)| k.clone())
            .collect(),
    )
}

fn actions(sh: &mut Shell, acts: Flags, req: &Request) -> Vec<Vec<u8>> {
    let word = req.word.as_slice();
    let mut out = Vec::new();
    let text = dequote(word);
    let text = text.as_slice();
    let builtins = || crate::builtins::BUILTINS.iter().map(|b| b.name.as_bytes());
    if acts.has(A_ALIAS) {
        let names = sorted(sh.aliases.keys().cloned().collect());
        out.extend(with_prefix(names.iter().map(Vec::as_slice), text));
    }
    if acts.has(A_ARRAYVAR) {
        let names = variable_names(sh, |v| v.is_indexed() || v.is_assoc());
        out.extend(with_prefix(names.iter().map(Vec::as_slice), text));
    }
    if acts.has(A_BUILTIN) {
        out.extend(with_prefix(builtins(), text));
    }
    if acts.has(A_DISABLED) {
        let off = crate::builtins::BUILTINS.iter().filter(|b| !sh.builtin_enabled(b));
        out.extend(with_prefix(off.map(|b| b.name.as_bytes()), text));
    }
    if acts.has(A_ENABLED) {
        let on = crate::builtins::BUILTINS.iter().filter(|b| sh.builtin_enabled(b));
        out.extend(with_prefix(on.map(|b| b.name.as_bytes()), text));
    }
    if acts.has(A_EXPORT) {
        let names = variable_names(sh, |v| v.is_exported());
        out.extend(with_prefix(names.iter().map(Vec::as_slice), text));
    }
    if acts.has(A_FUNCTION) {
        let names = sorted(sh.functions.keys().cloned().collect());
        out.extend(with_prefix(names.iter().map(Vec::as_slice), text));
    }
    if acts.has(A_HELPTOPIC) {
        out.extend(with_prefix(builtins(), text));
    }
    if acts.has(A_HOSTNAME) {
        let names = hostnames(sh);
        out.extend(with_prefix(names.iter().map(Vec::as_slice), text));
    }
    for (bit, state) in [(A_JOB, None), (A_RUNNING, Some(false)), (A_STOPPED, Some(true))] {
        if acts.has(bit) {
            let mut jobs: Vec<_> = sh.jobs.jobs.iter().filter(|j| !j.substitution).collect();
            jobs.sort_by(|a, b| b.id.cmp(&a.id));
            for j in jobs {
                let stopped = j.state == crate::jobs::table::JobState::Stopped;
                let running = j.state == crate::jobs::table::JobState::Running;
                let wanted = match state {
                    None => true,
                    Some(true) => stopped,
                    Some(false) => running,
                };
                let first = j.command.split([' ', '\t', '\n']).next().unwrap_or("");
                if wanted && first.as_bytes().starts_with(text) {
                    out.push(first.as_bytes().to_vec());
                }
            }
        }
    }
    if acts.has(A_KEYWORD) {
        out.extend(with_prefix(KEYWORDS.iter().map(|k| k.as_bytes()), text));
    }
    if acts.has(A_SETOPT) {
        let mut names: Vec<&str> = crate::shell::options::OPTION_TABLE.iter().map(|o| o.1).collect();
        names.sort_unstable();
        out.extend(with_prefix(names.into_iter().map(str::as_bytes), text));
    }
    if acts.has(A_SHOPT) {
        let names = crate::shell::options::Shopt::ALL.iter().map(|o| o.name().as_bytes());
        out.extend(with_prefix(names, text));
    }
    if acts.has(A_SIGNAL) {
        let names = signal_names();
        out.extend(with_prefix(names.iter().map(Vec::as_slice), text));
    }
    if acts.has(A_VARIABLE) {
        let names = variable_names(sh, |_| true);
        out.extend(with_prefix(names.iter().map(Vec::as_slice), text));
    }
    if acts.has(A_COMMAND) {
        out.extend(commands(sh, word, req));
    }
    if acts.has(A_FILE) {
        out.extend(files(sh, &file_text(sh, req), false));
    }
    if acts.has(A_USER) {
        out.extend(database_names("/etc/passwd", text));
    }
    if acts.has(A_GROUP) {
        out.extend(database_names("/etc/group", text));
    }
    if acts.has(A_SERVICE) {
        out.extend(services(text));
    }
    if acts.has(A_DIRECTORY) {
        out.extend(files(sh, &file_text(sh, req), true));
    }
    out
}

/// bash's signal list: `EXIT`, `SIG`-names by number (`SIGJUNK(n)` for a number without
/// one), then the shell's own `DEBUG`, `ERR`, `RETURN`.
fn signal_names() -> Vec<Vec<u8>> {
    let mut v = vec![b"EXIT".to_vec()];
    for n in 1..crate::sys::signals::nsig() {
        v.push(match crate::sys::signals::name(n) {
            Some(name) => format!("SIG{name}").into_bytes(),
            None => format!("SIGJUNK({n})").into_bytes(),
        });
    }
    v.extend([b"DEBUG".to_vec(), b"ERR".to_vec(), b"RETURN".to_vec()]);
    v
}

/// Host names from `$HOSTFILE` (else /etc/hosts), in file order: every word of each line but
/// a leading address, comments skipped.
fn hostnames(sh: &Shell) -> Vec<Vec<u8>> {
    let path = match sh.vars.get(b"HOSTFILE") {
        Some(p) if !p.is_empty() => std::ffi::OsStr::from_bytes(p).to_owned(),
        _ => "/etc/hosts".into(),
    };
    let Ok(data) = std::fs::read(&path) else { return Vec::new() };
    let mut out = Vec::new();
    for line in data.split(|&c| c == b'\n') {
        let line = line.split(|&c| c == b'#').next().unwrap_or(&[]);
        let mut fields = line.split(|c| c.is_ascii_whitespace()).filter(|f| !f.is_empty()).peekable();
        // bash skips the first field only when it starts with a digit (`::1` is a "name").
        if fields.peek().is_some_and(|f| f[0].is_ascii_digit()) {
            fields.next();
        }
        out.extend(fields.map(<[u8]>::to_vec));
    }
    out
}

/// The first field of each line of a colon-separated database (`passwd`, `group`).
fn database_names(path: &str, text: &[u8]) -> Vec<Vec<u8>> {
    let Ok(data) = std::fs::read(path) else { return Vec::new() };
    data.split(|&c| c == b'\n')
        .filter_map(|l| l.split(|&c| c == b':').next())
        .filter(|n| !n.is_empty() && !n.starts_with(b"#") && n.starts_with(text))
        .map(<[u8]>::to_vec)
        .collect()
}

/// Service names and their aliases from /etc/services, in file order.
fn services(text: &[u8]) -> Vec<Vec<u8>> {
    let Ok(data) = std::fs::read("/etc/services") else { return Vec::new() };
    let mut out = Vec::new();
    for line in data.split(|&c| c == b'\n') {
        let line = line.split(|&c| c == b'#').next().unwrap_or(&[]);
        let fields: Vec<&[u8]> = line.split(|c| c.is_ascii_whitespace()).filter(|f| !f.is_empty()).collect();
        if fields.len() < 2 {
            continue;
        }
        for (i, f) in fields.iter().enumerate() {
            if i != 1 && f.starts_with(text) {
                out.push(f.to_vec());
            }
        }
    }
    out
}

/// Command names as bash's command completion lists them: aliases, reserved words,
/// functions, builtins, then the executables of each PATH directory. A word with a `/` is
/// a path: executables and directories.
fn commands(sh: &Shell, word: &[u8], req: &Request) -> Vec<Vec<u8>> {
    let text = dequote(word);
    if text.contains(&b'/') {
        return files(sh, &file_text(sh, req), false)
            .into_iter()
            .filter(|f| {
                let p = Path::new(std::ffi::OsStr::from_bytes(f));
                std::fs::metadata(p).is_ok_and(|m| m.is_dir() || m.permissions().mode() & 0o111 != 0)
            })
            .collect();
    }
    let mut out = Vec::new();
    out.extend(with_prefix(sorted(sh.aliases.keys().cloned().collect()).iter().map(Vec::as_slice), &text));
    out.extend(with_prefix(KEYWORDS.iter().map(|k| k.as_bytes()), &text));
    out.extend(with_prefix(sorted(sh.functions.keys().cloned().collect()).iter().map(Vec::as_slice), &text));
    out.extend(with_prefix(crate::builtins::BUILTINS.iter().map(|b| b.name.as_bytes()), &text));
    let path = sh.vars.get(b"PATH").unwrap_or(b"").to_vec();
    for dir in path.split(|&c| c == b':') {
        let dir: &[u8] = if dir.is_empty() { b"." } else { dir };
        let Ok(rd) = std::fs::read_dir(std::ffi::OsStr::from_bytes(dir)) else { continue };
        for e in rd.flatten() {
            let name = e.file_name();
            let name = name.as_bytes();
            if !name.starts_with(&text) {
                continue;
            }
            if std::fs::metadata(e.path()).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0) {
                out.push(name.to_vec());
            }
        }
    }
    out
}

/// readline's file name generator: the entries of the word's directory (a leading `~` is
/// looked up, but stays as typed in the results) that start with its last part, in directory
/// order; with an empty last part every entry but `.` and `..`. `dirs_only`: directories.
/// The file name that file-name actions (`-f`, `-d`, `-o dirnames`, a command with a `/`)
/// look for, from the word they were given. bash dequotes it in readline's file-name
/// completion when the typed word holds quotes (`dog\ d` is `dog d`), and once more in
/// `compgen` run by a completion function with a word other than the one typed: that is
/// bash-completion's `_filedir`, which quotes the word with `printf %q` first
/// (pcomplete.c, `pcomp_filename_completion_function`). An interactive shell's `compgen`
/// at the prompt dequotes once; a script's does not.
pub fn file_text(sh: &Shell, req: &Request) -> Vec<u8> {
    let word = req.word.as_slice();
    let Some(cur) = &sh.completion.current else {
        return if req.compgen && sh.options.interactive { dequote_filename(word, None) } else { word.to_vec() };
    };
    let has_quotes = |t: &[u8]| t.iter().any(|&c| matches!(c, b'\\' | b'\'' | b'"'));
    let mut text = word.to_vec();
    if req.compgen {
        let empty_quotes = cur.text.is_empty() && matches!(word, b"''" | b"\"\"");
        let requoted = word != cur.text.as_slice() && sh.function_depth > 0 && has_quotes(word);
        if empty_quotes || requoted {
            text = dequote_filename(&text, cur.quote);
        }
    }
    if cur.quote.is_some() || has_quotes(&cur.text) {
        text = dequote_filename(&text, cur.quote);
    }
    text
}

/// bash's `bash_dequote_filename`: quotes and backslashes removed, starting inside `quote`;
/// within double quotes a backslash stays unless it escapes `$`, `` ` ``, `"`, `\` or newline.
pub fn dequote_filename(text: &[u8], quote: Option<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut quoted = quote;
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if c == b'\\' {
            let next = text.get(i + 1).copied();
            let escapes_in_dq = matches!(next, Some(b'$' | b'`' | b'"' | b'\\' | b'\n'));
            if quoted == Some(b'\'') || (quoted == Some(b'"') && !escapes_in_dq) {
                out.push(c);
            }
            match next {
                Some(n) => out.push(n),
                None => return out,
            }
            i += 2;
            continue;
        }
        if quoted == Some(c) {
            quoted = None;
        } else if quoted.is_none() && (c == b'\'' || c == b'"') {
            quoted = Some(c);
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

pub fn files(sh: &Shell, word: &[u8], dirs_only: bool) -> Vec<Vec<u8>> {
    let (dir, base) = match word.iter().rposition(|&c| c == b'/') {
        Some(i) => (&word[..=i], &word[i + 1..]),
        None => (&b""[..], word),
    };
    let lookup: Vec<u8> = if dir.is_empty() {
        b".".to_vec()
    } else if dir.starts_with(b"~") {
        let end = dir.iter().position(|&c| c == b'/').unwrap_or(dir.len());
        let user = &dir[1..end];
        match crate::expand::tilde::expand(sh, (!user.is_empty()).then_some(user)) {
            Some(mut d) => {
                d.extend_from_slice(&dir[end..]);
                d
            }
            None => return Vec::new(),
        }
    } else {
        dir.to_vec()
    };
    let Ok(rd) = std::fs::read_dir(std::ffi::OsStr::from_bytes(&lookup)) else { return Vec::new() };
    let mut names: Vec<Vec<u8>> = Vec::new();
    let mut entries: Vec<(Vec<u8>, std::path::PathBuf)> = Vec::new();
    if base.starts_with(b".") {
        // readdir gives `.` and `..` too; std leaves them out.
        for dot in [&b"."[..], b".."] {
            entries.push((dot.to_vec(), Path::new(std::ffi::OsStr::from_bytes(&lookup)).join(std::ffi::OsStr::from_bytes(dot))));
        }
    }
    entries.extend(rd.flatten().map(|e| (e.file_name().as_bytes().to_vec(), e.path())));
    for (name, path) in entries {
        if !name.starts_with(base) {
            continue;
        }
        if dirs_only && !std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        let mut full = dir.to_vec();
        full.extend_from_slice(&name);
        names.push(full);
    }
    names
}

/// `-G`: bash's `glob_filename`, which gives the names in reverse directory order when only
/// the last component has a pattern (the shell's globbing sorts them; this does not).
fn glob_unsorted(sh: &Shell, pat: &[u8]) -> Vec<Vec<u8>> {
    let opts = crate::expand::glob::GlobOptions::of(&sh.options);
    let (dir, last) = match pat.iter().rposition(|&c| c == b'/') {
        Some(i) => (&pat[..=i], &pat[i + 1..]),
        None => (&b""[..], pat),
    };
    if dir.iter().any(|c| b"*?[\\".contains(c)) || last.is_empty() {
        return crate::expand::glob::glob(pat, opts, None);
    }
    let flags = crate::expand::MatchFlags { extglob: opts.extglob, nocase: opts.nocaseglob };
    let pattern = crate::expand::Pattern::with_flags(last.to_vec(), flags);
    let lookup: &[u8] = if dir.is_empty() { b"." } else { dir };
    let Ok(rd) = std::fs::read_dir(std::ffi::OsStr::from_bytes(lookup)) else { return Vec::new() };
    let mut out = Vec::new();
    for e in rd.flatten() {
        let name = e.file_name();
        let name = name.as_bytes();
        if name.starts_with(b".") && !last.starts_with(b".") && !opts.dotglob {
            continue;
        }
        if pattern.matches(name) {
            out.push([dir, name].concat());
        }
    }
    out.reverse();
    out
}

/// `-W`: the word list split as bash's `split_at_delims` does (on blanks, quotes kept) and
/// expanded as command words are, except pathname expansion.
pub fn word_list(sh: &mut Shell, words: &[u8]) -> Vec<Vec<u8>> {
    let parsed = crate::syntax::parse_array_items(words);
    let items = match parsed {
        Ok(items) => items,
        // Text the parser refuses (an operator): split on blanks, taken literally.
        Err(_) => {
            return words
                .split(|c| c.is_ascii_whitespace())
                .filter(|w| !w.is_empty())
                .map(<[u8]>::to_vec)
                .collect();
        }
    };
    let mut ws = Vec::with_capacity(items.len());
    for item in items {
        match item {
            crate::syntax::ast::ArrayItem::Word(w) => ws.push(w),
            crate::syntax::ast::ArrayItem::Keyed { .. } => {}
        }
    }
    let noglob = std::mem::replace(&mut sh.options.noglob, true);
    let r = crate::expand::expand_words(sh, &ws);
    sh.options.noglob = noglob;
    match r {
        Ok(v) => v,
        Err(e) => {
            sh.report_error(&e.message);
            Vec::new()
        }
    }
}

/// `-X`: drops the candidates matching the pattern (`&` in it stands for the word; a leading
/// `!` keeps the matching ones instead).
fn filter(sh: &Shell, list: Vec<Vec<u8>>, pat: &[u8], word: &[u8]) -> Vec<Vec<u8>> {
    let mut p = Vec::with_capacity(pat.len());
    let mut i = 0;
    while i < pat.len() {
        match pat[i] {
            b'\\' if pat.get(i + 1) == Some(&b'&') => {
                p.push(b'&');
                i += 1;
            }
            b'&' => p.extend_from_slice(word),
            c => p.push(c),
        }
        i += 1;
    }
    let extglob = sh.options.shopt(crate::shell::options::Shopt::Extglob);
    let negate = p.first() == Some(&b'!') && !(extglob && p.get(1) == Some(&b'('));
    let body = if negate { p[1..].to_vec() } else { p };
    let flags = crate::expand::MatchFlags {
        extglob,
        nocase: sh.options.shopt(crate::shell::options::Shopt::Nocasematch),
    };
    let pattern = crate::expand::Pattern::with_flags(body, flags);
    list.into_iter().filter(|c| pattern.matches(c) == negate).collect()
}

const COMP_VARS: &[&[u8]] = &[b"COMP_LINE", b"COMP_POINT", b"COMP_TYPE", b"COMP_KEY", b"COMP_WORDS", b"COMP_CWORD"];

/// Sets `COMP_LINE`, `COMP_POINT`, `COMP_TYPE`, `COMP_KEY` (exported for `-C`) and, for a
/// function, `COMP_WORDS` and `COMP_CWORD`.
fn bind_vars(sh: &mut Shell, req: &Request, function: bool) {
    let num = |n: i64| n.to_string().into_bytes();
    let scalars = [
        (&b"COMP_LINE"[..], req.line.clone()),
        (b"COMP_POINT", num(req.point as i64)),
        (b"COMP_TYPE", num(req.comp_type)),
        (b"COMP_KEY", num(req.key)),
    ];
    for (name, value) in scalars {
        if function {
            let _ = sh.vars.set(name, value);
        } else {
            let _ = sh.vars.set_exported(name, value);
        }
    }
    if function {
        let _ = sh.vars.unset(b"COMP_WORDS");
        let array = IndexedArray::from_values(req.words.clone());
        let _ = sh.vars.set_value(b"COMP_WORDS", Value::Indexed(Box::new(array)));
        let _ = sh.vars.set(b"COMP_CWORD", num(req.cword));
    }
}

fn unbind_vars(sh: &mut Shell) {
    for name in COMP_VARS {
        let _ = sh.vars.unset(name);
    }
}

/// `-F`: runs the function with the command, the word and the previous word as arguments;
/// its `COMPREPLY` array is the result. True when it returned 124 (retry).
fn run_function(sh: &mut Shell, name: &[u8], req: &Request) -> (Vec<Vec<u8>>, bool) {
    let Some(f) = sh.functions.get(name).cloned() else {
        sh.report_error(&format!("completion: function `{}' not found", String::from_utf8_lossy(name)));
        return (Vec::new(), false);
    };
    bind_vars(sh, req, true);
    let argv = [name.to_vec(), req.command.clone(), req.word.clone(), req.previous.clone()];
    let saved_status = sh.last_status;
    let status = crate::exec::simple::call_function(sh, &f, &argv);
    // An `exit` or `return` inside ends the function only; ^C ends the completion.
    if matches!(sh.flow, Some(crate::shell::Flow::Return)) {
        sh.flow = None;
    }
    sh.last_status = saved_status;
    unbind_vars(sh);
    let reply: Vec<Vec<u8>> = match sh.vars.value(b"COMPREPLY") {
        Some(Value::Indexed(a)) => a.values().map(<[u8]>::to_vec).collect(),
        Some(Value::Assoc(a)) => a.values().map(<[u8]>::to_vec).collect(),
        Some(Value::Scalar(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let _ = sh.vars.unset(b"COMPREPLY");
    (reply, status == 124)
}

/// `-C`: runs the command (with the command, word and previous word as arguments) as a
/// command substitution; each line of its output is a candidate.
fn run_command(sh: &mut Shell, cmd: &[u8], req: &Request) -> Vec<Vec<u8>> {
    bind_vars(sh, req, false);
    let mut text = cmd.to_vec();
    for a in [&req.command, &req.word, &req.previous] {
        text.push(b' ');
        text.extend_from_slice(&crate::shell::quote::single_quote(a));
    }
    let saved_status = sh.last_status;
    let output = match crate::syntax::parse_program(&text) {
        Ok(list) => crate::exec::command_substitution(sh, &list),
        Err(e) => {
            sh.report_error(&e.message);
            None
        }
    };
    sh.last_status = saved_status;
    unbind_vars(sh);
    let Some(output) = output else { return Vec::new() };
    let mut out = Vec::new();
    let mut cur = Vec::new();
    let mut i = 0;
    while i < output.len() {
        match output[i] {
            b'\\' if output.get(i + 1) == Some(&b'\n') => {
                cur.extend_from_slice(b"\\\n");
                i += 1;
            }
            b'\n' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
        i += 1;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}
