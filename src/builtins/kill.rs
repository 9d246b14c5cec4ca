//! `kill [-s sig | -sig | -n num] pid|%job...` and `kill -l [status|sig...]`.

use super::util::{error, lossy, parse_decimal};
use crate::shell::Shell;
use crate::sys::signals;

/// Resolves a job spec (`%1`, `%+`, `%-`, `%name`) to the pid to signal (a negative process
/// group when the job has one), through the job table.
pub fn resolve_job(sh: &Shell, spec: &[u8]) -> Result<i32, String> {
    crate::jobs::resolve_pgid(sh, spec)
}

pub fn kill(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut sig = libc::SIGTERM;
    let mut i = 1;
    let usage = |sh: &Shell| {
        error(
            sh,
            args,
            "usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]",
        );
        2
    };
    match args.get(1).map(|a| a.as_slice()) {
        None => return usage(sh),
        Some(b"-L") if args.len() == 2 => return super::util::out_checked(sh, args, &super::trap::signal_table()),
        Some(b"-l") | Some(b"-L") => return list(sh, args, &args[2..]),
        Some(b"-s") | Some(b"-n") => {
            let Some(spec) = args.get(2) else {
                return usage(sh);
            };
            match signals::parse(spec) {
                Some(n) => sig = n,
                None => {
                    error(
                        sh,
                        args,
                        format!("{}: invalid signal specification", lossy(spec)),
                    );
                    return 1;
                }
            }
            i = 3;
        }
        Some(b"--") => i = 2,
        Some(a) if a.len() > 1 && a[0] == b'-' => {
            let spec = &a[1..];
            match signals::parse(spec) {
                Some(n) => sig = n,
                None => {
                    error(
                        sh,
                        args,
                        format!("{}: invalid signal specification", lossy(spec)),
                    );
                    return 1;
                }
            }
            i = 2;
        }
        _ => {}
    }
    if args.get(i).is_some_and(|a| a == b"--") {
        i += 1;
    }
    let targets = &args[i..];
    if targets.is_empty() {
        return usage(sh);
    }
    let mut status = 0;
    for t in targets {
        let mut stopped = None;
        let pid = if t.first() == Some(&b'%') {
            match resolve_job(sh, t) {
                Ok(p) => {
                    stopped = crate::jobs::stopped_job(sh, t);
                    p
                }
                Err(msg) => {
                    error(sh, args, msg);
                    status = 1;
                    continue;
                }
            }
        } else {
            match parse_decimal(t).and_then(|p| i32::try_from(p).ok()) {
                Some(p) => p,
                None => {
                    error(
                        sh,
                        args,
                        format!("{}: arguments must be process or job IDs", lossy(t)),
                    );
                    status = 1;
                    continue;
                }
            }
        };
        if let Err(e) = signals::send(pid, sig) {
            error(
                sh,
                args,
                format!("({}) - {}", lossy(t), super::util::errno_desc(e)),
            );
            status = 1;
        } else if let Some(id) = stopped {
            // A stopped job would only see the signal once continued: continue it so the
            // signal takes effect (zsh; bash does it for TERM and HUP). Not after a stop
            // signal, nor a null signal, which only checks.
            let stops = [libc::SIGSTOP, libc::SIGTSTP, libc::SIGTTIN, libc::SIGTTOU];
            if sig != 0 && !stops.contains(&sig) {
                crate::jobs::launch::continue_job(sh, id);
            }
        }
    }
    status
}

/// `kill -l`: every name, one a line; with operands, the name of each number (exit statuses
/// above 128 map to their signal) or the number of each name.
fn list(sh: &Shell, args: &[Vec<u8>], ops: &[Vec<u8>]) -> i32 {
    let ops = match ops.first() {
        Some(a) if a == b"--" => &ops[1..],
        _ => ops,
    };
    let mut buf = Vec::new();
    if ops.is_empty() {
        for (_, name) in signals::all() {
            buf.extend_from_slice(name.as_bytes());
            buf.push(b'\n');
        }
        return super::util::out_checked(sh, args, &buf);
    }
    let mut status = 0;
    for a in ops {
        if let Some(mut n) = parse_decimal(a) {
            if n > 128 {
                n -= 128;
            }
            let name = if n == 0 {
                Some("EXIT".to_string())
            } else {
                i32::try_from(n).ok().and_then(signals::name)
            };
            match name {
                Some(name) => {
                    buf.extend_from_slice(name.as_bytes());
                    buf.push(b'\n');
                }
                None => {
                    error(
                        sh,
                        args,
                        format!("{}: invalid signal specification", lossy(a)),
                    );
                    status = 1;
                }
            }
        } else {
            match signals::number(a) {
                Some(n) => buf.extend_from_slice(format!("{n}\n").as_bytes()),
                None => {
                    error(
                        sh,
                        args,
                        format!("{}: invalid signal specification", lossy(a)),
                    );
                    status = 1;
                }
            }
        }
    }
    status.max(super::util::out_checked(sh, args, &buf))
}
