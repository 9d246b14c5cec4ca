//! ^C and ^Z typed at a real terminal: they reach the foreground job, never the shell.

mod pty;
use pty::*;

#[test]
fn ctrl_c_kills_the_foreground_job_not_the_shell() {
    let mut s = Session::shell();
    s.line("sleep 30");
    let job = s.wait_fg_job(&["sleep"]);
    assert_ne!(job, s.pid(), "the job has a process group of its own");
    s.interrupt();
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_c_kills_a_whole_pipeline() {
    let mut s = Session::shell();
    s.line("sleep 30 | sleep 31");
    let job = s.wait_fg_job(&["sleep", "sleep"]);
    s.interrupt();
    assert!(
        eventually(|| group_members(job).is_empty()),
        "every member is gone"
    );
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_z_jobs_bg_fg_ctrl_c() {
    let mut s = Session::shell();
    s.line("sleep 30");
    let job = s.wait_fg_job(&["sleep"]);
    s.suspend();
    assert!(group_members(job).iter().all(|m| m.state == 'T'), "stopped");
    s.run("echo status=$?");
    s.run("jobs");
    s.run("bg");
    assert!(
        eventually(|| group_members(job).iter().all(|m| m.state != 'T')),
        "running again"
    );
    s.run("jobs");
    s.line("fg");
    s.wait_fg_job(&["sleep"]);
    s.interrupt();
    s.run("jobs");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_z_stops_every_member_of_a_pipeline_in_one_group() {
    let mut s = Session::shell();
    s.line("sleep 30 | cat");
    let job = s.wait_fg_job(&["cat", "sleep"]);
    assert_ne!(job, s.pid());
    s.suspend();
    let members = group_members(job);
    assert_eq!(members.len(), 2);
    assert!(
        members.iter().all(|m| m.state == 'T'),
        "both stopped: {members:?}"
    );
    assert_eq!(s.tty_owner(), s.pid(), "the shell has the terminal back");
    s.run("jobs -l");
    s.line("fg %1");
    s.wait_fg_job(&["cat", "sleep"]);
    s.interrupt();
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn one_ctrl_c_ends_a_loop() {
    let mut s = Session::shell();
    s.line("while :; do sleep 30; done; echo not-reached");
    s.wait_fg_job(&["sleep"]);
    s.interrupt();
    s.run("echo after");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_z_at_the_prompt_does_not_stop_the_shell() {
    let mut s = Session::shell();
    s.ctrl_z();
    s.run("echo alive");
    assert_ne!(stat(s.pid()).map(|st| st.state), Some('T'));
    // The terminal echoes `^Z` in cooked mode; a line editor in raw mode shows nothing.
    insta::assert_snapshot!(s.transcript().replace("^Z", ""));
}
