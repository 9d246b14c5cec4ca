//! `history` (bash's list, `-c`, `-d N`, `-p` expansion, `-s` store) and POSIX `fc` (`-l`, `-n`, `-r`, `-s old=new`, `-e`).

use std::os::unix::ffi::OsStrExt;

use crate::shell::Shell;
use crate::sys::fd::write_all;

fn err(sh: &Shell, msg: String) {
    sh.report_error(&msg);
}

fn lossy(b: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(b)
}

fn parse_num(b: &[u8]) -> Option<i64> {
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// `history [n]`, `history -c`, `history -d offset`, `history -p|-s arg...`; bash's order when
/// several are given: -c (then the rest, if operands follow), -s, -p, -d.
pub fn history(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    crate::exec::virtual_subshell::before_history_change(sh);
    let (mut clear, mut print, mut save, mut delete) = (false, false, false, None);
    let mut scanner = super::options::Scanner::new(args, b"cd:ps");
    loop {
        match scanner.next(sh) {
            Ok(Some(opt)) => match opt.letter {
                b'c' => clear = true,
                b'p' => print = true,
                b's' => save = true,
                _ => delete = opt.value,
            },
            Ok(None) => break,
            Err(status) => return status,
        }
    }
    let operands = scanner.operands();
    if clear {
        sh.history.clear();
        if operands.is_empty() {
            return 0;
        }
    }
    if save {
        store(sh, operands);
        return 0;
    }
    if print {
        return print_expansions(sh, operands);
    }
    if let Some(arg) = delete {
        let n = parse_num(arg);
        // Negative offsets count back from the end (bash 5).
        let target = match n {
            Some(n) if n < 0 => (sh.history.next_number() as i64 + n).max(0) as usize,
            Some(n) => n as usize,
            None => 0,
        };
        if !sh.history.delete(target) {
            err(sh, format!("history: {}: history position out of range", lossy(arg)));
            return 1;
        }
        return 0;
    }
    let i = scanner.index();
    let count = match args.get(i) {
        Some(a) => match parse_num(a) {
            Some(n) if n >= 0 => Some(n as usize),
            _ => {
                err(sh, format!("history: {}: numeric argument required", lossy(a)));
                return 2;
            }
        },
        None => None,
    };
    let entries = sh.history.entries();
    let skip = count.map_or(0, |c| entries.len().saturating_sub(c));
    let first = sh.history.first_number();
    let mut out = Vec::new();
    for (k, e) in entries.iter().enumerate().skip(skip) {
        out.extend_from_slice(format!("{:5}  ", first + k).as_bytes());
        out.extend_from_slice(e);
        out.push(b'\n');
    }
    write_all(1, &out);
    0
}

/// `history -p arg...`: each argument history-expanded on a line of its own (nothing is
/// run or stored); status 1 when one failed.
fn print_expansions(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    use crate::interactive::histexp::{self, Chars, Events, Expanded};
    let mut chars = Chars::from_var(sh.vars.get(b"histchars"));
    // bash sets the comment character up for interactive shells only.
    if !sh.options.interactive {
        chars.comment = None;
    }
    let extglob = sh.options.shopts.get(crate::shell::options::Shopt::Extglob);
    let mut state = std::mem::take(&mut sh.history.expansion);
    let mut out = Vec::new();
    let mut status = 0;
    for a in args {
        let events = Events {
            entries: sh.history.entries(),
            first: sh.history.first_number(),
        };
        match histexp::expand(a, events, chars, extglob, &mut state) {
            Ok(Expanded::Unchanged) => out.extend_from_slice(a),
            Ok(Expanded::Changed(v) | Expanded::PrintOnly(v)) => out.extend_from_slice(&v),
            Err(_) => {
                write_all(1, &std::mem::take(&mut out));
                let mut msg = sh.error_prefix().into_bytes();
                msg.extend_from_slice(b"history: ");
                msg.extend_from_slice(a);
                msg.extend_from_slice(b": history expansion failed\n");
                write_all(2, &msg);
                status = 1;
                continue;
            }
        }
        out.push(b'\n');
    }
    sh.history.expansion = state;
    write_all(1, &out);
    status
}

/// `history -s arg...`: the arguments, joined by spaces, become the newest entry. At the
/// prompt the `history -s` command itself (already stored) is replaced, as in bash.
fn store(sh: &mut Shell, args: &[Vec<u8>]) {
    if args.is_empty() {
        return;
    }
    if sh.history.file_enabled {
        sh.history.pop();
    }
    let entry = args.join(&b' ');
    crate::interactive::add_history(sh, &entry);
}

/// Resolves an `fc` operand to a history number: a positive number, a negative offset from
/// the `fc` command itself, or the newest command starting with the text.
fn resolve(sh: &Shell, arg: &[u8], newest: usize) -> Option<usize> {
    let first = sh.history.first_number();
    if let Some(n) = parse_num(arg) {
        let n = if n < 0 { newest as i64 + 1 + n } else { n };
        // Out-of-range numbers are clamped (POSIX leaves it open; bash clamps for -l).
        return Some((n.max(first as i64) as usize).min(newest));
    }
    (first..=newest)
        .rev()
        .find(|&k| sh.history.get(k).is_some_and(|e| e.starts_with(arg)))
}

/// `fc [-r] [-e editor] [first [last]]`, `fc -l [-nr] [first [last]]`, `fc -s [old=new] [first]`.
pub fn fc(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    crate::exec::virtual_subshell::before_history_change(sh);
    let (mut list, mut numbers, mut reverse, mut substitute) = (false, true, false, false);
    let mut editor: Option<Vec<u8>> = None;
    // `fc -5` names an event, not an option.
    let mut scanner = super::options::Scanner::new(args, b"lnrse:").numbers_are_operands();
    loop {
        match scanner.next(sh) {
            Ok(Some(opt)) => match opt.letter {
                b'l' => list = true,
                b'n' => numbers = false,
                b'r' => reverse = true,
                b's' => substitute = true,
                _ => editor = opt.value.map(<[u8]>::to_vec),
            },
            Ok(None) => break,
            Err(status) => return status,
        }
    }
    let i = scanner.index();
    let operands = &args[i..];
    // The `fc` command itself is the newest entry; it is never an operand's target.
    let newest = sh.history.next_number().saturating_sub(2);
    if newest < sh.history.first_number() {
        err(sh, "fc: no command found".into());
        return 1;
    }

    if substitute {
        let (subst, rest) = match operands.first() {
            Some(o) if o.contains(&b'=') => (Some(o.clone()), &operands[1..]),
            _ => (None, operands),
        };
        let target = match rest.first() {
            Some(a) => resolve(sh, a, newest),
            None => Some(newest),
        };
        let Some(cmd) = target.and_then(|n| sh.history.get(n)).map(|c| c.to_vec()) else {
            err(sh, "fc: no command found".into());
            return 1;
        };
        let cmd = match subst {
            Some(s) => {
                let eq = s.iter().position(|&c| c == b'=').unwrap_or(0);
                replace_first(&cmd, &s[..eq], &s[eq + 1..])
            }
            None => cmd,
        };
        return rerun(sh, &cmd);
    }

    let default_first: i64 = if list { -16 } else { -1 };
    let first = match operands.first() {
        Some(a) => resolve(sh, a, newest),
        None => {
            Some((newest as i64 + 1 + default_first).max(sh.history.first_number() as i64) as usize)
        }
    };
    let last = match operands.get(1) {
        Some(a) => resolve(sh, a, newest),
        None if list => Some(newest),
        None => first,
    };
    let (Some(mut first), Some(mut last)) = (first, last) else {
        err(sh, "fc: history specification out of range".into());
        return 1;
    };
    if first > last {
        std::mem::swap(&mut first, &mut last);
        reverse = !reverse;
    }
    let mut range: Vec<usize> = (first..=last).collect();
    if reverse {
        range.reverse();
    }

    if list {
        let mut out = Vec::new();
        for n in range {
            let Some(e) = sh.history.get(n) else { continue };
            if numbers {
                out.extend_from_slice(format!("{n}").as_bytes());
            }
            out.push(b'\t');
            for (j, line) in e.split(|&c| c == b'\n').enumerate() {
                if j > 0 {
                    out.extend_from_slice(b"\n\t");
                }
                out.extend_from_slice(line);
            }
            out.push(b'\n');
        }
        write_all(1, &out);
        return 0;
    }

    // Edit the commands in a temporary file, then run what the editor left there.
    let mut text = Vec::new();
    for n in range {
        if let Some(e) = sh.history.get(n) {
            text.extend_from_slice(e);
            text.push(b'\n');
        }
    }
    let editor = editor
        .or_else(|| sh.vars.get(b"FCEDIT").map(|v| v.to_vec()))
        .or_else(|| sh.vars.get(b"EDITOR").map(|v| v.to_vec()))
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| b"vi".to_vec());
    let path = std::env::temp_dir().join(format!(
        "chitin-fc-{}-{}",
        std::process::id(),
        sh.history.next_number()
    ));
    if let Err(e) = write_private(&path, &text) {
        err(sh, format!("fc: {}: {e}", path.display()));
        return 1;
    }
    let mut cmd = editor.clone();
    cmd.push(b' ');
    cmd.extend_from_slice(&crate::shell::quote::quote(path.as_os_str().as_bytes()));
    let status = eval(sh, &cmd);
    let edited = std::fs::read(&path).unwrap_or_default();
    let _ = std::fs::remove_file(&path);
    if status != 0 {
        return status;
    }
    rerun(sh, &edited)
}

fn write_private(path: &std::path::Path, data: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(data)
}

fn replace_first(s: &[u8], old: &[u8], new: &[u8]) -> Vec<u8> {
    if old.is_empty() {
        return s.to_vec();
    }
    match s.windows(old.len()).position(|w| w == old) {
        Some(p) => {
            let mut out = s[..p].to_vec();
            out.extend_from_slice(new);
            out.extend_from_slice(&s[p + old.len()..]);
            out
        }
        None => s.to_vec(),
    }
}

/// Shows `cmd` on stderr, puts it in the history in place of the `fc` command, and runs it.
fn rerun(sh: &mut Shell, cmd: &[u8]) -> i32 {
    let mut shown = cmd.to_vec();
    if shown.last() != Some(&b'\n') {
        shown.push(b'\n');
    }
    write_all(2, &shown);
    sh.history.replace_last(cmd);
    eval(sh, cmd)
}

/// Runs `src` in this shell through the `eval` builtin.
fn eval(sh: &mut Shell, src: &[u8]) -> i32 {
    match crate::builtins::find(b"eval") {
        Some(b) => (b.run)(sh, &[b"eval".to_vec(), src.to_vec()]),
        None => 127,
    }
}
