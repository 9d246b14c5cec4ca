//! Leaving an interactive shell, at a real terminal: a hangup (SIGHUP from outside, or the
//! terminal closed) whatever the shell is doing, `exit` and Ctrl-D with running and stopped
//! jobs, `kill` of a stopped job, and what the shell says when it leaves. bash is the
//! reference throughout.

mod pty;
use std::os::unix::process::ExitStatusExt;

use pty::*;

fn hup(pid: i32) {
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::SIGHUP,
    )
    .expect("send SIGHUP");
}

fn kill9(pid: i32) {
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::SIGKILL,
    );
}

/// A running background job and a stopped one, and an EXIT trap writing to `trap_file`.
/// Returns (running pid, stopped job's group).
fn jobs_and_exit_trap(s: &mut Session, trap_file: &str) -> (i32, i32) {
    s.run(&format!("trap 'echo exit-trap-ran > {trap_file}' EXIT"));
    let running = background(s, "sleep 100");
    s.line("sleep 101");
    let stopped = s.wait_fg_job(&["sleep"]);
    s.suspend();
    assert!(group_members(stopped).iter().all(|m| m.state == 'T'));
    (running, stopped)
}

/// The shell died of SIGHUP, after running its EXIT trap and hanging up both jobs (the stopped
/// one only ends if it was continued too).
fn assert_hung_up(
    s: &mut Session,
    dir: &TempDir,
    trap_file: &str,
    running: i32,
    stopped: i32,
) {
    let status = s.wait_exit();
    assert_eq!(status.signal(), Some(libc::SIGHUP), "the shell dies of SIGHUP");
    let trap = std::fs::read_to_string(dir.path().join(trap_file)).unwrap_or_default();
    assert_eq!(trap, "exit-trap-ran\n", "the EXIT trap ran");
    assert!(eventually(|| !alive(running)), "the running job got SIGHUP");
    assert!(
        eventually(|| group_members(stopped).is_empty()),
        "the stopped job got SIGHUP and SIGCONT"
    );
}

#[test]
fn hangup_at_the_prompt_leaves_at_once() {
    let dir = TempDir::new("hup-prompt");
    let mut s = Session::shell();
    s.run(&format!("cd {dir}"));
    let (running, stopped) = jobs_and_exit_trap(&mut s, "trap.out");
    // Nothing is typed: the shell waits in its line editor when the signal comes.
    s.wait_prompt();
    hup(s.pid());
    assert_hung_up(&mut s, &dir, "trap.out", running, stopped);
}

#[test]
fn hangup_at_a_continuation_prompt_leaves_at_once() {
    let dir = TempDir::new("hup-ps2");
    let mut s = Session::shell();
    s.run(&format!("cd {dir}"));
    let (running, stopped) = jobs_and_exit_trap(&mut s, "trap.out");
    s.line("if true");
    s.wait_for("the PS2 prompt", |s| s.screen().ends_with(PS2.trim_end()));
    hup(s.pid());
    assert_hung_up(&mut s, &dir, "trap.out", running, stopped);
}

#[test]
fn hangup_during_a_foreground_job_leaves_at_once() {
    let dir = TempDir::new("hup-fg");
    let mut s = Session::shell();
    s.run(&format!("cd {dir}"));
    let (running, stopped) = jobs_and_exit_trap(&mut s, "trap.out");
    s.line("sleep 102");
    let fg = s.wait_fg_job(&["sleep"]);
    hup(s.pid());
    assert_hung_up(&mut s, &dir, "trap.out", running, stopped);
    assert!(
        eventually(|| group_members(fg).is_empty()),
        "the foreground job was hung up too"
    );
}

#[test]
fn hangup_during_a_builtin_loop_leaves_at_once() {
    let dir = TempDir::new("hup-loop");
    let mut s = Session::shell();
    s.run(&format!("cd {dir}"));
    let (running, stopped) = jobs_and_exit_trap(&mut s, "trap.out");
    s.line("while :; do :; done");
    s.wait_for("the loop running", |s| {
        stat(s.pid()).is_some_and(|p| p.state == 'R')
    });
    hup(s.pid());
    assert_hung_up(&mut s, &dir, "trap.out", running, stopped);
}

#[test]
fn hangup_during_the_read_builtin_leaves_at_once() {
    let dir = TempDir::new("hup-read");
    let mut s = Session::shell();
    s.run(&format!("cd {dir}"));
    let (running, stopped) = jobs_and_exit_trap(&mut s, "trap.out");
    s.line("read line; echo not-reached");
    s.wait_for("the shell reading", |s| in_poll(s.pid()));
    hup(s.pid());
    assert_hung_up(&mut s, &dir, "trap.out", running, stopped);
}

