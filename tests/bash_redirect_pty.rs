//! Process substitution at an interactive prompt: its child is a job `wait $!` can wait
//! for, but never announced or listed (bash).

mod pty;
use pty::*;

#[test]
fn process_substitution_is_not_announced() {
    let mut s = Session::shell_with(&["-i"], &[("NO_COLOR", "1")]);
    s.run(": ---");
    s.run("cat <(echo from-sub); echo pid=$!");
    let screen = s.screen();
    let pid: i32 = screen
        .rsplit("pid=")
        .next()
        .and_then(|t| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no pid on {screen}"));
    let shell = s.pid();
    assert!(eventually(|| zombie_children(shell).contains(&pid) || !alive(pid)), "it ended");
    // An empty line runs the before-prompt work, where notices are printed.
    s.send_then_prompt("\r");
    s.run("jobs");
    assert!(!s.screen().contains("Done"), "{}", s.screen());
    // A pid of fewer than 4 digits escapes the harness's own redaction.
    s.redact(pid);
    insta::assert_snapshot!(s.transcript_from(": ---"));
}
