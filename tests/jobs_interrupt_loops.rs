//! ^C and ^Z typed while the interactive shell runs a loop or a function (issue 9 points 9,
//! 10 and 19): each ends the command line and gives the prompt back, whether the loop runs only
//! builtins, an external command, a pipeline, or `read`; `kill -INT` from outside too. A
//! trapped SIGINT runs its trap instead (also for ^C at the prompt). Scripts die of SIGINT.
//!
//! Every loop here shows it is running (a line it prints, or a foreground job) before the key
//! is typed, so the key reaches the running command and never the line editor. The words
//! waited for are spelt with quotes in the command (`loop""ing`), so the echo of the typed
//! command line never satisfies the wait.

mod pty;
use pty::*;

/// A builtin loop that prints `looping` once it has gone round many times, then spins.
const BUILTIN_LOOP: &str =
    "i=0; while :; do i=$((i+1)); [ $i = 1000 ] && echo loop\"\"ing; done; echo not-reached";

#[test]
fn ctrl_c_ends_a_loop_of_builtins() {
    let mut s = Session::shell();
    s.line(BUILTIN_LOOP);
    s.wait_text("looping");
    s.interrupt();
    s.run("echo status=$?");
    assert!(s.screen().contains("status=130"), "{}", s.screen());
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_c_ends_a_for_loop_over_a_command_substitution() {
    let mut s = Session::shell();
    s.line("for i in $(seq 1 2000000); do [ $i = 1000 ] && echo loop\"\"ing; done; echo not-reached");
    s.wait_text("looping");
    s.interrupt();
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn kill_int_from_outside_ends_a_loop_of_builtins() {
    let mut s = Session::shell();
    s.line(BUILTIN_LOOP);
    s.wait_text("looping");
    let before = s.prompt_count();
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(s.pid()), nix::sys::signal::SIGINT)
        .expect("kill -INT");
    s.wait_prompts(before + 1);
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_c_ends_a_loop_running_an_external_command() {
    let mut s = Session::shell();
    s.line("while :; do cat; echo not-reached; done; echo not-reached");
    s.wait_fg_job(&["cat"]);
    s.interrupt();
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_c_ends_a_function_running_a_loop_of_builtins() {
    let mut s = Session::shell();
    s.line("f() { echo in\"\"-f; while :; do :; done; }; f; echo not-reached");
    s.wait_text("in-f");
    s.interrupt();
    s.run("echo status=$?");
    s.line("g() { cat; echo not-reached; }; g; echo not-reached");
    s.wait_fg_job(&["cat"]);
    s.interrupt();
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_c_ends_a_read_loop() {
    let mut s = Session::shell();
    s.line("echo rea\"\"dy; while read x; do echo \"got $x\"; done; echo not-reached");
    // Typed only once the editor has given the terminal back (cooked mode).
    s.wait_text("ready");
    s.line("a");
    s.wait_text("got a");
    s.interrupt();
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_c_ends_a_loop_running_a_pipeline() {
    let mut s = Session::shell();
    s.line("while :; do cat | cat; done; echo not-reached");
    s.wait_fg_job(&["cat", "cat"]);
    s.interrupt();
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn trapped_sigint_runs_its_trap_and_the_loop_goes_on() {
    let mut s = Session::shell();
    s.run("trap 'echo cau\"\"ght; n=$((n+1)); [ $n = 2 ] && break' INT");
    s.line("n=0; i=0; while :; do i=$((i+1)); [ $i = 1000 ] && echo loop\"\"ing; done; echo after\"\"-loop");
    s.wait_text("looping");
    s.ctrl_c();
    s.wait_text("caught");
    s.interrupt();
    assert!(s.screen().contains("after-loop"), "{}", s.screen());
    s.run("echo n=$n");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_z_does_not_stop_a_loop_of_builtins_and_ctrl_c_ends_it() {
    // The shell itself ignores SIGTSTP (as bash does): the loop goes on.
    let mut s = Session::shell();
    s.line("i=0; while :; do i=$((i+1)); case $i in *0000) echo \"at $i\";; esac; done");
    s.wait_text("at 10000");
    s.ctrl_z();
    s.drain();
    let seen = s.screen().matches("at ").count();
    s.wait_for("the loop going on after ^Z", |s| s.screen().matches("at ").count() > seen + 1);
    assert_ne!(stat(s.pid()).map(|st| st.state), Some('T'), "the shell is not stopped");
    s.interrupt();
    s.run("echo status=$?");
    let t = s.transcript();
    let end = t.rfind("\n^C").or_else(|| t.rfind("^C")).expect("^C on the screen");
    insta::assert_snapshot!(t[end..].trim_start().to_string());
}

#[test]
fn ctrl_z_abandons_a_loop_and_fg_resumes_only_the_stopped_command() {
    let mut s = Session::shell();
    s.line("for i in 1 2; do cat; echo \"i$i\"; done; echo not-reached");
    let job = s.wait_fg_job(&["cat"]);
    s.suspend();
    assert!(group_members(job).iter().all(|m| m.state == 'T'), "cat is stopped");
    assert_eq!(s.tty_owner(), s.pid(), "the shell has the terminal back");
    s.run("echo status=$?");
    s.run("jobs");
    s.line("fg");
    s.wait_fg_job(&["cat"]);
    s.line("typed");
    s.wait_text_n("typed", 2);
    s.send_then_prompt("\x04");
    s.run("echo status=$? jobs=$(jobs | wc -l)");
    let screen = s.screen();
    assert!(!screen.contains("i1") && !screen.contains("i2"), "{screen}");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_z_in_a_while_loop_adds_one_stopped_job() {
    let mut s = Session::shell();
    s.line("while true; do cat; done");
    s.wait_fg_job(&["cat"]);
    s.suspend();
    s.run("echo status=$?");
    s.run("jobs");
    assert_eq!(s.screen().matches("Stopped").count(), 2, "{}", s.screen());
    s.run("kill -9 %1");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_z_abandons_a_function() {
    let mut s = Session::shell();
    s.line("f() { cat; echo not-reached; }; f; echo not-reached");
    s.wait_fg_job(&["cat"]);
    s.suspend();
    s.run("echo status=$?");
    s.line("fg");
    s.wait_fg_job(&["cat"]);
    s.interrupt();
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_z_abandons_a_loop_running_a_pipeline() {
    let mut s = Session::shell();
    s.line("while :; do cat | cat; done; echo not-reached");
    let job = s.wait_fg_job(&["cat", "cat"]);
    s.suspend();
    assert!(group_members(job).iter().all(|m| m.state == 'T'), "both stopped");
    s.run("echo status=$?");
    s.run("jobs");
    // `wait` makes the end of the job, and its notice, come before the next prompt (without
    // it the notice came before or after, depending on when SIGCHLD arrived).
    s.run("kill -9 %1; wait");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn ctrl_z_does_not_stop_a_read_loop_and_ctrl_c_ends_it() {
    let mut s = Session::shell();
    s.line("echo rea\"\"dy; while read x; do echo \"got $x\"; done; echo not-reached");
    // Typed only once the editor has given the terminal back (cooked mode).
    s.wait_text("ready");
    s.line("a");
    s.wait_text("got a");
    s.ctrl_z();
    s.line("b");
    s.wait_text("got b");
    s.interrupt();
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript().replace("^Z", ""));
}

#[test]
fn int_trap_runs_on_ctrl_c_at_the_prompt() {
    let mut s = Session::shell();
    s.run("trap 'echo cau\"\"ght' INT");
    s.send("echo half-typed");
    s.wait_text("half-typed");
    s.ctrl_c();
    s.wait_text("caught");
    s.wait_prompt();
    s.run("echo status=$?");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn int_trap_that_exits_at_the_prompt_leaves_the_shell() {
    let mut s = Session::shell();
    s.run("trap 'echo by\"\"e; exit 3' INT");
    s.ctrl_c();
    let status = s.wait_exit();
    assert_eq!(status.code(), Some(3), "{}", s.screen());
    assert!(s.screen().contains("bye"), "{}", s.screen());
}

#[test]
fn a_script_dies_of_ctrl_c_in_a_builtin_loop() {
    let mut s = Session::spawn(chitin(), &["-c", BUILTIN_LOOP], &[]);
    s.wait_text("looping");
    s.ctrl_c();
    let status = s.wait_exit();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(libc::SIGINT), "{}", s.screen());
    assert!(!s.screen().contains("not-reached"));
}

#[test]
fn a_script_dies_of_ctrl_c_that_killed_its_foreground_child() {
    let mut s = Session::spawn(chitin(), &["-c", "echo started; cat; echo not-reached"], &[]);
    s.wait_text("started");
    let sid = s.pid();
    assert!(
        eventually(|| session_members(sid).iter().any(|&p| stat(p).is_some_and(|st| st.comm == "cat"))),
        "cat runs"
    );
    s.ctrl_c();
    let status = s.wait_exit();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(libc::SIGINT), "{}", s.screen());
    assert!(!s.screen().contains("not-reached"));
}

#[test]
fn a_script_int_trap_that_exits_inside_a_compound_command_keeps_its_status() {
    let script = "trap 'echo got INT; exit 5' INT; echo started; { cat; echo not-reached; }";
    let mut s = Session::spawn(chitin(), &["-c", script], &[]);
    s.wait_text("started");
    let sid = s.pid();
    assert!(
        eventually(|| session_members(sid).iter().any(|&p| stat(p).is_some_and(|st| st.comm == "cat"))),
        "cat runs"
    );
    s.ctrl_c();
    let status = s.wait_exit();
    assert_eq!(status.code(), Some(5), "{}", s.screen());
    assert!(s.screen().contains("got INT"));
    assert!(!s.screen().contains("not-reached"));
}
