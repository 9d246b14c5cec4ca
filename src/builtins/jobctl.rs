//! `jobs`, `fg`, `bg`, `disown`: the job-control builtins (the job table is `crate::jobs`).

use crate::builtins::util::{error, lossy, out, scan_opts};
use crate::jobs::{format, launch, table::JobState};
use crate::shell::Shell;

/// Resolves job-spec operands (or the current job when there are none); reports bad ones.
/// A bare pid is accepted too, as bash does.
fn resolve_all(sh: &Shell, args: &[Vec<u8>], operands: &[Vec<u8>]) -> (Vec<usize>, bool) {
    let mut ids = Vec::new();
    let mut ok = true;
    for a in operands {
        let r = if a.first() == Some(&b'%') {
            sh.jobs.resolve(a).map_err(|e| e.message(a))
        } else {
            match std::str::from_utf8(a)
                .ok()
                .and_then(|s| s.parse::<i32>().ok())
            {
                Some(pid) => sh
                    .jobs
                    .find_pid(pid)
                    .map(|j| j.id)
                    .ok_or_else(|| format!("{}: no such job", lossy(a))),
                None => sh
                    .jobs
                    .resolve(&[b"%".as_slice(), a].concat())
                    .map_err(|e| e.message(a)),
            }
        };
        match r {
            Ok(id) => ids.push(id),
            Err(msg) => {
                error(sh, args, msg);
                ok = false;
            }
        }
    }
    (ids, ok)
}

/// `jobs [-l|-p] [job...]`
pub fn jobs(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let opts = match scan_opts(sh, args, b"lp", false) {
        Ok(o) => o,
        Err(st) => return st,
    };
    sh.jobs.reap();
    let operands = &args[opts.next..];
    let (ids, ok) = if operands.is_empty() {
        (
            sh.jobs
                .jobs
                .iter()
                .filter(|j| !j.foreground)
                .map(|j| j.id)
                .collect(),
            true,
        )
    } else {
        resolve_all(sh, args, operands)
    };
    let mut text = Vec::new();
    for &id in &ids {
        if opts.has(b'p') {
            if let Some(j) = sh.jobs.find_id(id) {
                text.extend_from_slice(format!("{}\n", j.pgid).as_bytes());
            }
        } else {
            text.extend(sh.jobs.describe(id, opts.has(b'l')));
        }
    }
    out(&text);
    // What was shown is known now; finished jobs are forgotten (interactive shells only: a
    // script may still `wait` for them).
    for id in ids {
        let done = sh
            .jobs
            .find_id(id)
            .is_some_and(|j| j.state == JobState::Done);
        if done && sh.options.interactive {
            sh.jobs.remove(id);
        } else if let Some(j) = sh.jobs.find_id_mut(id) {
            j.notified = true;
        }
    }
    if ok { 0 } else { 1 }
}

/// The one job `fg`/`bg` act on, or an error status.
fn one_job(sh: &mut Shell, args: &[Vec<u8>], operands: &[Vec<u8>]) -> Result<usize, i32> {
    if !sh.options.monitor || sh.is_subshell {
        error(sh, args, "no job control");
        return Err(1);
    }
    sh.jobs.reap();
    if operands.is_empty() {
        return match sh.jobs.current() {
            Some(id) => Ok(id),
            None => {
                error(sh, args, "current: no such job");
                Err(1)
            }
        };
    }
    let (ids, ok) = resolve_all(sh, args, &operands[..1]);
    match ids.first() {
        Some(&id) if ok => Ok(id),
        _ => Err(1),
    }
}

/// `fg [job]`: the job gets the terminal (and its saved modes), then SIGCONT, then we wait.
pub fn fg(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut operands = crate::builtins::util::operands(args).to_vec();
    if args.first().is_some_and(|a| a.first() == Some(&b'%')) {
        // Run as a bare `%1`: the command name is the job.
        operands.insert(0, args[0].clone());
    }
    let id = match one_job(sh, args, &operands) {
        Ok(id) => id,
        Err(st) => return st,
    };
    let Some(j) = sh.jobs.find_id_mut(id) else {
        return 1;
    };
    if j.state == JobState::Done {
        // It ended before we could bring it back (Oils #721): report its status.
        let st = j.status();
        out(format!("{}\n", j.command).as_bytes());
        sh.jobs.remove(id);
        return st;
    }
    j.foreground = true;
    let mut line = j.command.clone().into_bytes();
    line.push(b'\n');
    out(&line);
    launch::wait_foreground(sh, id, true)
}

/// `bg [job...]`: continues stopped jobs in the background.
pub fn bg(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let operands = crate::builtins::util::operands(args).to_vec();
    let ids = if operands.len() <= 1 {
        match one_job(sh, args, &operands) {
            Ok(id) => vec![id],
            Err(st) => return st,
        }
    } else {
        if !sh.options.monitor || sh.is_subshell {
            error(sh, args, "no job control");
            return 1;
        }
        sh.jobs.reap();
        let (ids, ok) = resolve_all(sh, args, &operands);
        if !ok {
            return 1;
        }
        ids
    };
    let mut status = 0;
    for id in ids {
        let Some(j) = sh.jobs.find_id(id) else {
            continue;
        };
        match j.state {
            JobState::Running => {
                error(sh, args, format!("job {id} already in background"));
            }
            JobState::Done => {
                error(sh, args, format!("job {id} has terminated"));
                status = 1;
            }
            JobState::Stopped => {
                // bash shows the mark the job had, before running makes a stopped job current.
                let mark = sh.jobs.mark(id);
                launch::continue_job(sh, id);
                sh.jobs.touch(id);
                let Some(j) = sh.jobs.find_id(id) else {
                    continue;
                };
                out(&format::bg_line(id, mark, j.command.as_bytes()));
                sh.last_bg_pid = j.processes.last().map(|p| p.pid);
            }
        }
    }
    status
}

/// `disown [-h] [-a | -r] [job...]`: forget jobs (or with `-h` keep them but never send them
/// SIGHUP); `-a` all jobs, `-r` only running ones.
pub fn disown(sh: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let opts = match scan_opts(sh, args, b"har", false) {
        Ok(o) => o,
        Err(st) => return st,
    };
    sh.jobs.reap();
    let operands = &args[opts.next..];
    let (mut ids, ok) = if opts.has(b'a') || opts.has(b'r') {
        (sh.jobs.jobs.iter().map(|j| j.id).collect::<Vec<_>>(), true)
    } else if operands.is_empty() {
        match sh.jobs.current() {
            Some(id) => (vec![id], true),
            None => {
                error(sh, args, "current: no such job");
                return 1;
            }
        }
    } else {
        resolve_all(sh, args, operands)
    };
    if opts.has(b'r') {
        ids.retain(|&id| {
            sh.jobs
                .find_id(id)
                .is_some_and(|j| j.state == JobState::Running)
        });
    }
    for id in ids {
        if opts.has(b'h') {
            if let Some(j) = sh.jobs.find_id_mut(id) {
                j.no_hup = true;
            }
        } else {
            sh.jobs.remove(id);
        }
    }
    if ok { 0 } else { 1 }
}
