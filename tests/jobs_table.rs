//! The job table at a real terminal: job specs, `wait` statuses, Done notices, `disown`,
//! `exit` with stopped jobs, hangup, reaping.

mod pty;
use pty::*;

#[test]
fn every_job_spec_form() {
    let mut s = Session::shell();
    background(&mut s, "sleep 50");
    background(&mut s, "sleep 51 | cat");
    s.run("jobs");
    for spec in [
        "%%",
        "%+",
        "%",
        "%-",
        "%1",
        "%2",
        "%sleep\\ 50",
        "%?51",
        "%sl",
        "%9",
    ] {
        s.run(&format!("jobs {spec}"));
    }
    s.run("kill %?50 && wait %1; echo $?");
    s.run("kill %1");
    s.run("kill %2; wait %2; echo $?");
    s.run("jobs");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn bare_percent_brings_a_job_back() {
    let mut s = Session::shell();
    s.line("sleep 30");
    s.wait_fg_job(&["sleep"]);
    s.suspend();
    s.line("%1");
    s.wait_fg_job(&["sleep"]);
    s.interrupt();
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn wait_statuses() {
    let mut s = Session::shell();
    // One line each: a job that ends before the next prompt is reported and forgotten there.
    s.run("(exit 3) & wait %1; echo exit=$?");
    s.run("sleep 30 & kill -KILL %1; wait %1; echo killed=$?");
    s.run("sleep 30 & kill -STOP %1; wait %1; echo stopped=$?");
    // `kill` continues a stopped job, so the signal ends it without `fg`.
    s.run("kill %1; wait %1; echo killed-stopped=$?");
    s.run("wait; echo none=$?");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn done_notice_comes_before_the_next_prompt() {
    let mut s = Session::shell();
    let pid = background(&mut s, "true");
    let shell = s.pid();
    assert!(
        eventually(|| zombie_children(shell).contains(&pid) || !alive(pid)),
        "the job ended"
    );
    s.run(":");
    assert!(
        zombie_children(shell).is_empty(),
        "reaped before the prompt"
    );
    s.run("jobs");
    // The notice came before the prompt after `true &` or after `:`, depending on timing;
    // never later, and `jobs` has nothing more to say.
    let t = s.transcript();
    let notice = t
        .find("[1]+  Done                    true")
        .expect("the notice");
    assert!(notice < t.find("$ jobs").expect("jobs"), "{t}");
    assert_eq!(t.matches("Done").count(), 1, "{t}");
    insta::assert_snapshot!(s.transcript_from("jobs"));
}

#[test]
fn no_zombie_after_yes_head() {
    let mut s = Session::shell();
    s.run("yes | head -1");
    s.run("echo $?");
    let shell = s.pid();
    assert!(zombie_children(shell).is_empty());
    assert!(
        eventually(|| session_members(shell).len() == 1),
        "only the shell is left"
    );
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn disown_forgets_or_shields_jobs() {
    let mut s = Session::shell();
    let a = background(&mut s, "sleep 40");
    let b = background(&mut s, "sleep 41");
    s.run("disown %1");
    s.run("disown -h %2");
    s.run("jobs");
    s.line("exit");
    s.wait_exit();
    assert!(alive(a), "a disowned job survives the exit");
    assert!(alive(b), "a job marked -h is not sent SIGHUP");
    let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(a), nix::sys::signal::SIGKILL);
    let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(b), nix::sys::signal::SIGKILL);
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn exit_with_stopped_jobs_warns_once_and_hangs_them_up() {
    let mut s = Session::shell();
    s.line("sleep 30");
    let job = s.wait_fg_job(&["sleep"]);
    s.suspend();
    s.run("exit");
    assert!(
        group_members(job).iter().all(|m| m.state == 'T'),
        "still there, stopped"
    );
    s.line("exit");
    s.wait_exit();
    assert!(
        eventually(|| group_members(job).is_empty()),
        "SIGHUP and SIGCONT ended it"
    );
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn hangup_reaches_background_jobs() {
    let mut s = Session::shell();
    let pid = background(&mut s, "sleep 60");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(s.pid()),
        nix::sys::signal::SIGHUP,
    )
    .expect("kill");
    // The shell handles the signal at its next chance: after the next command.
    s.line(":");
    let status = s.wait_exit();
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(libc::SIGHUP)
    );
    assert!(eventually(|| !alive(pid)), "the job got SIGHUP");
}

#[test]
fn ctrl_c_ends_wait_for_a_background_job() {
    let mut s = Session::shell();
    let pid = background(&mut s, "sleep 30");
    s.line("wait; echo status=$?");
    // `wait` sleeps in the shell, which owns the terminal: ^C reaches the shell.
    s.wait_for("the shell waiting", |s| in_poll(s.pid()));
    s.interrupt();
    assert!(alive(pid), "the background job is untouched");
    // `wait` reaps it and gives its notice: the transcript does not depend on when it died.
    s.run("kill %1; wait");
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn the_stopped_jobs_warning_rearms_after_another_command() {
    let mut s = Session::shell();
    s.line("sleep 30");
    s.wait_fg_job(&["sleep"]);
    s.suspend();
    s.run("exit");
    // Any command but `jobs` (bash).
    s.run(":");
    s.run("exit");
    s.line("exit");
    s.wait_exit();
    insta::assert_snapshot!(s.transcript());
}

#[test]
fn command_substitution_sees_the_jobs_but_does_not_wait_for_them() {
    let script = "sleep 5 & sleep 6 &\n\
                  p=$(jobs -p); echo \"n=$(echo $p | wc -w)\"\n\
                  x=$(wait; echo waited $?); echo \"$x\"\n\
                  y=$(wait %1; echo $?); echo \"y=$y\"\n\
                  kill $(jobs -p); wait; echo done\n";
    let out = std::process::Command::new(chitin())
        .args(["-c", script])
        .output()
        .expect("run chitin");
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout), @r"
    n=2
    waited 0
    y=127
    done
    ");
}
