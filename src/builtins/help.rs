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

/// Every builtin (and the reserved word `time`), sorted by name as bash lists them: a line a
/// topic, its name, synopsis and summary separated by tabs.
static TABLE: &str = include_str!("help_topics.tsv");

/// The topics, in [`TABLE`]'s order.
pub fn topics() -> impl Iterator<Item = Topic> {
    TABLE.lines().filter_map(|line| {
        let mut fields = line.splitn(3, '\t');
        Some(Topic { name: fields.next()?, synopsis: fields.next()?, summary: fields.next()? })
    })
}

/// The synopsis of builtin `name`, which its usage message shows.
pub fn synopsis(name: &str) -> Option<&'static str> {
    topics().find(|t| t.name == name).map(|t| t.synopsis)
}

/// How each topic found is shown: `-d`, `-m`, `-s`, or the synopsis and the description.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    Full,
    Summary,
    Manpage,
    Synopsis,
}

pub fn help(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let opts = match crate::builtins::util::scan_opts(sh, args, b"dms", false) {
        Ok(o) => o,
        Err(status) => return status,
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
        for t in topics() {
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
        let mut found: Vec<Topic> = topics().filter(|t| pat.matches(t.name.as_bytes())).collect();
        if found.is_empty() {
            found = topics().filter(|t| t.name.as_bytes().starts_with(pattern)).collect();
        }
        any |= !found.is_empty();
        for t in &found {
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

/// `NAME --help`: the topic as `help NAME` shows it.
pub fn describe(name: &str) {
    if let Some(t) = topics().find(|t| t.name == name) {
        let mut out = Vec::new();
        show(&mut out, &t, Form::Full);
        write_all(1, &out);
    }
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
        let topics: Vec<_> = super::topics().collect();
        assert_eq!(topics.len(), super::TABLE.lines().count(), "a line of the table lacks a field");
        for w in topics.windows(2) {
            assert!(w[0].name < w[1].name, "topics not sorted at {}", w[1].name);
        }
        for b in crate::builtins::BUILTINS {
            assert!(super::synopsis(b.name).is_some(), "help has no topic for `{}`", b.name);
        }
    }
}
