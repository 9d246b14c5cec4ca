//! Things a person meets at the prompt: ^D at a PS2 prompt, ^C and ^\ at the prompt, `help`.

mod pty;
use pty::*;

/// Types `line`, waits for the PS2 prompt after it.
fn continue_with(s: &mut Session, line: &str) {
    s.drain();
    let before = s.screen().matches(PS2.trim_end()).count();
    s.line(line);
    s.wait_for("a PS2 prompt", |s| {
        s.screen().matches(PS2.trim_end()).count() > before
    });
}

/// ^D at PS2, then the next command runs normally and the shell stays.
fn then_next_command_runs(s: &mut Session, n: usize) {
    s.run(&format!("echo next-{n} status=$?"));
    s.wait_text(&format!("\nnext-{n} status="));
    s.run(&format!("echo again-{n}"));
    s.wait_text(&format!("\nagain-{n}"));
    assert!(alive(s.pid()));
}

#[test]
fn ctrl_d_in_a_here_document_runs_it_with_a_warning() {
    let mut s = Session::shell();
    continue_with(&mut s, "cat <<EOF");
    continue_with(&mut s, "body line");
    s.drain();
    let before = s.prompt_count();
    s.ctrl_d();
    s.wait_prompts(before + 1);
    s.wait_text("warning: here-document at line 1 delimited by end-of-file (wanted `EOF')");
    s.wait_text("\nbody line\n");
    then_next_command_runs(&mut s, 1);
}

#[test]
fn ctrl_d_in_an_unfinished_command_reports_it_and_goes_on() {
    let mut s = Session::shell();
    for (n, start) in ["for i in 1", "echo \"abc", "echo a |", "if true; then"]
        .into_iter()
        .enumerate()
    {
        continue_with(&mut s, start);
        s.drain();
        let before = s.prompt_count();
        s.ctrl_d();
        s.wait_prompts(before + 1);
        s.run("echo status=$?");
        s.wait_text_n("status=2", n + 1);
        then_next_command_runs(&mut s, n);
    }
    // Nothing of the unfinished commands ran.
    assert!(!s.screen().contains("\nabc"), "{}", s.screen());
}