#[test]
fn hangup_during_wait_leaves_at_once() {
    let dir = TempDir::new("hup-wait");
    let mut s = Session::shell();
    s.run(&format!("cd {dir}"));
    let (running, stopped) = jobs_and_exit_trap(&mut s, "trap.out");
    s.line("wait %1; echo not-reached");
    s.wait_for("the shell waiting", |s| in_poll(s.pid()));
    hup(s.pid());
    assert_hung_up(&mut s, &dir, "trap.out", running, stopped);
}

#[test]
fn the_terminal_closing_hangs_up_the_jobs() {
    let dir = TempDir::new("hup-close");
    let mut s = Session::shell();
    s.run(&format!("cd {dir}"));
    let (running, stopped) = jobs_and_exit_trap(&mut s, "trap.out");
    s.wait_prompt();
    s.hang_up();
    assert_hung_up(&mut s, &dir, "trap.out", running, stopped);
}

#[test]
fn a_hup_trap_still_runs_instead_of_leaving() {
    let mut s = Session::shell();
    s.run("trap 'echo caught-hup' HUP");
    hup(s.pid());
    // A trap runs between commands, not in the middle of the line editor's read.
    s.run(":");
    s.wait_text("caught-hup");
    s.run("trap - HUP");
    let running = background(&mut s, "sleep 100");
    s.wait_prompt();
    hup(s.pid());
    let status = s.wait_exit();
    assert_eq!(status.signal(), Some(libc::SIGHUP), "back to leaving on SIGHUP");
    assert!(eventually(|| !alive(running)), "the job got SIGHUP");
}

