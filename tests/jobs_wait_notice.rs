//! `wait` at an interactive prompt reports the jobs it reaps (`[1]+  Terminated  sleep 100`,
//! `[1]+  Done  true`) as bash and dash do; before, the notice was lost with the job.

mod pty;
use pty::*;

#[test]
fn wait_reports_a_killed_job() {
    let mut s = Session::shell_with(&["-i"], &[("NO_COLOR", "1")]);
    s.run(": ---");
    background(&mut s, "sleep 100");
    s.run("kill %1; wait; echo w=$?");
    background(&mut s, "sleep 100");
    s.run("kill %1; wait %1; echo w=$?");
    s.run("jobs; echo none-left");
    assert_eq!(s.screen().matches("Terminated").count(), 2, "{}", s.screen());
    insta::assert_snapshot!(s.transcript_from(": ---"));
}

#[test]
fn wait_reports_a_finished_job() {
    let mut s = Session::shell_with(&["-i"], &[("NO_COLOR", "1")]);
    let dir = TempDir::new("wait-notice");
    let ok = std::process::Command::new("mkfifo").arg(dir.path().join("f")).status();
    assert!(ok.is_ok_and(|s| s.success()), "mkfifo");
    s.run(&format!("cd '{}'", dir.as_str()));
    s.run(": ---");
    // The job ends only when this line closes the fifo: no prompt can reap it before `wait`.
    background(&mut s, "cat f");
    s.run("exec 3>f; exec 3>&-; wait %1; echo w=$?");
    // The notice is given once: not again at the next prompt.
    s.run("echo next");
    assert_eq!(s.screen().matches("Done").count(), 1, "{}", s.screen());
    insta::assert_snapshot!(s.transcript_from(": ---"));
}
