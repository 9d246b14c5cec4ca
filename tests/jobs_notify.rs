//! Background job notices at an idle prompt: Enter on an empty (or comment) line shows them
//! before the fresh prompt, as bash does; `set -b` reports them at once.

mod pty;
use pty::*;

/// A fresh directory holding a fifo `f`; a `cat f` job ends when the test closes the fifo.
fn fifo_dir(tag: &str) -> TempDir {
    let dir = TempDir::new(&format!("notify-{tag}"));
    let ok = std::process::Command::new("mkfifo")
        .arg(dir.path().join("f"))
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mkfifo");
    dir
}

/// Opens the fifo for writing (waits for `cat` to open it) and closes it: `cat` sees end of
/// file and exits 0. Then waits until the job has ended (zombie or gone).
fn finish_cat(s: &Session, dir: &std::path::Path, pid: i32) {
    let w = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join("f"))
        .expect("open the fifo");
    drop(w);
    let shell = s.pid();
    assert!(
        eventually(|| zombie_children(shell).contains(&pid) || !alive(pid)),
        "the job ended"
    );
}

#[test]
fn enter_on_empty_line_shows_pending_notice() {
    let dir = fifo_dir("enter");
    let mut s = Session::shell_with(&["-i"], &[("NO_COLOR", "1")]);
    s.run(&format!("cd '{}'", dir.as_str()));
    s.run(": ---");
    let pid = background(&mut s, "cat f");
    finish_cat(&s, dir.path(), pid);
    // Nothing is printed while the shell sits at the prompt (no `set -b`)...
    assert!(!s.screen().contains("Done"), "{}", s.screen());
    // ...but an empty line runs the before-prompt work: the notice, then a fresh prompt.
    s.send_then_prompt("\r");
    assert_eq!(s.screen().matches("Done").count(), 1, "{}", s.screen());
    // A comment-only line does the same.
    let pid = background(&mut s, "cat f");
    finish_cat(&s, dir.path(), pid);
    s.send_then_prompt("# only a comment\r");
    assert_eq!(s.screen().matches("Done").count(), 2, "{}", s.screen());
    s.send_then_prompt("   \r");
    s.run("echo still here");
    insta::assert_snapshot!(s.transcript_from(": ---"));
}

#[test]
fn set_b_reports_at_once_while_the_prompt_waits() {
    let dir = fifo_dir("setb");
    // No history hints: the redrawn line is exactly what was typed.
    let mut s = Session::shell_with(&["-i"], &[("NO_COLOR", "1")]);
    s.run(&format!("cd '{}'", dir.as_str()));
    s.run("set -b");
    s.run(": ---");
    let pid = background(&mut s, "cat f");
    // Half a command typed: the notice is drawn above it, and the line stays as typed.
    s.send("echo set-b-wai");
    s.wait_text("echo set-b-wai");
    finish_cat(&s, dir.path(), pid);
    s.wait_text("[1]+  Done                    cat f");
    s.wait_for("the prompt redrawn with the typed text", |s| {
        s.screen()
            .lines()
            .last()
            .is_some_and(|l| l == "$ echo set-b-wai")
    });
    s.send_then_prompt("ted\r");
    // The main thread reaped the job afterwards and did not repeat the notice.
    s.run("jobs");
    assert_eq!(s.screen().matches("Done").count(), 1, "{}", s.screen());
    insta::assert_snapshot!(s.transcript_from(": ---"));
}
