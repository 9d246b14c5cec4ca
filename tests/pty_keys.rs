//! Readline habits: Alt-. inserts the last word of the previous command, Ctrl-X Ctrl-E edits the
//! line in $EDITOR and runs the result.

mod pty;
use pty::*;

#[test]
fn alt_dot_yanks_the_last_argument_of_the_previous_command() {
    let mut s = Session::shell();
    s.run("echo first /tmp/older");
    s.run("echo second 'a b'");
    s.send("echo got \x1b.");
    s.wait_text("$ echo got 'a b'");
    s.send(" x\r");
    s.wait_text("\ngot a b x\n");
    s.send("echo \x1b.");
    s.wait_for("the newest last word", |s| s.screen().ends_with("$ echo x"));
    s.send("\r");
    s.wait_prompt();
}

#[test]
fn ctrl_x_ctrl_e_edits_the_line_in_editor_then_runs_it() {
    let dir = TempDir::new("edit");
    let editor = dir.path().join("ed.sh");
    std::fs::write(&editor, "#!/bin/sh\nsed 's/draft/final/' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"\n")
        .expect("write the editor");
    std::process::Command::new("chmod")
        .args(["+x", &editor.display().to_string()])
        .status()
        .expect("chmod");
    let mut s = Session::shell_with(&["-i"], &[("EDITOR", &editor.display().to_string())]);
    s.send("echo draft text");
    s.wait_text("$ echo draft text");
    s.send("\x18\x05");
    // fc shows the edited command, then runs it.
    s.wait_text("$ echo draft text\necho final text\nfinal text\n$");
    s.run("history");
    s.wait_text("    1  echo draft text\n    2  echo final text\n    3  history");
}