#[test]
fn exit_leaves_running_jobs_alone() {
    let mut s = Session::shell();
    let job = background(&mut s, "sleep 100");
    s.line("exit");
    let status = s.wait_exit();
    assert_eq!(status.code(), Some(0));
    assert!(alive(job), "a running job survives `exit` (bash without huponexit)");
    kill9(job);
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_d_leaves_running_jobs_alone() {
    let mut s = Session::shell();
    let job = background(&mut s, "sleep 100");
    s.ctrl_d();
    let status = s.wait_exit();
    assert_eq!(status.code(), Some(0));
    assert!(alive(job), "a running job survives Ctrl-D");
    kill9(job);
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn jobs_and_blank_lines_between_two_exits_do_not_repeat_the_warning() {
    let mut s = Session::shell();
    s.line("sleep 100");
    let job = s.wait_fg_job(&["sleep"]);
    s.suspend();
    s.run("exit");
    s.run("jobs");
    s.run("");
    s.line("exit");
    let status = s.wait_exit();
    assert_eq!(status.code(), Some(0), "the status of `jobs` (bash)");
    assert!(
        eventually(|| group_members(job).is_empty()),
        "the stopped job got SIGHUP and SIGCONT"
    );
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_d_with_stopped_jobs_warns_then_leaves() {
    let mut s = Session::shell();
    s.line("sleep 100");
    let job = s.wait_fg_job(&["sleep"]);
    s.suspend();
    s.send_then_prompt("\x04");
    assert!(group_members(job).iter().all(|m| m.state == 'T'));
    s.ctrl_d();
    s.wait_exit();
    assert!(
        eventually(|| group_members(job).is_empty()),
        "the stopped job got SIGHUP and SIGCONT"
    );
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn an_external_command_between_two_exits_repeats_the_warning() {
    let mut s = Session::shell();
    s.line("sleep 100");
    s.wait_fg_job(&["sleep"]);
    s.suspend();
    s.run("exit");
    s.run("/bin/true");
    s.run("exit");
    s.run("x=1");
    s.line("exit");
    s.wait_exit();
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn a_login_shell_says_logout() {
    let mut s = Session::shell_with(&["-l", "-i", "--noprofile"], &[]);
    s.line("exit");
    s.wait_exit();
    let mut t = Session::shell_with(&["-l", "-i", "--noprofile"], &[]);
    t.ctrl_d();
    t.wait_exit();
    insta::assert_snapshot!(format!("{}\n---\n{}", s.transcript(), t.transcript()));
}

#[test]
fn kill_of_a_stopped_job_takes_effect() {
    let mut s = Session::shell();
    for (sig, notice) in [("TERM", "Terminated"), ("INT", "Interrupt"), ("HUP", "Hangup")] {
        s.line("sleep 100");
        let job = s.wait_fg_job(&["sleep"]);
        s.suspend();
        s.run(&format!("kill -{sig} %1"));
        assert!(
            eventually(|| group_members(job).iter().all(|m| m.state == 'Z')),
            "kill -{sig} of a stopped job ends it"
        );
        // The end is reported at the next prompt (or by `jobs`), and the job is gone.
        s.run("jobs");
        s.wait_text(&format!("[1]+  {notice}"));
        s.run("jobs");
        assert!(s.screen().ends_with("$ jobs\n$"), "{}", s.screen());
    }
}

#[test]
fn kill_of_a_stopped_job_with_a_stop_signal_leaves_it_stopped() {
    let mut s = Session::shell();
    s.line("sleep 100");
    let job = s.wait_fg_job(&["sleep"]);
    s.suspend();
    for sig in ["TSTP", "STOP", "TTIN", "TTOU", "0"] {
        s.run(&format!("kill -{sig} %1"));
        assert!(
            group_members(job).iter().all(|m| m.state == 'T'),
            "kill -{sig} did not continue it"
        );
    }
    s.run("kill -CONT %1");
    s.run("jobs");
    insta::assert_snapshot!(s.transcript());
    kill9(job);
}

#[test]
fn enter_after_background_output_over_the_prompt_draws_no_second_prompt() {
    let dir = TempDir::new("bg-output");
    let mut s = Session::shell();
    s.run(&format!("cd {dir} && mkfifo go"));
    s.run("(read x < go; echo hi; exec sleep 100) &");
    // The job writes over the empty prompt while the shell waits for a key.
    std::fs::write(dir.path().join("go"), "go\n").expect("write the fifo");
    s.wait_text("$ hi");
    s.run("");
    // bash leaves the job's line and an empty one; the prompt is not drawn again below the
    // job's output (the editor redrew the empty line there when Enter was pressed).
    insta::assert_snapshot!(s.transcript_from("(read x < go; echo hi; exec sleep 100) &"));
    s.run("kill %1");
}

#[test]
fn bg_shows_the_mark_the_job_had() {
    let mut s = Session::shell();
    s.line("sleep 100");
    s.wait_fg_job(&["sleep"]);
    s.suspend();
    s.line("sleep 101");
    s.wait_fg_job(&["sleep"]);
    s.suspend();
    // bash: `[2]+ sleep 101 &`, the mark before it runs again (then %1 becomes current).
    s.run("bg");
    s.run("jobs");
    insta::assert_snapshot!(s.transcript());
    s.run("kill %1 %2");
}

#[test]
fn a_job_spec_run_in_the_background_continues_the_job_there() {
    let mut s = Session::shell();
    s.line("sleep 100");
    let job = s.wait_fg_job(&["sleep"]);
    s.suspend();
    // bash: `%1 &` is `bg %1` (it was run as a command in a subshell without job control).
    s.run("%1 &");
    assert!(
        eventually(|| group_members(job).iter().all(|m| m.state != 'T')),
        "the job runs again"
    );
    s.run("jobs");
    s.run("%1 &");
    insta::assert_snapshot!(s.transcript());
    kill9(job);
}

#[test]
fn hangup_at_a_dumb_terminal_prompt_leaves_at_once() {
    let mut s = Session::shell_with(&["-i"], &[("TERM", "dumb")]);
    let running = background(&mut s, "sleep 100");
    s.wait_prompt();
    hup(s.pid());
    let status = s.wait_exit();
    assert_eq!(status.signal(), Some(libc::SIGHUP), "the shell dies of SIGHUP");
    assert!(eventually(|| !alive(running)), "the job got SIGHUP");
}

#[test]
fn jobs_l_shows_each_process_state_when_they_differ() {
    let mut s = Session::shell();
    s.run("(exit 3) | sleep 100 &");
    let screen = s.screen();
    let last: i32 = screen
        .lines()
        .find_map(|l| l.strip_prefix("[1] ")?.trim().parse().ok())
        .expect("the job's pid");
    let pgid = stat(last).expect("the job").pgrp;
    // The first member has exited (the shell reaps it at the latest before listing).
    s.wait_for("the first member to exit", |_| {
        group_members(pgid).iter().filter(|m| m.state != 'Z').count() == 1
    });
    s.run("jobs -l");
    let running = s.transcript_from("jobs -l");
    s.run("kill -STOP %1");
    s.wait_for("the job stopped", |_| stat(last).is_some_and(|p| p.state == 'T'));
    s.run("jobs -l");
    // bash: a running job says Running on the first line and on each member whose state
    // differs from the first one's; a stopped one says each member's own state.
    insta::assert_snapshot!(format!("{running}\n{}", s.transcript_from("jobs -l")));
    s.run("kill -9 %1");
}
