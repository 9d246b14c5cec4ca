//! `pushd`, `popd`, `dirs`: bash's directory stack. Entry 0 is always the current directory
//! (`$PWD`); `sh.dir_stack` holds entries 1, 2, ...  Changing directory goes through the `cd`
//! builtin so `PWD`/`OLDPWD` follow the same rules.

use std::os::unix::ffi::OsStrExt;

use crate::shell::Shell;
use crate::sys::fd::write_all;

fn err(msg: String) {
    write_all(2, format!("chitin: {msg}\n").as_bytes());
}

fn pwd(sh: &Shell) -> Vec<u8> {
    match sh.vars.get(b"PWD") {
        Some(p) if p.starts_with(b"/") => p.to_vec(),
        _ => std::env::current_dir()
            .map(|p| p.as_os_str().as_bytes().to_vec())
            .unwrap_or_default(),
    }
}

fn cd(sh: &mut Shell, dir: &[u8]) -> i32 {
    match crate::builtins::find(b"cd") {
        Some(b) => {
            // `cd` prints nothing for a plain operand; keep a leading `-` from being an option.
            let dir = if dir.starts_with(b"-") {
                let mut d = b"./".to_vec();
                d.extend_from_slice(dir);
                d
            } else {
                dir.to_vec()
            };
            (b.run)(sh, &[b"cd".to_vec(), dir])
        }
        None if !crate::exec::virtual_subshell::before_chdir(sh) => sh.last_status,
        None => match std::env::set_current_dir(std::ffi::OsStr::from_bytes(dir)) {
            Ok(()) => {
                let _ = sh.vars.set(b"PWD", dir.to_vec());
                0
            }
            Err(_) => 1,
        },
    }
}

/// The whole stack, entry 0 first.
fn stack(sh: &Shell) -> Vec<Vec<u8>> {
    let mut s = vec![pwd(sh)];
    s.extend(sh.dir_stack.iter().cloned());
    s
}

fn tilde(sh: &Shell, d: &[u8]) -> Vec<u8> {
    if let Some(home) = sh.vars.get(b"HOME") {
        let home = home.strip_suffix(b"/").unwrap_or(home);
        if !home.is_empty()
            && d.starts_with(home)
            && (d.len() == home.len() || d[home.len()] == b'/')
        {
            let mut t = b"~".to_vec();
            t.extend_from_slice(&d[home.len()..]);
            return t;
        }
    }
    d.to_vec()
}

/// Prints the stack as `dirs` does with its flags.
fn print(sh: &Shell, long: bool, per_line: bool, verbose: bool) {
    let mut out = Vec::new();
    for (i, d) in stack(sh).iter().enumerate() {
        let d = if long { d.clone() } else { tilde(sh, d) };
        if verbose {
            out.extend_from_slice(format!("{i:2}  ").as_bytes());
            out.extend_from_slice(&d);
            out.push(b'\n');
        } else if per_line {
            out.extend_from_slice(&d);
            out.push(b'\n');
        } else {
            if i > 0 {
                out.push(b' ');
            }
            out.extend_from_slice(&d);
        }
    }
    if !verbose && !per_line {
        out.push(b'\n');
    }
    write_all(1, &out);
}

/// `+N` / `-N` → index into the whole stack.
fn index(arg: &[u8], len: usize) -> Option<Result<usize, ()>> {
    let (sign, digits) = match arg.first() {
        Some(b'+') => (1, &arg[1..]),
        Some(b'-') => (-1, &arg[1..]),
        _ => return None,
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n: usize = std::str::from_utf8(digits).ok()?.parse().ok()?;
    if n >= len {
        return Some(Err(()));
    }
    Some(Ok(if sign > 0 { n } else { len - 1 - n }))
}

pub fn dirs(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let (mut long, mut per_line, mut verbose) = (false, false, false);
    for a in &args[1..] {
        if let Some(r) = index(a, stack(sh).len()) {
            match r {
                Ok(i) => {
                    let d = stack(sh)[i].clone();
                    let mut line = if long { d } else { tilde(sh, &d) };
                    line.push(b'\n');
                    write_all(1, &line);
                    return 0;
                }
                Err(()) => {
                    err(format!(
                        "dirs: {}: directory stack index out of range",
                        String::from_utf8_lossy(a)
                    ));
                    return 1;
                }
            }
        }
        match a.as_slice() {
            b"-c" => {
                sh.dir_stack.clear();
                return 0;
            }
            b"-l" => long = true,
            b"-p" => per_line = true,
            b"-v" => verbose = true,
            _ => {
                err(format!(
                    "dirs: {}: invalid option",
                    String::from_utf8_lossy(a)
                ));
                write_all(2, b"dirs: usage: dirs [-clpv] [+N] [-N]\n");
                return 2;
            }
        }
    }
    print(sh, long, per_line, verbose);
    0
}

pub fn pushd(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut quiet = false;
    let mut ops: Vec<&Vec<u8>> = Vec::new();
    for a in &args[1..] {
        if a == b"-n" {
            quiet = true;
        } else {
            ops.push(a);
        }
    }
    let full = stack(sh);
    match ops.first() {
        None => {
            if sh.dir_stack.is_empty() {
                err("pushd: no other directory".into());
                return 1;
            }
            // Swap the top two.
            let target = sh.dir_stack[0].clone();
            let here = full[0].clone();
            if cd(sh, &target) != 0 {
                return 1;
            }
            sh.dir_stack[0] = here;
        }
        Some(a) => match index(a, full.len()) {
            Some(Err(())) => {
                err(format!(
                    "pushd: {}: directory stack index out of range",
                    String::from_utf8_lossy(a)
                ));
                return 1;
            }
            Some(Ok(n)) => {
                // Rotate so that entry n is on top.
                let mut rotated = full[n..].to_vec();
                rotated.extend_from_slice(&full[..n]);
                if cd(sh, &rotated[0]) != 0 {
                    return 1;
                }
                sh.dir_stack = rotated[1..].to_vec();
            }
            None => {
                let here = full[0].clone();
                if cd(sh, a) != 0 {
                    return 1;
                }
                sh.dir_stack.insert(0, here);
            }
        },
    }
    if !quiet {
        print(sh, false, false, false);
    }
    0
}

pub fn popd(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut quiet = false;
    let mut which: Option<&Vec<u8>> = None;
    for a in &args[1..] {
        if a == b"-n" {
            quiet = true;
        } else {
            which = Some(a);
        }
    }
    if sh.dir_stack.is_empty() {
        err("popd: directory stack empty".into());
        return 1;
    }
    let full = stack(sh);
    let n = match which {
        None => 0,
        Some(a) => match index(a, full.len()) {
            Some(Ok(n)) => n,
            Some(Err(())) => {
                err(format!(
                    "popd: {}: directory stack index out of range",
                    String::from_utf8_lossy(a)
                ));
                return 1;
            }
            None => {
                err(format!(
                    "popd: {}: invalid argument",
                    String::from_utf8_lossy(a)
                ));
                write_all(2, b"popd: usage: popd [-n] [+N | -N]\n");
                return 2;
            }
        },
    };
    if n == 0 {
        let target = sh.dir_stack[0].clone();
        if cd(sh, &target) != 0 {
            return 1;
        }
        sh.dir_stack.remove(0);
    } else {
        sh.dir_stack.remove(n - 1);
    }
    if !quiet {
        print(sh, false, false, false);
    }
    0
}
